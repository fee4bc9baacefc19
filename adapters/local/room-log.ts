import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';

/** One line of the room's log: everything said in the local room, by people and by the bot. */
export const roomLogEntrySchema = z.object({
  id: z.string().min(1),
  authorId: z.string().min(1),
  author: z.string().min(1),
  text: z.string(),
  ts: z.number().int(),
  bot: z.boolean().default(false),
  replyTo: z.string().optional(),
});

/** A validated room log line. */
export type RoomLogEntry = z.infer<typeof roomLogEntrySchema>;

/**
 * The local room's memory, as a JSONL file: what a platform's message history is to Slack or Discord.
 * It lets a restarted bot see what it already posted and what people said while it was down; anyone
 * can append a line to speak in the room.
 */
export class RoomLog {
  constructor(private readonly path: string) {}

  /** Appends one entry. */
  append(entry: RoomLogEntry): void {
    appendFileSync(this.path, `${JSON.stringify(entry)}\n`);
  }

  /** Every valid entry at or after `since`; malformed lines are skipped and counted. */
  readSince(since: number): { entries: RoomLogEntry[]; skipped: number } {
    if (!existsSync(this.path)) return { entries: [], skipped: 0 };
    const entries: RoomLogEntry[] = [];
    let skipped = 0;
    for (const line of readFileSync(this.path, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      let parsed;
      try {
        parsed = roomLogEntrySchema.safeParse(JSON.parse(line));
      } catch {
        parsed = undefined;
      }
      if (!parsed?.success) {
        skipped++;
        continue;
      }
      if (parsed.data.ts >= since) entries.push(parsed.data);
    }
    return { entries: entries.sort((a, b) => a.ts - b.ts), skipped };
  }
}
