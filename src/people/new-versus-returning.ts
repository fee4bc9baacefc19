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
 * at the first chat of `chats` they attended, returning at every later one. Pass every chat of the series (or the
 * community) from its first, then keep the last few to show, or the first chat shown counts everyone as new.
 */
export function newVersusReturning(chats: readonly ChatAttendance[]): ChatNewcomers[] {
  const seen = new Set<string>();
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
