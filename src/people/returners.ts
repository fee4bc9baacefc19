import type { ChatStore } from '../store/chat-store.js';
import { chatsSinceLastAttended, communityAttendance } from './attendance.js';

/** A person counts as back after an absence when they missed at least this many chats in a row (0: never). */
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
 * The one rule of "back after an absence", which the welcome-back reply (SessionMemory) and the recap's people
 * section (returnersAt) both apply: someone who came to an earlier chat of the community and then missed at least
 * `welcomeBackAfter` of its chats in a row, counting the finished chats that started before this one.
 */
export function isBackAfterAbsence(missedChats: number | undefined, welcomeBackAfter: number): boolean {
  return welcomeBackAfter > 0 && missedChats !== undefined && missedChats >= welcomeBackAfter;
}

/**
 * The people of one chat back after an absence (isBackAfterAbsence), with how many of the community's chats ago
 * (any series) their previous one was: one more than the chats they missed. First-timers are not returners.
 * Reads the last `after` chats, and older ones only for the few people absent from all of them. Empty when
 * `after` is 0.
 */
export function returnersAt(
  store: ChatStore,
  community: string,
  sessionId: number,
  after: number,
): Map<string, number> {
  const returners = new Map<string, number>();
  const session = store.sessions.get(sessionId);
  if (after <= 0 || !session || session.rehearsal !== 0) return returners;
  const today = communityAttendance(store, community, { upToSession: sessionId, limit: 1 })[0];
  if (today?.sessionId !== sessionId) return returners;
  // The chats before this one as its welcome-backs counted them: finished, and started before it.
  const before = { before: session.started_at };
  const recent = communityAttendance(store, community, { ...before, limit: after });
  if (recent.length < after) return returners;
  const away = [...today.people].filter(
    (person) => !today.newcomers.has(person) && !recent.some((chat) => chat.people.has(person)),
  );
  for (const [person, missed] of chatsSinceLastAttended(store, community, away, before)) {
    if (isBackAfterAbsence(missed, after)) returners.set(person, missed + 1);
  }
  return returners;
}
