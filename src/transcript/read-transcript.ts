import { createReadStream, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { TranscriptMessage } from './attribute-transcript.js';
import { CsvRecordReader } from './csv-rows.js';
import { CsvTranscriptRows, readCsvTranscript } from './csv-transcript.js';
import { IdIndex } from './id-index.js';
import { JsonlTranscriptRows, readJsonlTranscript } from './jsonl-transcript.js';
import { type BadLine, TranscriptError } from './transcript-error.js';
import { noRows, type TranscriptRows } from './transcript-rows.js';

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

/** Reads a transcript file in one go: JSONL (one message a line) or CSV (our columns or the TAGS archive's). */
export function readTranscript(file: string, options: ReadTranscriptOptions = {}): ReadTranscriptResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw unreadable(file, error);
  }
  return parseTranscript(text, file, { ...options, format: options.format ?? formatOfName(file) });
}

/**
 * Reads a transcript file as a stream, for files of any size: memory grows with the messages kept, never with
 * the raw text, which is read in chunks and dropped line by line. Same results and errors as readTranscript.
 */
export async function streamTranscript(
  file: string,
  options: ReadTranscriptOptions = {},
): Promise<ReadTranscriptResult> {
  let format = options.format ?? formatOfName(file);
  let feed: ((chunk: string) => void) | undefined;
  let finish: (() => TranscriptRows) | undefined;
  try {
    // Small chunks on purpose: a string over ~128 KB goes to V8's large-object space, which only a full
    // collection frees, and a megabyte a chunk piled up hundreds of megabytes of dead text between them.
    const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 32 * 1024 });
    for await (const chunk of stream as AsyncIterable<string>) {
      if (!feed) {
        format ??= chunk
          .replace(/^\uFEFF/, '')
          .trimStart()
          .startsWith('{')
          ? 'jsonl'
          : 'csv';
        ({ feed, finish } = format === 'jsonl' ? jsonlFeed() : csvFeed(file));
      }
      feed(chunk);
    }
  } catch (error) {
    if (error instanceof TranscriptError) throw error;
    throw unreadable(file, error);
  }
  return finishRows(finish ? finish() : noRows(), file, options);
}

// Lines are split on LF (a CR before it dropped), exactly as readJsonlTranscript splits them, so a stray CR
// inside a line does not shift the line numbers errors name.
function jsonlFeed(): { feed: (chunk: string) => void; finish: () => TranscriptRows } {
  const rows = new JsonlTranscriptRows();
  let pending = '';
  let line = 0;
  const take = (text: string) => rows.add(text.endsWith('\r') ? text.slice(0, -1) : text, ++line);
  return {
    feed(chunk) {
      const text = pending + chunk;
      let start = 0;
      for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
        take(text.slice(start, end));
        start = end + 1;
      }
      pending = text.slice(start);
    },
    finish() {
      take(pending);
      return rows.result;
    },
  };
}

function csvFeed(file: string): { feed: (chunk: string) => void; finish: () => TranscriptRows } {
  const rows = new CsvTranscriptRows(file);
  const reader = new CsvRecordReader((record) => rows.add(record));
  return { feed: (chunk) => reader.push(chunk), finish: () => rows.finish(reader.end()) };
}

function unreadable(file: string, error: unknown): TranscriptError {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : String(error);
  return new TranscriptError(file, [], `Cannot read ${file}: ${why}.`, 'TRANSCRIPT_UNREADABLE');
}

/** Parses a transcript's text; `file` only names it in errors. Throws TranscriptError with the bad lines. */
export function parseTranscript(text: string, file: string, options: ReadTranscriptOptions = {}): ReadTranscriptResult {
  const format =
    options.format ??
    (text
      .replace(/^\uFEFF/, '')
      .trimStart()
      .startsWith('{')
      ? 'jsonl'
      : 'csv');
  return finishRows(format === 'jsonl' ? readJsonlTranscript(text) : readCsvTranscript(text, file), file, options);
}

// Drops exact repeats, then refuses the file if lines are bad (unless skipBad) or nothing is left.
function finishRows(read: TranscriptRows, file: string, options: ReadTranscriptOptions): ReadTranscriptResult {
  const { messages, bad, duplicates } = withoutRepeats(read);
  if (bad.length > 0 && !options.skipBad) throw new TranscriptError(file, bad);
  if (messages.length === 0) {
    const skipped = bad.length ? ` (${bad.length} unreadable line(s) skipped)` : '';
    throw new TranscriptError(
      file,
      bad,
      `${file} has no messages to recap${skipped}. A transcript needs at least the host's questions ("Q1: …") and ` +
        `the answers.`,
      'TRANSCRIPT_EMPTY',
    );
  }
  return { messages, skipped: bad, duplicates };
}

function formatOfName(file: string): TranscriptFormat | undefined {
  const ext = extname(file).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.csv') return 'csv';
  return undefined;
}

// Ids must be unique: the recap lists every message once by id. Archives repeat rows (an exact repeat
// is dropped); a different message under a used id is a bad line, because either could be the real one.
function withoutRepeats(read: TranscriptRows): { messages: TranscriptMessage[]; bad: BadLine[]; duplicates: number } {
  // Kept messages are compacted in place, so the usual file without repeats costs no second array.
  const { messages, lines } = read;
  const byId = new IdIndex((index) => messages[index]!.id);
  const bad = [...read.bad];
  let kept = 0;
  for (let index = 0; index < messages.length; index++) {
    const message = messages[index]!;
    const at = byId.findOrAdd(message.id, kept);
    if (at < 0) {
      lines[kept] = lines[index]!;
      messages[kept++] = message;
      continue;
    }
    const first = messages[at]!;
    if (first.author === message.author && first.text === message.text && first.ts === message.ts) {
      continue;
    }
    const mangled = /^\d(\.\d+)?e\+\d+$/i.test(message.id)
      ? ' (a spreadsheet seems to have rounded the ids: format the id column as text and export again)'
      : '';
    const problem = `id "${message.id}" is already used on line ${lines[at]} by a different message${mangled}`;
    bad.push({ line: lines[index]!, problem });
  }
  const duplicates = messages.length - kept - (bad.length - read.bad.length);
  messages.length = kept;
  bad.sort((a, b) => a.line - b.line);
  return { messages, bad, duplicates };
}
