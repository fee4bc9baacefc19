import { existsSync, readFileSync, statSync } from 'node:fs';
import type { RoomLogEntry } from '../../adapters/local/room-log.js';

/**
 * Reads a local room's JSONL log as a test watches it: parsed again only when the file has grown, so a test
 * can poll it every few milliseconds. Lines are returned in file order, the order things were said in.
 */
export class RoomLogReader {
  private size = -1;
  private cached: RoomLogEntry[] = [];

  constructor(readonly path: string) {}

  /** Every line so far, in file order. */
  entries(): RoomLogEntry[] {
    if (!existsSync(this.path)) return [];
    const size = statSync(this.path).size;
    if (size === this.size) return this.cached;
    const text = readFileSync(this.path, 'utf8');
    // A line still being written is left for the next read.
    const complete = text.slice(0, text.lastIndexOf('\n') + 1);
    this.cached = complete
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as RoomLogEntry);
    if (complete.length === text.length) this.size = size;
    return this.cached;
  }

  /** The bot's posts whose text starts with `prefix`. */
  botPosts(prefix: string): RoomLogEntry[] {
    return this.entries().filter((entry) => entry.bot && entry.text.startsWith(prefix));
  }

  /** Whether the bot has posted something starting with `prefix`. */
  hasBotPost(prefix: string): boolean {
    return this.botPosts(prefix).length > 0;
  }

  /** The highest question number the bot has asked so far (0 before Q1). */
  askedQuestions(): number {
    let asked = 0;
    for (const entry of this.entries()) {
      const match = entry.bot ? /^Q(\d+):/.exec(entry.text) : null;
      if (match) asked = Math.max(asked, Number(match[1]));
    }
    return asked;
  }
}
