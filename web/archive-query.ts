import { localOf } from '../src/plan/episode-planner.js';
import { recapPathOfSession } from '../src/recap/recap-dates.js';
import type { ChatStore } from '../src/store/chat-store.js';

/** One finished chat as the console's archive lists it. */
export interface ArchivedChat {
  /** The session. */
  sessionId: number;
  /** Its series (the script's id). */
  seriesId: string;
  /** When it started (ms). */
  startedAt: number;
  /** Its date in the series' time zone, "2026-12-03". */
  date: string;
  /** Its recap page (a second chat of the series that day has "-2" after the date). */
  recapPath: string;
  /** The series' time zone (UTC when its script names none or an unknown one): its dates and times read in it. */
  zone: string;
  /** What it was about: the episode's topic, else the script's, else its title. */
  topic: string;
  /** Answers (deleted ones not counted). */
  answers: number;
  /** People who wrote (hosts not counted). */
  participants: number;
}

/** A series with its finished chats, newest first. */
export interface ArchivedSeries {
  /** The series id. */
  seriesId: string;
  /** Whether visitors can see its calendar, recaps and search. */
  published: boolean;
  /** Its chats, newest first. */
  chats: ArchivedChat[];
}

interface ChatRow {
  id: number;
  script_id: string;
  started_at: number;
  topic: string | null;
  zone: string | null;
  answers: number;
  participants: number;
}

/**
 * Every finished chat grouped by series (rehearsals are never listed: they are never shown publicly), with the
 * series in `alsoSeries` (e.g. the prompts folder's) even before their first chat. Series in id order.
 */
export function archiveBySeries(store: ChatStore, alsoSeries: readonly string[] = []): ArchivedSeries[] {
  const published = store.published.all();
  const bySeries = new Map<string, ArchivedChat[]>(alsoSeries.map((id) => [id, []]));
  for (const chat of finishedChats(store)) {
    const chats = bySeries.get(chat.seriesId) ?? [];
    bySeries.set(chat.seriesId, chats);
    chats.push(chat);
  }
  return [...bySeries.keys()]
    .sort()
    .map((seriesId) => ({ seriesId, published: published.has(seriesId), chats: bySeries.get(seriesId)! }));
}

/**
 * Finished chats of every series, newest first (never rehearsals): the latest `limit` of them, or only the chat
 * `sessionId` when given (none when it is unfinished or a rehearsal).
 */
export function finishedChats(store: ChatStore, which: { limit?: number; sessionId?: number } = {}): ArchivedChat[] {
  const rows = store.db
    .prepare(
      `SELECT s.id, s.script_id, s.started_at,
          COALESCE((SELECT e.topic FROM episodes e WHERE e.session_id = s.id LIMIT 1),
                   json_extract(s.script_json, '$.topic'), json_extract(s.script_json, '$.title')) AS topic,
          COALESCE(json_extract(s.script_json, '$.schedule.timezone'),
                   json_extract(s.script_json, '$.timezone')) AS zone,
          (SELECT COUNT(*) FROM messages m WHERE m.session_id = s.id AND m.deleted_at IS NULL
             AND m.question_number IS NOT NULL) AS answers,
          (SELECT COUNT(DISTINCT m.author_id) FROM messages m WHERE m.session_id = s.id AND m.deleted_at IS NULL
             AND m.from_host = 0) AS participants
        FROM sessions s WHERE s.state = 'ended' AND s.rehearsal = 0 AND (? IS NULL OR s.id = ?)
        ORDER BY s.started_at DESC, s.id DESC LIMIT ?`,
    )
    // SQLite reads a negative LIMIT as no limit.
    .all(which.sessionId ?? null, which.sessionId ?? null, which.limit ?? -1) as ChatRow[];
  return rows.map((row) => {
    const zone = zoneOrUtc(row.zone);
    return {
      sessionId: row.id,
      seriesId: row.script_id,
      startedAt: row.started_at,
      date: localOf(row.started_at, zone).slice(0, 10),
      recapPath: recapPathOfSession(store, row.id) ?? `/recaps/${encodeURIComponent(row.script_id)}`,
      zone,
      topic: row.topic ?? row.script_id,
      answers: row.answers,
      participants: row.participants,
    };
  });
}

function zoneOrUtc(zone: string | null): string {
  if (!zone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}
