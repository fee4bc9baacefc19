import type { ChatStore } from '../store/chat-store.js';
import type { ChatAttendance } from './attendance.js';

/** One chat's people split by whether they had come before. */
export interface ChatNewcomers {
  /** The session. */
  sessionId: number;
  /** When it started (ms). */
  startedAt: number;
  /** People at their first chat among those given. */
  newcomers: number;
  /** People who had attended an earlier chat among those given. */
  returning: number;
}

/**
 * New versus returning people per chat, from attendance in time order (communityAttendance's order): someone is new
 * at the first chat they attended, returning at every later one. `seenBefore` names the people of these chats who
 * had attended an earlier one (peopleSeenBefore); without it, the first chat given counts everyone as new.
 */
export function newVersusReturning(
  chats: readonly ChatAttendance[],
  seenBefore: ReadonlySet<string> = new Set(),
): ChatNewcomers[] {
  const seen = new Set<string>(seenBefore);
  return chats.map((chat) => {
    let newcomers = 0;
    for (const person of chat.people) {
      if (seen.has(person)) continue;
      seen.add(person);
      newcomers++;
    }
    return {
      sessionId: chat.sessionId,
      startedAt: chat.startedAt,
      newcomers,
      returning: chat.people.size - newcomers,
    };
  });
}

/**
 * Which of `people` attended a chat of the series before `before` (ms), by the same definition as
 * communityAttendance (finished chats, rehearsals never, hosts and deleted messages not counted). One look-up per
 * person in messages_by_author (attendance's conditions are that index's own), so a page about the last chats need
 * not read the whole archive. The `+` keeps SQLite walking each person's few index entries and testing them against
 * the earlier chats, rather than probing every earlier chat for every person.
 */
export function peopleSeenBefore(
  store: ChatStore,
  communityId: string,
  seriesId: string,
  before: number,
  people: Iterable<string>,
): Set<string> {
  const rows = store.db
    .prepare(
      `WITH earlier AS (SELECT id FROM sessions WHERE script_id = ? AND community_id = ? AND rehearsal = 0
           AND state = 'ended' AND started_at < ?)
       SELECT p.value AS person FROM json_each(?) p
        WHERE EXISTS (SELECT 1 FROM messages m WHERE m.author_id = p.value AND m.from_host = 0
          AND m.deleted_at IS NULL AND +m.session_id IN earlier)`,
    )
    .all(seriesId, communityId, before, JSON.stringify([...people])) as { person: string }[];
  return new Set(rows.map((row) => row.person));
}
