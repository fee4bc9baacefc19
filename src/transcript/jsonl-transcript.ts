import { z } from 'zod';
import { parseTranscriptTime, TIME_FORMS } from '../time/parse-time.js';
import { noRows, StringPool, transcriptMessage, type TranscriptRows } from './transcript-rows.js';

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
  readonly result: TranscriptRows = noRows();
  private readonly authors = new StringPool();

  /** Reads line number `line` (1-based), without its line break. */
  add(text: string, line: number): void {
    const raw = line === 1 ? text.replace(/^\uFEFF/, '') : text;
    if (!/\S/.test(raw)) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      this.result.bad.push({ line, problem: `not valid JSON (${(error as Error).message})` });
      return;
    }
    // A well-formed line is read without zod, whose objects per line were a third of a huge import's garbage;
    // anything else goes through the schema, for its messages.
    const row = wellFormed(value) ?? jsonlRow.safeParse(value);
    if (!row.success) {
      const problem = row.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ');
      this.result.bad.push({ line, problem });
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
    this.result.messages.push(transcriptMessage(id, author, body, ts, replyTo?.trim()));
    this.result.lines.push(line);
  }
}

type JsonlRow = z.infer<typeof jsonlRow>;

// What the schema would return for a line it accepts, or undefined to let the schema judge (and explain) it.
function wellFormed(value: unknown): { success: true; data: JsonlRow; error?: undefined } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { id, author, text, ts, replyTo } = value as Record<string, unknown>;
  if (typeof author !== 'string' || typeof text !== 'string' || typeof ts !== 'string') return undefined;
  if (replyTo != null && typeof replyTo !== 'string' && typeof replyTo !== 'number') return undefined;
  const trimmedId = typeof id === 'number' ? String(id) : typeof id === 'string' ? id.trim() : '';
  const trimmedAuthor = author.trim();
  if (!trimmedId || !trimmedAuthor) return undefined;
  const reply = typeof replyTo === 'number' ? String(replyTo) : (replyTo as string | null | undefined);
  return { success: true, data: { id: trimmedId, author: trimmedAuthor, text, ts, replyTo: reply } };
}
