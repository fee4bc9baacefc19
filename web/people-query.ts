import { communityAttendance } from '../src/people/attendance.js';
import type { ChatStore } from '../src/store/chat-store.js';

/**
 * One member of a community as the console's People page lists them. The same fields as src/people/profiles.ts's
 * PersonProfile, which replaces this file's query once merged (`profilesIn(store, community)`).
 */
export interface CommunityPerson {
  /** Their user address: the key that survives a change of name. */
  userId: string;
  /** The name they last wrote under. */
  displayName: string;
  /** When Emcee first saw them in the community (ms). */
  firstSeenAt: number;
  /** The chats they took part in (session ids, oldest first), by the one definition of attended. */
  chats: number[];
  /** Their answers across those chats (deleted ones not counted). */
  answers: number;
  /** When they last wrote in a chat that counts (ms), if ever. */
  lastSeenAt: number | undefined;
}

/** Everyone Emcee knows in a community, with what they did in its finished chats (rehearsals never count). */
export function communityPeople(store: ChatStore, communityId: string): CommunityPerson[] {
  const people = new Map<string, CommunityPerson>();
  const known = store.db
    .prepare('SELECT user_id, display_name, first_seen_at FROM participants WHERE community_id = ?')
    .all(communityId) as { user_id: string; display_name: string; first_seen_at: number }[];
  for (const row of known) {
    people.set(row.user_id, {
      userId: row.user_id,
      displayName: row.display_name,
      firstSeenAt: row.first_seen_at,
      chats: [],
      answers: 0,
      lastSeenAt: undefined,
    });
  }
  const personOf = (userId: string, at: number): CommunityPerson => {
    let person = people.get(userId);
    if (!person) {
      // Known from their messages only (written before participants were recorded).
      person = { userId, displayName: userId, firstSeenAt: at, chats: [], answers: 0, lastSeenAt: undefined };
      people.set(userId, person);
    }
    return person;
  };
  for (const chat of communityAttendance(store, communityId)) {
    for (const userId of chat.people) personOf(userId, chat.startedAt).chats.push(chat.sessionId);
  }
  const activity = store.db
    .prepare(
      `SELECT m.author_id, SUM(m.question_number IS NOT NULL) AS answers, MAX(m.ts) AS last_at
         FROM messages m JOIN sessions s ON s.id = m.session_id
        WHERE s.community_id = ? AND s.rehearsal = 0 AND s.state = 'ended' AND m.from_host = 0
          AND m.deleted_at IS NULL
        GROUP BY m.author_id`,
    )
    .all(communityId) as { author_id: string; answers: number; last_at: number }[];
  for (const row of activity) {
    const person = personOf(row.author_id, row.last_at);
    person.answers = row.answers;
    person.lastSeenAt = row.last_at;
  }
  return [...people.values()];
}

/** The communities that have had chats or people (one per Slack workspace, Discord server, or the local room). */
export function communitiesWithPeople(store: ChatStore): string[] {
  const rows = store.db
    .prepare(
      `SELECT community_id AS id FROM sessions WHERE rehearsal = 0
        UNION SELECT community_id FROM participants ORDER BY 1`,
    )
    .all() as { id: string }[];
  return rows.map((row) => row.id);
}

/** The time zone of a community's latest chat (its dates read in it), or UTC when it has none. */
export function communityZone(store: ChatStore, communityId: string): string {
  const row = store.db
    .prepare(
      `SELECT COALESCE(json_extract(script_json, '$.schedule.timezone'),
                       json_extract(script_json, '$.timezone')) AS zone
         FROM sessions WHERE community_id = ? AND rehearsal = 0 ORDER BY started_at DESC LIMIT 1`,
    )
    .get(communityId) as { zone: string | null } | undefined;
  return row?.zone ?? 'UTC';
}
