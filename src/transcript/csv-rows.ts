/** One parsed CSV record with the line it starts on. */
export interface CsvRecord {
  /** 1-based line number where the record starts. */
  line: number;
  /** Field values. */
  fields: string[];
  /** Set when the record breaks RFC 4180 (text after a closing quote); its fields are a best guess. */
  problem?: string;
}

/** Why the records stopped early: a quote that never closes swallows the rest of the file. */
export interface CsvStop {
  /** The line the unclosed field's record starts on. */
  line: number;
  /** What is wrong, in plain words. */
  message: string;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
const UNCLOSED = 'a quoted field is never closed (every " that opens a field needs one that closes it)';
// A record still open after this many characters is an unclosed quote, not a field: reading on would hold
// the rest of a huge file in memory only to report the same error.
const MAX_RECORD_CHARS = 32 * 1024 * 1024;

type Parsed = { record: string[]; problem?: string; next: number; breaks: number } | 'more' | 'unclosed';

/**
 * Splits RFC 4180 CSV (quoted fields with commas, doubled quotes and line breaks; CRLF, LF or CR; a leading
 * BOM) into records as text arrives in chunks, remembering where each starts so errors can name the line.
 * Only the record being read is held, so a file of any size is read in little memory. Fields are sliced,
 * not built a character at a time: archives run to hundreds of thousands of rows.
 */
export class CsvRecordReader {
  private pending = '';
  private line = 1;
  private started = false;
  private stop: CsvStop | undefined;

  constructor(private readonly onRecord: (record: CsvRecord) => void) {}

  /** Reads the records completed by `chunk`. */
  push(chunk: string): void {
    if (this.stop) return;
    if (!this.started && chunk) {
      this.started = true;
      chunk = chunk.startsWith('\uFEFF') ? chunk.slice(1) : chunk;
    }
    this.pending = this.pending ? this.pending + chunk : chunk;
    this.drain(false);
  }

  /** Reads what is left; returns why reading stopped early, if it did. */
  end(): CsvStop | undefined {
    if (!this.stop) this.drain(true);
    return this.stop;
  }

  private drain(final: boolean): void {
    const source = this.pending;
    let i = 0;
    while (i < source.length) {
      const parsed = parseRecord(source, i, final);
      if (parsed === 'more') {
        if (source.length - i > MAX_RECORD_CHARS) this.stop = { line: this.line, message: UNCLOSED };
        break;
      }
      if (parsed === 'unclosed') {
        this.stop = { line: this.line, message: UNCLOSED };
        break;
      }
      const { record, problem, next, breaks } = parsed;
      // A blank line is no record; a line holding only "" is one empty field.
      const blank = record.length === 1 && record[0] === '' && source.charCodeAt(i) !== QUOTE;
      const line = this.line;
      if (!blank) this.onRecord(problem ? { line, fields: record, problem } : { line, fields: record });
      this.line += breaks;
      i = next;
    }
    this.pending = this.stop ? '' : source.slice(i);
  }
}

/** Parses CSV text in one go: the records, and why reading stopped early if it did. */
export function parseCsv(text: string): { records: CsvRecord[]; error?: CsvStop } {
  const records: CsvRecord[] = [];
  const reader = new CsvRecordReader((record) => records.push(record));
  reader.push(text);
  const error = reader.end();
  return error ? { records, error } : { records };
}

// One record from `from`: its fields, where the next starts and how many line breaks it spans; 'more' when the
// text ends before the record does (and more may come).
function parseRecord(source: string, from: number, final: boolean): Parsed {
  const n = source.length;
  const fields: string[] = [];
  let problem: string | undefined;
  let breaks = 0;
  let i = from;
  for (;;) {
    let value: string;
    if (source.charCodeAt(i) === QUOTE) {
      let start = i + 1;
      value = '';
      for (;;) {
        const close = source.indexOf('"', start);
        if (close < 0) return final ? 'unclosed' : 'more';
        if (close + 1 === n && !final) return 'more';
        breaks += countLineBreaks(source, start, close);
        if (source.charCodeAt(close + 1) === QUOTE) {
          value += source.slice(start, close + 1);
          start = close + 2;
          continue;
        }
        value += source.slice(start, close);
        i = close + 1;
        break;
      }
      const end = nextDelimiter(source, i);
      if (end === n && !final) return 'more';
      if (end > i) {
        // Kept rather than dropped so the row still shows what was meant, but the row is flagged.
        problem ??=
          `text after the closing quote of field ${fields.length + 1} (write a quote inside a quoted ` + `field as "")`;
        value += source.slice(i, end);
        i = end;
      }
    } else {
      const end = nextDelimiter(source, i);
      if (end === n && !final) return 'more';
      value = source.slice(i, end);
      i = end;
    }
    fields.push(value);
    const ch = i < n ? source.charCodeAt(i) : -1;
    if (ch === COMMA) {
      i++;
      continue;
    }
    if (ch < 0) return { record: fields, problem, next: n, breaks };
    // A CR at the end of the text may be the first half of a CRLF.
    if (ch === CR && i + 1 === n && !final) return 'more';
    const next = i + (ch === CR && source.charCodeAt(i + 1) === LF ? 2 : 1);
    return { record: fields, problem, next, breaks: breaks + 1 };
  }
}

// The index of the next comma or line break at or after `from`, or the end of the text.
function nextDelimiter(source: string, from: number): number {
  for (let i = from; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === COMMA || c === LF || c === CR) return i;
  }
  return source.length;
}

// Line breaks inside a quoted field still count, so later records keep their true line numbers.
function countLineBreaks(source: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = source.charCodeAt(i);
    if (c === LF || (c === CR && source.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}
