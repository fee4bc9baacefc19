/** One parsed CSV record with the line it starts on. */
export interface CsvRecord {
  /** 1-based line number where the record starts. */
  line: number;
  /** Field values. */
  fields: string[];
  /** Set when the record breaks RFC 4180 (text after a closing quote); its fields are a best guess. */
  problem?: string;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * Splits RFC 4180 CSV (quoted fields with commas, doubled quotes and line breaks; CRLF, LF or CR; a
 * leading BOM) into records, remembering where each starts so errors can name the line. Fields are
 * sliced, not built a character at a time: archives run to hundreds of thousands of rows.
 */
export function parseCsv(text: string): { records: CsvRecord[]; error?: { line: number; message: string } } {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const n = source.length;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let problem: string | undefined;
  let line = 1;
  let recordLine = 1;
  let i = 0;
  for (;;) {
    // At the start of a field.
    let value: string;
    if (source.charCodeAt(i) === QUOTE) {
      let start = i + 1;
      value = '';
      for (;;) {
        const close = source.indexOf('"', start);
        if (close < 0) {
          return { records, error: { line: recordLine, message: 'a quoted field is never closed (every " that opens a field needs one that closes it)' } };
        }
        line += countLineBreaks(source, start, close);
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
      if (end > i) {
        // Kept rather than dropped so the row still shows what was meant, but the row is flagged.
        problem ??= `text after the closing quote of field ${fields.length + 1} (write a quote inside a quoted field as "")`;
        value += source.slice(i, end);
        i = end;
      }
    } else {
      const end = nextDelimiter(source, i);
      value = source.slice(i, end);
      i = end;
    }
    fields.push(value);
    const ch = i < n ? source.charCodeAt(i) : -1;
    if (ch === COMMA) {
      i++;
      continue;
    }
    // End of a record: a line break or the end of the text.
    if (!(fields.length === 1 && fields[0] === '' && !problem && source.charCodeAt(i - 1) !== QUOTE)) {
      records.push(problem ? { line: recordLine, fields, problem } : { line: recordLine, fields });
    }
    fields = [];
    problem = undefined;
    if (ch < 0) break;
    i += ch === CR && source.charCodeAt(i + 1) === LF ? 2 : 1;
    line++;
    recordLine = line;
    if (i >= n) break;
  }
  return { records };
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
