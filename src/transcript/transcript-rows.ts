import type { TranscriptMessage } from './attribute-transcript.js';
import type { BadLine } from './transcript-error.js';

/** A message read from a transcript with the line it came from, so later checks can name the line. */
export interface TranscriptRow {
  /** 1-based line number where the message starts. */
  line: number;
  /** The message. */
  message: TranscriptMessage;
}

/** What one format's reader found: the readable messages and the lines it could not read. */
export interface TranscriptRows {
  /** Readable messages in file order. */
  rows: TranscriptRow[];
  /** Unreadable lines, in file order. */
  bad: BadLine[];
}

/**
 * One string per distinct value: a transcript repeats each author's name on every line, and a huge one would
 * otherwise hold a copy per message. Stops adding past `limit` distinct values, where sharing no longer pays.
 */
export class StringPool {
  private readonly pool = new Map<string, string>();
  constructor(private readonly limit = 100_000) {}

  /** The pooled copy of `value`. */
  intern(value: string): string {
    const pooled = this.pool.get(value);
    if (pooled !== undefined) return pooled;
    if (this.pool.size < this.limit) this.pool.set(value, value);
    return value;
  }
}

/** A message object, `replyTo` only when there is one (no spread: a plain literal is smaller and faster). */
export function transcriptMessage(id: string, author: string, text: string, ts: number, replyTo?: string): TranscriptMessage {
  return replyTo ? { id, author, text, ts, replyTo } : { id, author, text, ts };
}
