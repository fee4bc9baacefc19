import { graphemeWidth } from '../../adapters/local/screen-width.js';

// CSI, OSC and two-character escape sequences, as whole tokens.
// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI sequences begin with ESC (OSC ends with BEL).
const ESCAPE = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[ -/]*[0-~]/;

/**
 * A tiny VT100/xterm screen for tests: it interprets what a program wrote to its terminal (text, CR, LF,
 * backspace, cursor moves, erases, auto-wrap on/off, colours ignored) into rows of cells, so a test can
 * assert what a person would see. Rows scrolled off the top are kept in `scrollback`.
 */
export class VirtualTerminal {
  /** Rows that scrolled off the top, oldest first. */
  readonly scrollback: string[] = [];
  private cells: string[][];
  private row = 0;
  private col = 0;
  private wrapPending = false;
  private autoWrap = true;
  private saved = { row: 0, col: 0 };
  private pending = '';
  private readonly decoder = new TextDecoder('utf-8');

  /** `onlcr`: LF also returns the carriage, as a TTY's output processing does (a pty has done it already). */
  constructor(
    readonly columns: number,
    readonly rows: number,
    private readonly onlcr = false,
  ) {
    this.cells = Array.from({ length: rows }, () => this.blankRow());
  }

  /** Feeds raw output bytes (or text) to the screen. */
  write(data: Uint8Array | string): void {
    this.pending += typeof data === 'string' ? data : this.decoder.decode(data, { stream: true });
    // Escape sequences and text runs are taken whole; an incomplete sequence waits for the next chunk.
    const token = new RegExp(`${ESCAPE.source}|[\\x00-\\x1a\\x1c-\\x1f\\x7f]|[^\\x00-\\x1f\\x7f]+`, 'y');
    let index = 0;
    while (index < this.pending.length) {
      token.lastIndex = index;
      const match = token.exec(this.pending);
      if (!match) break;
      this.apply(match[0]);
      index += match[0].length;
    }
    this.pending = this.pending.slice(index);
  }

  /** The visible rows, trailing blanks trimmed. */
  screen(): string[] {
    return this.cells.map((cells) => cells.join('').trimEnd());
  }

  /** Scrollback then screen: everything ever shown, as rows. */
  history(): string[] {
    return [...this.scrollback, ...this.screen()];
  }

  /** Where the cursor is on the screen, zero-based. */
  cursor(): { row: number; col: number } {
    return { row: this.row, col: this.col };
  }

  private apply(token: string): void {
    if (token.startsWith('\x1b[')) this.csi(token);
    else if (token === '\x1b7') this.saved = { row: this.row, col: this.col };
    else if (token === '\x1b8') this.moveTo(this.saved.row, this.saved.col);
    else if (token.startsWith('\x1b'))
      return; // OSC, charset selection and the like change nothing shown
    else if (token === '\r') this.moveTo(this.row, 0);
    else if (token === '\n') {
      if (this.onlcr) this.moveTo(this.row, 0);
      this.lineFeed();
    } else if (token === '\b') this.moveTo(this.row, Math.max(0, this.col - 1));
    else if (token === '\t') this.moveTo(this.row, Math.min(this.columns - 1, (Math.floor(this.col / 8) + 1) * 8));
    else if (token.length === 1 && token < ' ')
      return; // bell and other controls
    else this.text(token);
  }

  private text(run: string): void {
    for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(run)) {
      const width = graphemeWidth(segment);
      if (width === 0) {
        const at = Math.max(0, this.col - (this.wrapPending ? 0 : 1));
        this.cells[this.row]![at] += segment;
        continue;
      }
      if (this.wrapPending || this.col + width > this.columns) {
        if (this.autoWrap) {
          this.col = 0;
          this.lineFeed();
        } else {
          this.col = this.columns - width;
        }
      }
      this.put(segment, width);
      if (this.col + width >= this.columns) {
        this.col = this.columns - 1;
        this.wrapPending = this.autoWrap;
      } else {
        this.col += width;
      }
    }
  }

  // A wide character fills its cell and the next, left empty; overwriting half of one blanks the other half.
  private put(segment: string, width: number): void {
    const line = this.cells[this.row]!;
    if (line[this.col] === '' && this.col > 0) line[this.col - 1] = ' ';
    if (line[this.col + width] === '') line[this.col + width] = ' ';
    line[this.col] = segment;
    if (width === 2) line[this.col + 1] = '';
  }

  private csi(sequence: string): void {
    const final = sequence.at(-1)!;
    const body = sequence.slice(2, -1);
    if (body.startsWith('?')) {
      if (body === '?7' && final === 'h') this.autoWrap = true;
      if (body === '?7' && final === 'l') this.autoWrap = false;
      return;
    }
    const params = body.split(';').map((p) => (p === '' ? undefined : Number(p)));
    const n = params[0] ?? 1;
    switch (final) {
      case 'A':
        this.moveTo(Math.max(0, this.row - n), this.col);
        break;
      case 'B':
        this.moveTo(Math.min(this.rows - 1, this.row + n), this.col);
        break;
      case 'C':
        this.moveTo(this.row, Math.min(this.columns - 1, this.col + n));
        break;
      case 'D':
        this.moveTo(this.row, Math.max(0, this.col - n));
        break;
      case 'G':
        this.moveTo(this.row, Math.min(this.columns - 1, n - 1));
        break;
      case 'H':
      case 'f':
        this.moveTo(Math.min(this.rows - 1, n - 1), Math.min(this.columns - 1, (params[1] ?? 1) - 1));
        break;
      case 'J':
        this.eraseDisplay(params[0] ?? 0);
        break;
      case 'K':
        this.eraseLine(params[0] ?? 0);
        break;
      default:
        break; // colours (m) and modes change nothing a test reads
    }
  }

  private eraseDisplay(mode: number): void {
    this.eraseLine(mode);
    const rows = mode === 0 ? [this.row + 1, this.rows] : mode === 1 ? [0, this.row] : [0, this.rows];
    for (let r = rows[0]!; r < rows[1]!; r++) this.cells[r] = this.blankRow();
  }

  private eraseLine(mode: number): void {
    const line = this.cells[this.row]!;
    const [from, to] = mode === 0 ? [this.col, this.columns] : mode === 1 ? [0, this.col + 1] : [0, this.columns];
    for (let c = from; c < to; c++) line[c] = ' ';
  }

  private lineFeed(): void {
    this.wrapPending = false;
    if (this.row < this.rows - 1) {
      this.row++;
      return;
    }
    this.scrollback.push(this.cells.shift()!.join('').trimEnd());
    this.cells.push(this.blankRow());
  }

  private moveTo(row: number, col: number): void {
    this.row = row;
    this.col = col;
    this.wrapPending = false;
  }

  private blankRow(): string[] {
    return Array.from({ length: this.columns }, () => ' ');
  }
}
