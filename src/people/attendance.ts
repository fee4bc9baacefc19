import type { ChatStore } from '../store/chat-store.js';
import { prepared } from '../store/prepared.js';

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
   * welcomed (kept with each message), so nobody needs the community's whole history to tell who is new. Left
   * empty by the per-person queries (`person`, `participantsOf` without `detail`).
   */
  newcomers: Set<string>;
  /** With `detail`: what each of `people` did in it. */
  activity?: Map<string, ChatActivity>;
}

/** What one person did in one chat (messages that count only). */
export interface ChatActivity {
  /** Their answers in it. */
  answers: number;
  /** When they last wrote in it (ms, the platform's timestamp). */
  lastMessageAt: number;
}

/** Which chats to read, and whose attendance. */
export interface AttendanceQuery {
  /** Only this series' chats. */
  seriesId?: string;
  /** Only chats started before this instant (ms). */
  before?: number;
  /** Only chats started at or before this session, including it. */
  upToSession?: number;
  /** Only the last `limit` chats (after the other filters). */
  limit?: number;
  /** Only this person's attendance (every chat is still listed, so streaks can be counted). */
  person?: string;
  /** Only these people's attendance (every chat is still listed): a page of profiles. */
  people?: readonly string[];
  /** Only the attendance of the people who took part in this session (e.g. the closing chat's participants). */
  participantsOf?: number;
  /** Also what each person did in each chat (answers, last message). */
  detail?: boolean;
}

// The one rule of a message that counts: a participant's (not a host's), not deleted, in a chat that counts.
// Written so the partial index messages_by_author (migration 12) serves the per-person queries.
const COUNTS = 's.community_id = ? AND s.rehearsal = 0 AND m.from_host = 0 AND m.deleted_at IS NULL';
const WHOSE = {
  everyone: '',
  person: 'AND m.author_id = ?',
  people: 'AND m.author_id IN (SELECT value FROM json_each(?))',
  participantsOf: `AND m.author_id IN (SELECT author_id FROM messages
      WHERE session_id = ? AND from_host = 0 AND deleted_at IS NULL)`,
};

/** One chat of a community that counts, without who came. */
export type CommunityChat = Omit<ChatAttendance, 'people' | 'newcomers' | 'activity'>;

/** The community's chats that count, oldest first (the sessions half of `communityAttendance`). */
export function communityChats(store: ChatStore, communityId: string, query: AttendanceQuery = {}): CommunityChat[] {
  const sessions = prepared(
    store.db,
    `SELECT id, script_id, started_at FROM sessions
        WHERE community_id = ? AND rehearsal = 0
          AND (state = 'ended' OR id = ?)
          AND (? IS NULL OR script_id = ?)
          AND (? IS NULL OR started_at < ?)
          AND (? IS NULL OR id <= ?)
        ORDER BY started_at, id`,
  ).all(
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
  return chosen.map((row) => ({ sessionId: row.id, seriesId: row.script_id, startedAt: row.started_at }));
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
  const chosen = communityChats(store, communityId, query);
  if (chosen.length === 0) return [];
  const byId = new Map<number, ChatAttendance>(
    chosen.map((chat) => [
      chat.sessionId,
      {
        ...chat,
        people: new Set<string>(),
        newcomers: new Set<string>(),
        ...(query.detail ? { activity: new Map<string, ChatActivity>() } : {}),
      },
    ]),
  );
  if (!query.detail && (query.person !== undefined || query.people || query.participantsOf !== undefined)) {
    // Some people's whole history: from the index alone, which the join below cannot do.
    const people =
      query.person !== undefined ? [query.person] : (query.people ?? participantsOf(store, query.participantsOf!));
    for (const [person, sessions] of sessionsAttendedBy(store, people)) {
      for (const session of sessions) byId.get(session)?.people.add(person);
    }
    return [...byId.values()];
  }
  const whose =
    query.person !== undefined
      ? 'person'
      : query.people
        ? 'people'
        : query.participantsOf !== undefined
          ? 'participantsOf'
          : 'everyone';
  const whoseValues: Record<keyof typeof WHOSE, unknown[]> = {
    everyone: [],
    person: [query.person],
    people: [JSON.stringify(query.people ?? [])],
    participantsOf: [query.participantsOf],
  };
  const detail = query.detail ? ', COUNT(m.question_number) AS answers, MAX(m.ts) AS last_at' : '';
  const authors = prepared(
    store.db,
    `SELECT m.session_id, m.author_id, MAX(m.first_time) AS first_time${detail}
         FROM messages m JOIN sessions s ON s.id = m.session_id
        WHERE ${COUNTS} AND m.session_id BETWEEN ? AND ? ${WHOSE[whose]}
        GROUP BY m.session_id, m.author_id`,
  ).all(communityId, Math.min(...byId.keys()), Math.max(...byId.keys()), ...whoseValues[whose]) as {
    session_id: number;
    author_id: string;
    first_time: number;
    answers?: number;
    last_at?: number;
  }[];
  for (const row of authors) {
    const chat = byId.get(row.session_id);
    if (!chat) continue;
    chat.people.add(row.author_id);
    if (row.first_time === 1) chat.newcomers.add(row.author_id);
    chat.activity?.set(row.author_id, { answers: row.answers ?? 0, lastMessageAt: row.last_at ?? chat.startedAt });
  }
  return [...byId.values()];
}

/**
 * The sessions each person wrote in, by the message half of the rule (a participant's message, not deleted): only
 * those among `communityChats` count, so intersect with them. Read from the index alone (migration 12), in
 * batches, for people whose whole history is wanted without reading every chat of the community.
 */
export function sessionsAttendedBy(store: ChatStore, userIds: readonly string[]): Map<string, number[]> {
  const attended = new Map<string, number[]>(userIds.map((id) => [id, []]));
  for (let from = 0; from < userIds.length; from += BATCH) {
    const batch = userIds.slice(from, from + BATCH);
    const rows = prepared(
      store.db,
      `SELECT DISTINCT author_id, session_id FROM messages
          WHERE author_id IN (${batch.map(() => '?').join(', ')}) AND from_host = 0 AND deleted_at IS NULL`,
    )
      .raw()
      .all(...batch) as [string, number][];
    for (const [author, session] of rows) attended.get(author)!.push(session);
  }
  return attended;
}

const BATCH = 500;

/** One person's totals over the community's chats that count: what a profile's figures add up to. */
export interface ActivityTotals {
  /** Chats they wrote in (a profile's `chats.length`). */
  chats: number;
  /** Their answers (a profile's `answers`). */
  answers: number;
  /** When they last wrote (a profile's `lastSeenAt`). */
  lastMessageAt: number;
}

/**
 * Each person's totals over the community's finished chats that count, for everyone at once, by the same rule as
 * communityAttendance: one aggregate, so a page of 50,000 people can be sorted by answers or last seen without
 * building every profile.
 */
export function activityTotalsIn(store: ChatStore, communityId: string): Map<string, ActivityTotals> {
  const rows = prepared(
    store.db,
    `SELECT m.author_id, COUNT(DISTINCT m.session_id), COUNT(m.question_number), MAX(m.ts)
         FROM messages m JOIN sessions s ON s.id = m.session_id
        WHERE ${COUNTS} AND s.state = 'ended'
        GROUP BY m.author_id`,
  )
    .raw()
    .all(communityId) as [string, number, number, number][];
  return new Map(rows.map(([author, chats, answers, lastMessageAt]) => [author, { chats, answers, lastMessageAt }]));
}

/**
 * How many of the community's chats that count (communityChats) each person wrote in: the length of each
 * profile's `chats`, for everyone at once, from the index alone (a page of 50,000 people sorts by it).
 */
export function chatCountsIn(store: ChatStore, communityId: string): Map<string, number> {
  const chats = communityChats(store, communityId).map((chat) => chat.sessionId);
  const rows = prepared(
    store.db,
    `SELECT author_id, COUNT(DISTINCT session_id) FROM messages INDEXED BY messages_by_author
        WHERE from_host = 0 AND deleted_at IS NULL AND session_id IN (SELECT value FROM json_each(?))
        GROUP BY author_id`,
  )
    .raw()
    .all(JSON.stringify(chats)) as [string, number][];
  return new Map(rows);
}

/**
 * For each of `people` who attended one of the query's chats, how many of those chats came after their last one
 * (0: they were at the newest): the same rules as communityAttendance, from the index alone (sessionsAttendedBy),
 * for someone away longer than anyone wants to read the whole history for.
 */
export function chatsSinceLastAttended(
  store: ChatStore,
  communityId: string,
  people: Iterable<string>,
  query: AttendanceQuery = {},
): Map<string, number> {
  const chats = communityChats(store, communityId, query);
  const since = new Map<string, number>();
  const wanted = [...people];
  if (chats.length === 0 || wanted.length === 0) return since;
  const position = new Map(chats.map((chat, index) => [chat.sessionId, index]));
  for (const [person, sessions] of sessionsAttendedBy(store, wanted)) {
    for (const session of sessions) {
      const index = position.get(session);
      if (index === undefined) continue;
      const after = chats.length - 1 - index;
      if (after < (since.get(person) ?? Number.POSITIVE_INFINITY)) since.set(person, after);
    }
  }
  return since;
}

function participantsOf(store: ChatStore, sessionId: number): string[] {
  const rows = prepared(
    store.db,
    'SELECT DISTINCT author_id FROM messages WHERE session_id = ? AND from_host = 0 AND deleted_at IS NULL',
  )
    .raw()
    .all(sessionId) as [string][];
  return rows.map(([author]) => author);
}
