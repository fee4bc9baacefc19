import { parseCsv } from './csv-rows.js';
import { TranscriptError } from './transcript-error.js';
import { parseTranscriptTime, TIME_FORMS } from '../time/parse-time.js';
import type { TranscriptRows } from './transcript-rows.js';

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
  const { records, error } = parseCsv(text);
  const result: TranscriptRows = { rows: [], bad: [] };
  const [header, ...rows] = records;
  if (!header) {
    if (error) result.bad.push({ line: error.line, problem: error.message });
    return result;
  }
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const columns = COLUMN_SETS.find((set) => [set.id, set.author, set.text, set.ts].every((c) => names.includes(c)));
  if (!columns) {
    throw new TranscriptError(
      file,
      [],
      `${file}:${header.line} has the columns ${names.join(', ')}; expected a header of id,author,text,ts,reply_to ` +
        '(or the TAGS archive\'s id_str,from_user,text,created_at,in_reply_to_status_id_str). JSONL files need one {…} object a line.',
      'TRANSCRIPT_UNREADABLE',
    );
  }
  const column = { id: names.indexOf(columns.id), author: names.indexOf(columns.author), text: names.indexOf(columns.text), ts: names.indexOf(columns.ts), replyTo: names.indexOf(columns.replyTo) };
  for (const record of rows) {
    const f = record.fields;
    if (record.problem) {
      result.bad.push({ line: record.line, problem: record.problem });
      continue;
    }
    if (f.length !== names.length) {
      result.bad.push({ line: record.line, problem: `${f.length} fields where the header has ${names.length} (a comma inside a text needs the text in "quotes")` });
      continue;
    }
    const id = f[column.id]!.trim();
    const author = f[column.author]!.trim();
    const rawTs = f[column.ts]!;
    const ts = parseTranscriptTime(rawTs);
    const problems = [
      !id && `${columns.id} is empty`,
      !author && `${columns.author} is empty`,
      Number.isNaN(ts) && `${columns.ts} "${rawTs}" is not ${TIME_FORMS}`,
    ].filter((p): p is string => typeof p === 'string');
    if (problems.length > 0) {
      result.bad.push({ line: record.line, problem: problems.join('; ') });
      continue;
    }
    const replyTo = column.replyTo < 0 ? '' : f[column.replyTo]!.trim();
    result.rows.push({ line: record.line, message: { id, author, text: f[column.text]!, ts, ...(replyTo ? { replyTo } : {}) } });
  }
  // The unclosed quote swallowed everything after it, so it is reported last, where it stopped reading.
  if (error) result.bad.push({ line: error.line, problem: error.message });
  return result;
}
