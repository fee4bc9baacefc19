import type { ChatStore } from '../store/chat-store.js';
import { type ChatAttendance, communityAttendance } from './attendance.js';
import { isForgotten } from './forget-person.js';
import { prepared } from '../store/prepared.js';

/**
 * What Emcee remembers about one person in one community, computed from the stored chats (nothing is cached).
 * The key is the user address, so a change of display name keeps one person; rehearsals never count.
 */
export interface PersonProfile {
  /** Their user address on the platform: the key that survives display-name changes. */
  userId: string;
  /** The display name they last wrote under. */
  displayName: string;
  /** When Emcee first saw them in the community (ms since epoch). */
  firstSeenAt: number;
  /** The chats they took part in (session ids, oldest first): every chat of the community they wrote in. */
  chats: number[];
  /** Their answers across those chats (deleted messages not counted). */
  answers: number;
  /** How many chats of the community in a row they attended, ending with the latest one (0 if they missed it). */
  currentStreak: number;
  /** Their longest run of consecutive chats of the community. */
  longestStreak: number;
  /** When they last wrote in a chat that counts (ms); undefined when no chat of theirs counts. */
  lastSeenAt: number | undefined;
}

/** One person's profile in a community; undefined when Emcee has never seen them there. */
export function profileOf(store: ChatStore, communityId: string, userId: string): PersonProfile | undefined {
  const chats = communityAttendance(store, communityId, { person: userId, detail: true });
  const known = prepared(
    store.db,
    'SELECT user_id, display_name, first_seen_at FROM participants WHERE community_id = ? AND user_id = ?',
  ).all(communityId, userId) as KnownRow[];
  return buildProfiles(chats, known).get(userId);
}

/** Everyone's profile in a community, in the order Emcee first saw them. */
export function profilesIn(store: ChatStore, communityId: string): PersonProfile[] {
  const chats = communityAttendance(store, communityId, { detail: true });
  const known = prepared(
    store.db,
    'SELECT user_id, display_name, first_seen_at FROM participants WHERE community_id = ?',
  ).all(communityId) as KnownRow[];
  return [...buildProfiles(chats, known).values()].sort(
    (a, b) => a.firstSeenAt - b.firstSeenAt || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0),
  );
}

/** Some people's profiles in a community, by user address (those Emcee never saw there are left out). */
export function profilesOf(
  store: ChatStore,
  communityId: string,
  userIds: readonly string[],
): Map<string, PersonProfile> {
  if (userIds.length === 0) return new Map();
  const chats = communityAttendance(store, communityId, { people: userIds, detail: true });
  const known = prepared(
    store.db,
    `SELECT user_id, display_name, first_seen_at FROM participants
        WHERE community_id = ? AND user_id IN (SELECT value FROM json_each(?))`,
  ).all(communityId, JSON.stringify(userIds)) as KnownRow[];
  return buildProfiles(chats, known);
}

/**
 * The profiles of a session's participants as of that session, the session included even while it is still
 * running (its closing): what milestones are computed from. Three queries, whatever the community's size.
 */
export function profilesAtSession(
  store: ChatStore,
  communityId: string,
  sessionId: number,
): { profiles: Map<string, PersonProfile>; chats: ChatAttendance[] } {
  const chats = communityAttendance(store, communityId, { upToSession: sessionId, participantsOf: sessionId });
  const known = prepared(
    store.db,
    `SELECT user_id, display_name, first_seen_at FROM participants WHERE community_id = ? AND user_id IN
         (SELECT author_id FROM messages WHERE session_id = ? AND from_host = 0 AND deleted_at IS NULL)`,
  ).all(communityId, sessionId) as KnownRow[];
  const profiles = buildProfiles(chats, known);
  const present = chats.at(-1)?.sessionId === sessionId ? chats.at(-1)!.people : new Set<string>();
  for (const userId of profiles.keys()) if (!present.has(userId)) profiles.delete(userId);
  return { profiles, chats };
}

interface KnownRow {
  user_id: string;
  display_name: string;
  first_seen_at: number;
}

// Walks the chats oldest first, counting each person's runs: linear in the attendances.
function buildProfiles(chats: readonly ChatAttendance[], known: readonly KnownRow[]): Map<string, PersonProfile> {
  const profiles = new Map<string, PersonProfile>();
  const lastIndex = new Map<string, number>();
  for (const row of known) profiles.set(row.user_id, blank(row.user_id, row.display_name, row.first_seen_at));
  chats.forEach((chat, index) => {
    for (const userId of chat.people) {
      // Someone who used forget-me has no profile: their messages keep counts, not a person.
      if (isForgotten(userId)) continue;
      let profile = profiles.get(userId);
      if (!profile) {
        // Known from their messages only (a store written before participants were recorded).
        profile = blank(userId, userId, chat.startedAt);
        profiles.set(userId, profile);
      }
      profile.chats.push(chat.sessionId);
      const activity = chat.activity?.get(userId);
      if (activity) {
        profile.answers += activity.answers;
        profile.lastSeenAt = Math.max(profile.lastSeenAt ?? 0, activity.lastMessageAt);
      } else profile.lastSeenAt = Math.max(profile.lastSeenAt ?? 0, chat.startedAt);
      profile.currentStreak = lastIndex.get(userId) === index - 1 ? profile.currentStreak + 1 : 1;
      profile.longestStreak = Math.max(profile.longestStreak, profile.currentStreak);
      lastIndex.set(userId, index);
    }
  });
  // A run that stopped before the latest chat is not current.
  for (const [userId, index] of lastIndex) if (index !== chats.length - 1) profiles.get(userId)!.currentStreak = 0;
  return profiles;
}

function blank(userId: string, displayName: string, firstSeenAt: number): PersonProfile {
  return {
    userId,
    displayName,
    firstSeenAt,
    chats: [],
    answers: 0,
    currentStreak: 0,
    longestStreak: 0,
    lastSeenAt: undefined,
  };
}
