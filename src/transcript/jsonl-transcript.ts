import { z } from 'zod';
import { parseTranscriptTime, TIME_FORMS } from './transcript-time.js';
import { StringPool, transcriptMessage, type TranscriptRows } from './transcript-rows.js';

// Ids may come as numbers from tools that export platform snowflakes; they are kept as written.
const idSchema = z.union([z.string().trim().min(1, 'must not be empty'), z.number().transform(String)]);

const jsonlRow = z.object({
  id: idSchema,
  author: z.string().trim().min(1, 'must not be empty'),
  text: z.string(),
  ts: z.string(),
  replyTo: z.union([z.string(), z.number().transform(String)]).nullish(),
});

/** Reads JSONL: one message object a line (`id`, `author`, `text`, `ts`, optional `replyTo`); blank lines are fine. */
export function readJsonlTranscript(text: string): TranscriptRows {
  const rows = new JsonlTranscriptRows();
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) rows.add(lines[index]!, index + 1);
  return rows.result;
}

/** The same, line by line as a JSONL file streams in: only the messages are kept, never the raw text. */
export class JsonlTranscriptRows {
  /** The messages and bad lines so far. */
  readonly result: TranscriptRows = { rows: [], bad: [] };
  private readonly authors = new StringPool();

  /** Reads line number `line` (1-based), without its line break. */
  add(text: string, line: number): void {
    const raw = line === 1 ? text.replace(/^\uFEFF/, '') : text;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      this.result.bad.push({ line, problem: `not valid JSON (${(error as Error).message})` });
      return;
    }
    const row = jsonlRow.safeParse(value);
    if (!row.success) {
      this.result.bad.push({ line, problem: row.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ') });
      return;
    }
    const { id, text: body, replyTo } = row.data;
    const author = this.authors.intern(row.data.author);
    // Parsed here rather than in a zod transform, which costs a third more on a 100,000-line file.
    const ts = parseTranscriptTime(row.data.ts);
    if (Number.isNaN(ts)) {
      this.result.bad.push({ line, problem: `ts: "${row.data.ts}" is not ${TIME_FORMS}` });
      return;
    }
    this.result.rows.push({ line, message: transcriptMessage(id, author, body, ts, replyTo?.trim()) });
  }
}
