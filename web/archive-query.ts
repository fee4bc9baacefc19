import { localOf } from '../src/plan/episode-planner.js';
import type { ChatStore } from '../src/store/chat-store.js';

/** One finished chat as the console's archive lists it. */
export interface ArchivedChat {
  /** The session. */
  sessionId: number;
  /** Its series (the script's id). */
  seriesId: string;
  /** When it started (ms). */
  startedAt: number;
  /** Its date in the series' time zone, "2026-12-03": the recap page's address uses it. */
  date: string;
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
        FROM sessions s WHERE s.state = 'ended' AND s.rehearsal = 0
        ORDER BY s.started_at DESC, s.id DESC`,
    )
    .all() as ChatRow[];
  const published = store.published.all();
  const bySeries = new Map<string, ArchivedChat[]>(alsoSeries.map((id) => [id, []]));
  for (const row of rows) {
    const chats = bySeries.get(row.script_id) ?? [];
    bySeries.set(row.script_id, chats);
    chats.push({
      sessionId: row.id,
      seriesId: row.script_id,
      startedAt: row.started_at,
      date: localOf(row.started_at, zoneOrUtc(row.zone)).slice(0, 10),
      topic: row.topic ?? row.script_id,
      answers: row.answers,
      participants: row.participants,
    });
  }
  return [...bySeries.keys()]
    .sort()
    .map((seriesId) => ({ seriesId, published: published.has(seriesId), chats: bySeries.get(seriesId)! }));
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
