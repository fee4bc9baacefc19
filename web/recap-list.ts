import { type DatedChat, seriesChatDates } from '../src/recap/recap-dates.js';
import type { WebDeps } from './web-deps.js';

/** A finished chat with what its listing shows. */
export interface RecapEntry {
  /** The chat and its address's date. */
  chat: DatedChat;
  /** Its topic, when its episode or script named one. */
  topic?: string;
  /** Answers given (deleted ones not counted). */
  answers: number;
  /** People who wrote (hosts not counted). */
  participants: number;
}

/** The newest finished chats of these series (rehearsals never), newest first, with their counts. */
export function latestRecaps(deps: WebDeps, seriesIds: readonly string[], limit: number): RecapEntry[] {
  if (seriesIds.length === 0) return [];
  const rows = deps.store.db
    .prepare(
      // The newest chats first (through the series index), then their counts: counting inside the sort would
      // count every chat of the archive.
      `WITH newest AS (
         SELECT id, script_id FROM sessions
          WHERE state = 'ended' AND rehearsal = 0 AND script_id IN (SELECT value FROM json_each(?))
          ORDER BY started_at DESC, id DESC LIMIT ?)
       SELECT n.id, n.script_id, json_extract(s.script_json, '$.topic') AS topic,
          (SELECT COUNT(*) FROM messages m WHERE m.session_id = n.id AND m.deleted_at IS NULL
             AND m.question_number IS NOT NULL) AS answers,
          (SELECT COUNT(DISTINCT author_id) FROM messages m WHERE m.session_id = n.id
             AND m.deleted_at IS NULL AND m.from_host = 0) AS participants
        FROM newest n JOIN sessions s ON s.id = n.id
        ORDER BY s.started_at DESC, s.id DESC`,
    )
    .all(JSON.stringify(seriesIds), limit) as {
    id: number;
    script_id: string;
    topic: string | null;
    answers: number;
    participants: number;
  }[];
  const dates = new Map<string, Map<number, DatedChat>>();
  const datesOf = (seriesId: string) => {
    let found = dates.get(seriesId);
    if (!found) {
      found = new Map(seriesChatDates(deps.store, seriesId).map((chat) => [chat.sessionId, chat]));
      dates.set(seriesId, found);
    }
    return found;
  };
  return rows.flatMap((row) => {
    const chat = datesOf(row.script_id).get(row.id);
    if (!chat) return [];
    return [
      {
        chat,
        ...(typeof row.topic === 'string' && row.topic ? { topic: row.topic } : {}),
        answers: row.answers,
        participants: row.participants,
      },
    ];
  });
}
