/**
 * Writes the room to a terminal: chat lines scroll, and on a TTY one status line stays at the bottom.
 * Without a TTY (CI, a pipe) the status is printed as an ordinary line whenever it changes meaning.
 */
export class TerminalOutput {
  private status = '';
  private lastPrintedStatusKey = '';

  constructor(
    private readonly stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number },
    private readonly colors = Boolean(stream.isTTY) && !process.env.NO_COLOR,
  ) {}

  /** Prints one chat line above the status line. */
  print(line: string): void {
    if (this.stream.isTTY) {
      this.stream.write(`\r\x1b[K${line}\n${this.dim(this.status)}`);
    } else {
      this.stream.write(`${line}\n`);
    }
  }

  /**
   * Shows the status. On a TTY it redraws in place; otherwise it is printed when `key` (e.g. the open
   * question) changes, so a log stays readable.
   */
  setStatus(text: string, key: string): void {
    this.status = text;
    if (this.stream.isTTY) {
      const width = this.stream.columns ?? 120;
      this.stream.write(`\r\x1b[K${this.dim(text.slice(0, Math.max(20, width - 1)))}`);
    } else if (key !== this.lastPrintedStatusKey) {
      this.lastPrintedStatusKey = key;
      this.stream.write(`[status] ${text}\n`);
    }
  }

  /** Clears the status line before the program moves on. */
  finish(): void {
    if (this.stream.isTTY) this.stream.write('\r\x1b[K');
  }

  /** Bold, when colours are on. */
  bold(text: string): string {
    return this.colors ? `\x1b[1m${text}\x1b[22m` : text;
  }

  /** Dim, when colours are on. */
  dim(text: string): string {
    return this.colors ? `\x1b[2m${text}\x1b[22m` : text;
  }

  /** A stable colour per name, when colours are on. */
  tint(name: string, text = name): string {
    if (!this.colors) return text;
    const palette = [31, 32, 33, 34, 35, 36, 91, 92, 93, 94, 95, 96];
    const hash = [...name].reduce((acc, ch) => (acc * 31 + ch.charCodeAt(0)) >>> 0, 7);
    return `\x1b[${palette[hash % palette.length]}m${text}\x1b[39m`;
  }
}
