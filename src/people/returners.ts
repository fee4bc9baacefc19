import type { ChatAttendance } from './attendance.js';

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
 * The people of one chat who came back after an absence, with how many of the community's chats ago their
 * previous one was (4 = they missed three). `chats` is the community's attendance, oldest first, including
 * that chat; first-timers are not returners. Empty when `after` is 0.
 */
export function returnersIn(chats: readonly ChatAttendance[], sessionId: number, after: number): Map<string, number> {
  const returners = new Map<string, number>();
  const index = chats.findIndex((chat) => chat.sessionId === sessionId);
  if (after <= 0 || index < 0) return returners;
  const lastSeen = new Map<string, number>();
  for (let i = 0; i < index; i++) for (const person of chats[i]!.people) lastSeen.set(person, i);
  for (const person of chats[index]!.people) {
    const last = lastSeen.get(person);
    if (last !== undefined && index - last >= after) returners.set(person, index - last);
  }
  return returners;
}
