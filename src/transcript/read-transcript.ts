import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { TranscriptMessage } from './attribute-transcript.js';
import { readCsvTranscript } from './csv-transcript.js';
import { readJsonlTranscript } from './jsonl-transcript.js';
import { type BadLine, TranscriptError } from './transcript-error.js';
import type { TranscriptRow, TranscriptRows } from './transcript-rows.js';

export { type BadLine, TranscriptError } from './transcript-error.js';

/** The transcript formats read. */
export type TranscriptFormat = 'jsonl' | 'csv';

/** How to read a transcript. */
export interface ReadTranscriptOptions {
  /** Recap the readable lines and return the others as `skipped`, instead of refusing the file. */
  skipBad?: boolean;
  /** The format; by default from the file's extension, else from its first character. */
  format?: TranscriptFormat;
}

/** A transcript that can be recapped. */
export interface ReadTranscriptResult {
  /** The readable messages, in file order (attribution sorts them by time). */
  messages: TranscriptMessage[];
  /** Lines left out under `skipBad`, in file order. */
  skipped: BadLine[];
  /** Exact repeats of an earlier message (same id, author, text and time), dropped: archives often repeat rows. */
  duplicates: number;
}

/** Reads a transcript file: JSONL (one message a line) or CSV (our columns or the TAGS archive's). */
export function readTranscript(file: string, options: ReadTranscriptOptions = {}): ReadTranscriptResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : String(error);
    throw new TranscriptError(file, [], `Cannot read ${file}: ${why}.`, 'TRANSCRIPT_UNREADABLE');
  }
  return parseTranscript(text, file, { ...options, format: options.format ?? formatOfName(file) });
}

/** Parses a transcript's text; `file` only names it in errors. Throws TranscriptError with the bad lines. */
export function parseTranscript(text: string, file: string, options: ReadTranscriptOptions = {}): ReadTranscriptResult {
  const format = options.format ?? (text.replace(/^\uFEFF/, '').trimStart().startsWith('{') ? 'jsonl' : 'csv');
  const read = format === 'jsonl' ? readJsonlTranscript(text) : readCsvTranscript(text, file);
  const { rows, bad, duplicates } = withoutRepeats(read);
  if (bad.length > 0 && !options.skipBad) throw new TranscriptError(file, bad);
  if (rows.length === 0) {
    const skipped = bad.length ? ` (${bad.length} unreadable line(s) skipped)` : '';
    throw new TranscriptError(file, bad, `${file} has no messages to recap${skipped}. A transcript needs at least the host's questions ("Q1: …") and the answers.`, 'TRANSCRIPT_EMPTY');
  }
  return { messages: rows.map((r) => r.message), skipped: bad, duplicates };
}

function formatOfName(file: string): TranscriptFormat | undefined {
  const ext = extname(file).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.csv') return 'csv';
  return undefined;
}

// Ids must be unique: the recap lists every message once by id. Archives repeat rows (an exact repeat
// is dropped); a different message under a used id is a bad line, because either could be the real one.
function withoutRepeats(read: TranscriptRows): TranscriptRows & { duplicates: number } {
  const byId = new Map<string, TranscriptRow>();
  const rows: TranscriptRow[] = [];
  const bad = [...read.bad];
  let duplicates = 0;
  for (const row of read.rows) {
    const { id, author, text, ts } = row.message;
    const first = byId.get(id);
    if (!first) {
      byId.set(id, row);
      rows.push(row);
    } else if (first.message.author === author && first.message.text === text && first.message.ts === ts) {
      duplicates++;
    } else {
      const mangled = /^\d(\.\d+)?e\+\d+$/i.test(id) ? ' (a spreadsheet seems to have rounded the ids: format the id column as text and export again)' : '';
      bad.push({ line: row.line, problem: `id "${id}" is already used on line ${first.line} by a different message${mangled}` });
    }
  }
  bad.sort((a, b) => a.line - b.line);
  return { rows, bad, duplicates };
}
