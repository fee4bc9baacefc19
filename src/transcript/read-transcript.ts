import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { TranscriptMessage } from './attribute-transcript.js';
import { parseCsv } from './csv-rows.js';

/** A transcript line that could not be read. */
export interface BadLine {
  /** 1-based line number. */
  line: number;
  /** What is wrong, in plain words. */
  problem: string;
}

/** A transcript that cannot be used as it is; the message lists the bad lines (up to 20). */
export class TranscriptError extends Error {
  /** Stable code for callers. */
  readonly code = 'TRANSCRIPT_INVALID';
  constructor(
    /** The file read. */
    readonly file: string,
    /** The lines that could not be read. */
    readonly badLines: BadLine[],
    summary?: string,
  ) {
    super(
      summary ??
        `${file} has ${badLines.length} line(s) that cannot be read; nothing was written:\n` +
          badLines
            .slice(0, 20)
            .map((b) => `  ${file}:${b.line}  ${b.problem}`)
            .join('\n') +
          (badLines.length > 20 ? `\n  … and ${badLines.length - 20} more` : '') +
          '\nFix them, or pass --skip-bad to recap the rest.',
    );
    this.name = 'TranscriptError';
  }
}

const isoTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'an ISO 8601 time like "2026-11-19T18:05:16Z"');

const jsonlRow = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  author: z.string().min(1),
  text: z.string(),
  ts: isoTime,
  replyTo: z.union([z.string(), z.number()]).transform(String).optional().nullable(),
});

// Twitter's archive form, as the TAGS sheet exports it: "Thu Nov 19 18:05:16 +0000 2026".
const TWITTER_TIME = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\w{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([+-]\d{4}) (\d{4})$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function parseTime(value: string): number {
  const twitter = TWITTER_TIME.exec(value.trim());
  if (twitter) {
    const [, , mon, day, hh, mm, ss, offset, year] = twitter;
    const month = MONTHS.indexOf(mon!);
    if (month < 0) return Number.NaN;
    const sign = offset!.startsWith('-') ? -1 : 1;
    const offsetMs = sign * (Number(offset!.slice(1, 3)) * 60 + Number(offset!.slice(3))) * 60_000;
    return Date.UTC(Number(year), month, Number(day), Number(hh), Number(mm), Number(ss)) - offsetMs;
  }
  return Date.parse(value);
}

/** Reads a transcript file: JSONL (one message a line) or CSV (our columns or the TAGS archive's), by content. */
export function readTranscript(file: string, options: { skipBad?: boolean } = {}): { messages: TranscriptMessage[]; skipped: BadLine[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new TranscriptError(file, [], `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error)}.`);
  }
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  const result = trimmed.startsWith('{') ? readJsonl(text) : readCsvTranscript(text, file);
  if (result.bad.length > 0 && !options.skipBad) throw new TranscriptError(file, result.bad);
  if (result.messages.length === 0) {
    throw new TranscriptError(file, result.bad, `${file} has no messages to recap${result.bad.length ? ` (${result.bad.length} unreadable line(s) skipped)` : ''}.`);
  }
  return { messages: result.messages, skipped: result.bad };
}

function readJsonl(text: string): { messages: TranscriptMessage[]; bad: BadLine[] } {
  const messages: TranscriptMessage[] = [];
  const bad: BadLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw.replace(/^\uFEFF/, ''));
    } catch (error) {
      bad.push({ line, problem: `not valid JSON (${(error as Error).message})` });
      return;
    }
    const row = jsonlRow.safeParse(value);
    if (!row.success) {
      bad.push({ line, problem: row.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ') });
      return;
    }
    const { id, author, text: body, ts, replyTo } = row.data;
    messages.push({ id, author, text: body, ts: Date.parse(ts), ...(replyTo ? { replyTo } : {}) });
  });
  return { messages, bad };
}

const COLUMN_SETS = [
  { id: 'id', author: 'author', text: 'text', ts: 'ts', replyTo: 'reply_to' },
  { id: 'id_str', author: 'from_user', text: 'text', ts: 'created_at', replyTo: 'in_reply_to_status_id_str' },
];

function readCsvTranscript(text: string, file: string): { messages: TranscriptMessage[]; bad: BadLine[] } {
  const { records, error } = parseCsv(text);
  const bad: BadLine[] = error ? [{ line: error.line, problem: error.message }] : [];
  const [header, ...rows] = records;
  if (!header) return { messages: [], bad };
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const columns = COLUMN_SETS.find((set) => [set.id, set.author, set.text, set.ts].every((c) => names.includes(c)));
  if (!columns) {
    throw new TranscriptError(
      file,
      [],
      `${file}:1 has columns ${names.join(', ')}; expected id,author,text,ts,reply_to (or the TAGS archive's id_str,from_user,text,created_at,in_reply_to_status_id_str).`,
    );
  }
  const at = (row: string[], name: string) => {
    const index = names.indexOf(name);
    return index < 0 ? undefined : row[index];
  };
  const messages: TranscriptMessage[] = [];
  for (const record of rows) {
    if (record.fields.length !== names.length) {
      bad.push({ line: record.line, problem: `${record.fields.length} fields where the header has ${names.length}` });
      continue;
    }
    const id = at(record.fields, columns.id)?.trim();
    const author = at(record.fields, columns.author)?.trim();
    const ts = parseTime(at(record.fields, columns.ts) ?? '');
    const problems = [
      !id && `${columns.id} is empty`,
      !author && `${columns.author} is empty`,
      Number.isNaN(ts) && `${columns.ts} "${at(record.fields, columns.ts)}" is not a time (ISO 8601 or "Thu Nov 19 18:05:16 +0000 2026")`,
    ].filter(Boolean);
    if (problems.length > 0) {
      bad.push({ line: record.line, problem: problems.join('; ') });
      continue;
    }
    const replyTo = at(record.fields, columns.replyTo)?.trim();
    messages.push({ id: id!, author: author!, text: at(record.fields, columns.text) ?? '', ts, ...(replyTo ? { replyTo } : {}) });
  }
  return { messages, bad };
}
