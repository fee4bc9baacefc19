import type { ChatStore } from '../store/chat-store.js';

/** One past chat of a community and who took part in it. */
export interface ChatAttendance {
  /** The session. */
  sessionId: number;
  /** Its series (the script's id). */
  seriesId: string;
  /** When it started (ms since epoch). */
  startedAt: number;
  /** The user addresses of everyone who wrote in it (hosts excluded, deleted messages not counted). */
  people: Set<string>;
}

/** Which chats to read. */
export interface AttendanceQuery {
  /** Only this series' chats. */
  seriesId?: string;
  /** Only chats started before this instant (ms). */
  before?: number;
  /** Only chats started at or before this session, including it. */
  upToSession?: number;
  /** Only the last `limit` chats (after the other filters). */
  limit?: number;
}

/**
 * The community's finished chats, oldest first, with who took part: the one definition of "attended" that
 * profiles, welcome-backs, milestones, follow-ups and trends share. Rehearsals never count; a chat still running
 * counts only when asked for by `upToSession` (the closing's own chat).
 */
export function communityAttendance(
  store: ChatStore,
  communityId: string,
  query: AttendanceQuery = {},
): ChatAttendance[] {
  const sessions = store.db
    .prepare(
      `SELECT id, script_id, started_at FROM sessions
        WHERE community_id = ? AND rehearsal = 0
          AND (state = 'ended' OR id = ?)
          AND (? IS NULL OR script_id = ?)
          AND (? IS NULL OR started_at < ?)
          AND (? IS NULL OR id <= ?)
        ORDER BY started_at, id`,
    )
    .all(
      communityId,
      query.upToSession ?? -1,
      query.seriesId ?? null,
      query.seriesId ?? null,
      query.before ?? null,
      query.before ?? null,
      query.upToSession ?? null,
      query.upToSession ?? null,
    ) as { id: number; script_id: string; started_at: number }[];
  const chosen = query.limit !== undefined ? sessions.slice(Math.max(0, sessions.length - query.limit)) : sessions;
  if (chosen.length === 0) return [];
  const byId = new Map<number, ChatAttendance>(
    chosen.map((row) => [
      row.id,
      { sessionId: row.id, seriesId: row.script_id, startedAt: row.started_at, people: new Set<string>() },
    ]),
  );
  const authors = store.db
    .prepare(
      `SELECT DISTINCT m.session_id, m.author_id FROM messages m JOIN sessions s ON s.id = m.session_id
        WHERE s.community_id = ? AND s.rehearsal = 0 AND m.from_host = 0 AND m.deleted_at IS NULL
          AND m.session_id BETWEEN ? AND ?`,
    )
    .all(communityId, Math.min(...byId.keys()), Math.max(...byId.keys())) as {
    session_id: number;
    author_id: string;
  }[];
  for (const row of authors) byId.get(row.session_id)?.people.add(row.author_id);
  return [...byId.values()];
}
