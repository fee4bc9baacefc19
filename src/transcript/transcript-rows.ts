import type { TranscriptMessage } from './attribute-transcript.js';
import type { BadLine } from './transcript-error.js';

/**
 * What one format's reader found: the readable messages, the line each came from (kept apart, as plain numbers,
 * so a huge transcript holds no wrapper object per message) and the lines it could not read.
 */
export interface TranscriptRows {
  /** Readable messages in file order. */
  messages: TranscriptMessage[];
  /** The 1-based line where each message starts, index for index. */
  lines: number[];
  /** Unreadable lines, in file order. */
  bad: BadLine[];
}

/** An empty result to fill. */
export function noRows(): TranscriptRows {
  return { messages: [], lines: [], bad: [] };
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

/**
 * A message object, `replyTo` only when there is one. It has an empty `attribution` slot (undefined, so it shows
 * nowhere): a huge transcript is attributed in place, and filling a slot allocates nothing where adding a
 * property would give each of a million messages a property store of its own.
 */
export function transcriptMessage(
  id: string,
  author: string,
  text: string,
  ts: number,
  replyTo?: string,
): TranscriptMessage {
  const attribution = undefined;
  const message = replyTo ? { id, author, text, ts, replyTo, attribution } : { id, author, text, ts, attribution };
  return message;
}
