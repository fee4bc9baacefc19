import { clearScreenDown, cursorTo, moveCursor } from 'node:readline';
import { truncateToWidth } from './screen-width.js';

/** What the terminal output needs from a prompt drawn under the status line (see PromptLine). */
export interface LiveInput {
  /** Rows between the prompt's first row and the row the cursor is on now. */
  rowsAboveCursor(): number;
  /** Draws the prompt and what has been typed so far, cursor where it was; starts at a row's left edge. */
  render(): void;
}

type Screen = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

// Auto-wrap off while the status is written: should a terminal count an emoji wider than we do, the
// line is clipped at the edge instead of spilling onto the prompt's row.
const NO_WRAP = '\x1b[?7l';
const WRAP = '\x1b[?7h';

/**
 * Writes the room to a terminal: chat lines scroll, and on a TTY one status line stays at the bottom,
 * with the prompt (when there is one) under it. Without a TTY (CI, a pipe) the status is printed as an
 * ordinary line whenever it changes meaning.
 */
export class TerminalOutput {
  private status = '';
  private lastPrintedStatusKey = '';
  private input: LiveInput | undefined;

  /** `colors`: whether to use ANSI colours (the entry point decides, from NO_COLOR/FORCE_COLOR and the TTY). */
  constructor(
    private readonly stream: Screen,
    private readonly colors = false,
  ) {}

  /** Prints one chat line above the status line (and the prompt). */
  print(line: string): void {
    this.interject(() => this.stream.write(`${line}\n`));
  }

  /**
   * Runs `write`, which prints whole lines to this terminal (stdout or stderr), above the status line:
   * the status and the prompt are taken away first and drawn again under what was written.
   */
  interject(write: () => void): void {
    if (this.input) {
      this.clearLiveArea(this.input);
      write();
      this.drawLiveArea(this.input);
    } else if (this.stream.isTTY) {
      this.stream.write('\r\x1b[K');
      write();
      if (this.status) this.stream.write(this.statusRow());
    } else {
      write();
    }
  }

  /**
   * Shows the status. On a TTY it redraws in place; otherwise it is printed when `key` (e.g. the open
   * question) changes, so a log stays readable.
   */
  setStatus(text: string, key: string): void {
    const unchanged = text === this.status;
    this.status = text;
    if (this.input) {
      if (!unchanged) this.interject(() => undefined);
    } else if (this.stream.isTTY) {
      this.stream.write(`\r\x1b[K${this.statusRow()}`);
    } else if (key !== this.lastPrintedStatusKey) {
      this.lastPrintedStatusKey = key;
      this.stream.write(`[status] ${text}\n`);
    }
  }

  /** Puts a prompt under the status line; from now on every redraw leaves what is typed there intact. */
  attachInput(input: LiveInput): void {
    if (!this.stream.isTTY) throw new Error('A prompt needs a terminal to draw on');
    this.stream.write('\r\x1b[K');
    this.input = input;
    this.drawLiveArea(input);
  }

  /** Takes the prompt away (it was closed); the status line goes on alone. */
  detachInput(): void {
    if (!this.input) return;
    this.clearLiveArea(this.input);
    this.input = undefined;
    if (this.status) this.stream.write(this.statusRow());
  }

  /** Clears the status line (and the prompt) for good: what is printed later scrolls as plain lines. */
  finish(): void {
    this.detachInput();
    this.status = '';
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

  // One screen row at most, counted in columns; the last column stays free so the cursor never wraps.
  private statusRow(): string {
    const width = this.stream.columns || 120;
    return `${NO_WRAP}${this.dim(truncateToWidth(this.status, Math.max(1, width - 1)))}${WRAP}`;
  }

  // The live area is the status row and the prompt's rows under it; the cursor is somewhere in the prompt.
  private clearLiveArea(input: LiveInput): void {
    moveCursor(this.stream, 0, -(input.rowsAboveCursor() + 1));
    cursorTo(this.stream, 0);
    clearScreenDown(this.stream);
  }

  private drawLiveArea(input: LiveInput): void {
    this.stream.write(`${this.statusRow()}\n`);
    input.render();
  }
}
