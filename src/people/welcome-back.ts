import type { ChatStore } from '../store/chat-store.js';
import { communityAttendance } from './attendance.js';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** The absence someone comes back from. */
export interface Absence {
  /** How many chats of the community were held between their last chat and this one. */
  missed: number;
  /** When their last chat started (ms). */
  lastChatAt: number;
  /** Whole weeks from their last chat to this one, at least 1: {weeks} in the welcome-back. */
  weeks: number;
}

/**
 * Who comes back to a session after missing at least `minMissed` chats of the community in a row. Asked about
 * each person's first message: one query finds everyone who came to the last `minMissed` chats (they are not
 * back from anywhere), and only the others' own history is looked up. Rehearsals never count as chats.
 */
export class Absences {
  private recent: Set<string> | undefined;
  private startedAt: number | undefined;

  constructor(
    private readonly store: ChatStore,
    private readonly session: { id: number; community: string },
    private readonly minMissed: number,
  ) {}

  /** The absence `userId` comes back from in this session, if it is long enough; else undefined. */
  absenceOf(userId: string): Absence | undefined {
    if (this.minMissed <= 0) return undefined;
    const before = this.sessionStart();
    this.recent ??= peopleIn(
      communityAttendance(this.store, this.session.community, { before, limit: this.minMissed }),
    );
    if (this.recent.has(userId)) return undefined;
    const chats = communityAttendance(this.store, this.session.community, { before, person: userId });
    let last = chats.length - 1;
    while (last >= 0 && !chats[last]!.people.has(userId)) last--;
    if (last < 0) return undefined; // never in a chat that counts: nothing to come back from
    const missed = chats.length - 1 - last;
    if (missed < this.minMissed) return undefined;
    const lastChatAt = chats[last]!.startedAt;
    return { missed, lastChatAt, weeks: Math.max(1, Math.round((before - lastChatAt) / WEEK_MS)) };
  }

  private sessionStart(): number {
    this.startedAt ??= this.store.sessions.get(this.session.id)?.started_at ?? 0;
    return this.startedAt;
  }
}

function peopleIn(chats: readonly { people: Set<string> }[]): Set<string> {
  const people = new Set<string>();
  for (const chat of chats) for (const person of chat.people) people.add(person);
  return people;
}
