import type { ChatStore } from '../store/chat-store.js';
import { chatsSinceLastAttended, communityAttendance } from './attendance.js';

/** A person counts as back after an absence when their last chat was at least this many chats ago (0: never). */
export const DEFAULT_WELCOME_BACK_AFTER = 4;

/**
 * The series' `welcomeBackAfter` as its stored script gives it, read defensively (scripts stored before the
 * setting existed have none): a whole number of chats, 0 for off, else the default.
 */
export function welcomeBackAfterOf(script: unknown): number {
  const value = (script as { welcomeBackAfter?: unknown } | undefined)?.welcomeBackAfter;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : DEFAULT_WELCOME_BACK_AFTER;
}

/**
 * The people of one chat back after an absence, with how many of the community's chats ago (any series) their
 * previous one was, at least `after` (4 = they missed three). First-timers are not returners. Reads the last
 * `after` chats, and older ones only for the few people absent from all of them. Empty when `after` is 0.
 */
export function returnersAt(
  store: ChatStore,
  community: string,
  sessionId: number,
  after: number,
): Map<string, number> {
  const returners = new Map<string, number>();
  if (after <= 0) return returners;
  const recent = communityAttendance(store, community, { upToSession: sessionId, limit: after });
  const today = recent.at(-1);
  if (today?.sessionId !== sessionId || recent.length < after) return returners;
  const away = [...today.people].filter(
    (person) => !today.newcomers.has(person) && !recent.slice(0, -1).some((chat) => chat.people.has(person)),
  );
  const older = { upToSession: sessionId, before: recent[0]!.startedAt };
  for (const [person, since] of chatsSinceLastAttended(store, community, away, older)) {
    returners.set(person, recent.length + since);
  }
  return returners;
}
