import { type CsvRecord, CsvRecordReader, type CsvStop } from './csv-rows.js';
import { TranscriptError } from './transcript-error.js';
import { parseTranscriptTime, TIME_FORMS } from '../time/parse-time.js';
import { noRows, StringPool, transcriptMessage, type TranscriptRows } from './transcript-rows.js';

/** The column names a CSV transcript may use: ours, and the TAGS Twitter-archive sheet's. */
const COLUMN_SETS = [
  { id: 'id', author: 'author', text: 'text', ts: 'ts', replyTo: 'reply_to' },
  { id: 'id_str', author: 'from_user', text: 'text', ts: 'created_at', replyTo: 'in_reply_to_status_id_str' },
] as const;

/**
 * Reads a CSV transcript with a header row, either `id,author,text,ts,reply_to` or the TAGS archive's
 * `id_str,from_user,text,created_at,in_reply_to_status_id_str` (other columns are ignored).
 */
export function readCsvTranscript(text: string, file: string): TranscriptRows {
  const rows = new CsvTranscriptRows(file);
  const reader = new CsvRecordReader((record) => rows.add(record));
  reader.push(text);
  return rows.finish(reader.end());
}

/** The same, record by record as a CSV file streams in: only the messages are kept. */
export class CsvTranscriptRows {
  private readonly result: TranscriptRows = noRows();
  private readonly authors = new StringPool();
  private header: { names: string[]; columns: (typeof COLUMN_SETS)[number]; at: Record<Column, number> } | undefined;

  constructor(private readonly file: string) {}

  /** Takes the next record: the header first, then one message a record. */
  add(record: CsvRecord): void {
    if (!this.header) {
      this.header = headerOf(record, this.file);
      return;
    }
    const { names, columns, at } = this.header;
    const f = record.fields;
    if (record.problem) {
      this.result.bad.push({ line: record.line, problem: record.problem });
      return;
    }
    if (f.length !== names.length) {
      const problem =
        `${f.length} fields where the header has ${names.length} (a comma inside a text needs the ` +
        `text in "quotes")`;
      this.result.bad.push({ line: record.line, problem });
      return;
    }
    const id = f[at.id]!.trim();
    const author = this.authors.intern(f[at.author]!.trim());
    const rawTs = f[at.ts]!;
    const ts = parseTranscriptTime(rawTs);
    const problems = [
      !id && `${columns.id} is empty`,
      !author && `${columns.author} is empty`,
      Number.isNaN(ts) && `${columns.ts} "${rawTs}" is not ${TIME_FORMS}`,
    ].filter((p): p is string => typeof p === 'string');
    if (problems.length > 0) {
      this.result.bad.push({ line: record.line, problem: problems.join('; ') });
      return;
    }
    const replyTo = at.replyTo < 0 ? '' : f[at.replyTo]!.trim();
    this.result.messages.push(transcriptMessage(id, author, f[at.text]!, ts, replyTo));
    this.result.lines.push(record.line);
  }

  /** What was read; `stop` is the unclosed quote that ended reading, if one did. */
  finish(stop: CsvStop | undefined): TranscriptRows {
    // The unclosed quote swallowed everything after it, so it is reported last, where it stopped reading.
    if (stop) this.result.bad.push({ line: stop.line, problem: stop.message });
    return this.result;
  }
}

type Column = 'id' | 'author' | 'text' | 'ts' | 'replyTo';

function headerOf(record: CsvRecord, file: string) {
  const names = record.fields.map((f) => f.trim().toLowerCase());
  const columns = COLUMN_SETS.find((set) => [set.id, set.author, set.text, set.ts].every((c) => names.includes(c)));
  if (!columns) {
    throw new TranscriptError(
      file,
      [],
      `${file}:${record.line} has the columns ${names.join(', ')}; expected a header of id,author,text,ts,reply_to ` +
        "(or the TAGS archive's id_str,from_user,text,created_at,in_reply_to_status_id_str). " +
        'JSONL files need one {…} object a line.',
      'TRANSCRIPT_UNREADABLE',
    );
  }
  const at: Record<Column, number> = {
    id: names.indexOf(columns.id),
    author: names.indexOf(columns.author),
    text: names.indexOf(columns.text),
    ts: names.indexOf(columns.ts),
    replyTo: names.indexOf(columns.replyTo),
  };
  return { names, columns, at };
}
