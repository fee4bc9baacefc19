import type { ChatStore } from '../store/chat-store.js';
import { type CommunityChat, communityChats, sessionsAttendedBy } from './attendance.js';
import { type Milestone, milestoneFor } from './milestones.js';
import { isBackAfterAbsence } from './returners.js';
import { prepared } from '../store/prepared.js';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** What someone brings to a session from the community's chats before it. */
export interface PastAttendance {
  /** How many of those chats they came to. */
  chats: number;
  /** How many in a row they came to, ending with the chat just before this one (0 if they missed it). */
  streak: number;
  /** How many chats were held since their last one; undefined when they never came. */
  missedSince: number | undefined;
  /** When their last chat started (ms); undefined when they never came. */
  lastChatAt: number | undefined;
  /** When Emcee first saw them in the community (ms); undefined for someone new. */
  firstSeenAt: number | undefined;
}

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
 * A running session's memory of its participants' past: each person's history before this chat is looked up once,
 * on their first message (from the index alone), so the welcome-back is decided then and the closing names
 * milestones without reading anyone's history again. The chats before this one do not change while it runs.
 * After a restart the memory is empty and refills the same way; the closing looks up anyone missing in one batch.
 */
export class SessionMemory {
  private chats: CommunityChat[] | undefined;
  private positions = new Map<number, number>();
  private readonly past = new Map<string, PastAttendance>();
  private startedAt: number | undefined;

  constructor(
    private readonly store: ChatStore,
    private readonly session: { id: number; community: string },
  ) {}

  /** Notes someone seen for the first time in the community in this chat: they have no past to look up. */
  noteNewcomer(userId: string): void {
    this.past.set(userId, {
      chats: 0,
      streak: 0,
      missedSince: undefined,
      lastChatAt: undefined,
      firstSeenAt: undefined,
    });
  }

  /** What `userId` brings from the chats before this one. */
  pastOf(userId: string): PastAttendance {
    return this.pastOfAll([userId]).get(userId)!;
  }

  /** What each person brings from the chats before this one; those not known yet are looked up in one batch. */
  pastOfAll(userIds: readonly string[]): Map<string, PastAttendance> {
    const missing = userIds.filter((id) => !this.past.has(id));
    if (missing.length > 0) this.lookUp(missing);
    return new Map(userIds.map((id) => [id, this.past.get(id)!]));
  }

  /**
   * The absence `userId` comes back from in this chat, when they are back after one by the series'
   * `welcomeBackAfter` (isBackAfterAbsence, the rule the recap names returners by).
   */
  absenceOf(userId: string, welcomeBackAfter: number): Absence | undefined {
    if (welcomeBackAfter <= 0) return undefined;
    const { missedSince, lastChatAt } = this.pastOf(userId);
    if (missedSince === undefined || lastChatAt === undefined) return undefined; // new here: no absence
    if (!isBackAfterAbsence(missedSince, welcomeBackAfter)) return undefined;
    const weeks = Math.max(1, Math.round((this.sessionStart() - lastChatAt) / WEEK_MS));
    return { missed: missedSince, lastChatAt, weeks };
  }

  /** The milestone each of these participants reaches in this chat, this chat counted. */
  milestonesOf(userIds: readonly string[]): Map<string, Milestone> {
    const reached = new Map<string, Milestone>();
    const startedAt = this.sessionStart();
    for (const [userId, past] of this.pastOfAll(userIds)) {
      const milestone = milestoneFor(
        {
          chats: past.chats + 1,
          streak: past.streak + 1,
          firstSeenAt: past.firstSeenAt ?? startedAt,
          previousChatAt: past.lastChatAt,
        },
        startedAt,
      );
      if (milestone) reached.set(userId, milestone);
    }
    return reached;
  }

  private lookUp(userIds: readonly string[]): void {
    const chats = this.chatsBefore();
    const attended = sessionsAttendedBy(this.store, userIds);
    const firstSeen = this.firstSeen(userIds);
    for (const userId of userIds) {
      const came = new Set<number>();
      for (const session of attended.get(userId) ?? []) {
        const position = this.positions.get(session);
        if (position !== undefined) came.add(position);
      }
      const last = came.size > 0 ? Math.max(...came) : -1;
      let streak = 0;
      while (came.has(chats.length - 1 - streak)) streak++;
      this.past.set(userId, {
        chats: came.size,
        streak,
        missedSince: last >= 0 ? chats.length - 1 - last : undefined,
        lastChatAt: last >= 0 ? chats[last]!.startedAt : undefined,
        firstSeenAt: firstSeen.get(userId),
      });
    }
  }

  private firstSeen(userIds: readonly string[]): Map<string, number> {
    const statement = prepared(
      this.store.db,
      'SELECT first_seen_at FROM participants WHERE community_id = ? AND user_id = ?',
    );
    const found = new Map<string, number>();
    for (const userId of userIds) {
      const row = statement.get(this.session.community, userId) as { first_seen_at: number } | undefined;
      if (row) found.set(userId, row.first_seen_at);
    }
    return found;
  }

  // The community's chats before this one, read once: they do not change while this chat runs.
  private chatsBefore(): CommunityChat[] {
    if (!this.chats) {
      this.chats = communityChats(this.store, this.session.community, { before: this.sessionStart() });
      for (const [index, chat] of this.chats.entries()) this.positions.set(chat.sessionId, index);
    }
    return this.chats;
  }

  private sessionStart(): number {
    this.startedAt ??= this.store.sessions.get(this.session.id)?.started_at ?? 0;
    return this.startedAt;
  }
}
