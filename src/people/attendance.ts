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
  /**
   * Those of `people` whose first message ever in the community is in this chat: its first-timers, as they were
   * welcomed (kept with each message), so nobody needs the community's whole history to tell who is new.
   */
  newcomers: Set<string>;
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
  const chosen = countedChats(store, communityId, query);
  if (chosen.length === 0) return [];
  const byId = new Map<number, ChatAttendance>(
    chosen.map((row) => [
      row.id,
      {
        sessionId: row.id,
        seriesId: row.script_id,
        startedAt: row.started_at,
        people: new Set<string>(),
        newcomers: new Set<string>(),
      },
    ]),
  );
  const authors = store.db
    .prepare(
      `SELECT m.session_id, m.author_id, MAX(m.first_time) AS first_time
         FROM messages m JOIN sessions s ON s.id = m.session_id
        WHERE s.community_id = ? AND s.rehearsal = 0 AND m.from_host = 0 AND m.deleted_at IS NULL
          AND m.session_id BETWEEN ? AND ?
        GROUP BY m.session_id, m.author_id`,
    )
    .all(communityId, Math.min(...byId.keys()), Math.max(...byId.keys())) as {
    session_id: number;
    author_id: string;
    first_time: number;
  }[];
  for (const row of authors) {
    const chat = byId.get(row.session_id);
    chat?.people.add(row.author_id);
    if (row.first_time === 1) chat?.newcomers.add(row.author_id);
  }
  return [...byId.values()];
}

/**
 * For each of `people` who attended one of the query's chats, how many of those chats came after their last one
 * (0: they were at the newest): the same rules as communityAttendance, in one pass over the messages of these
 * people only, for someone away longer than anyone wants to read the whole history for.
 */
export function chatsSinceLastAttended(
  store: ChatStore,
  communityId: string,
  people: Iterable<string>,
  query: AttendanceQuery = {},
): Map<string, number> {
  const chats = countedChats(store, communityId, query);
  const since = new Map<string, number>();
  const wanted = [...people];
  if (chats.length === 0 || wanted.length === 0) return since;
  const position = new Map(chats.map((chat, index) => [chat.id, index]));
  const rows = store.db
    .prepare(
      `SELECT DISTINCT session_id, author_id FROM messages
        WHERE session_id BETWEEN ? AND ? AND from_host = 0 AND deleted_at IS NULL
          AND author_id IN (SELECT value FROM json_each(?))`,
    )
    .all(Math.min(...position.keys()), Math.max(...position.keys()), JSON.stringify(wanted)) as {
    session_id: number;
    author_id: string;
  }[];
  for (const row of rows) {
    const index = position.get(row.session_id);
    if (index === undefined) continue;
    const after = chats.length - 1 - index;
    if (after < (since.get(row.author_id) ?? Number.POSITIVE_INFINITY)) since.set(row.author_id, after);
  }
  return since;
}

// The chats that count, oldest first: the community's, never a rehearsal, finished (or the one asked for).
function countedChats(
  store: ChatStore,
  communityId: string,
  query: AttendanceQuery,
): { id: number; script_id: string; started_at: number }[] {
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
  return query.limit !== undefined ? sessions.slice(Math.max(0, sessions.length - query.limit)) : sessions;
}
