import { fillTemplate } from '../script/fill-template.js';
import { DEFAULT_MILESTONES_WORDING, type Wording } from '../script/script-schema.js';
import type { ChatStore } from '../store/chat-store.js';
import { profilesAtSession } from './profiles.js';

/** A moment worth naming in someone's thank-you line. */
export type Milestone =
  /** Their 5th, 10th, 25th, 50th or 100th chat. */
  | { kind: 'chats'; count: number }
  /** Their first chat a year or more after they were first seen. */
  | { kind: 'anniversary' }
  /** Their `streak`-th chat in a row (4 or more). */
  | { kind: 'streak'; streak: number };

/** The chat counts that are celebrated. */
export const CHAT_MILESTONES: readonly number[] = [5, 10, 25, 50, 100];
/** The shortest run of consecutive chats that is celebrated. */
export const STREAK_MILESTONE = 4;

/** Where someone stands at a chat, that chat counted. */
export interface MilestoneFacts {
  /** Chats of the community they came to. */
  chats: number;
  /** Chats in a row, ending with this one. */
  streak: number;
  /** When Emcee first saw them (ms). */
  firstSeenAt: number;
  /** When their previous chat started; undefined when this is their first. */
  previousChatAt: number | undefined;
}

/**
 * The milestone someone reaches at a chat starting `chatStartedAt`, if any: at most one, the rarest (a chat count,
 * then the first anniversary, then a streak of 4 or more).
 */
export function milestoneFor(facts: MilestoneFacts, chatStartedAt: number): Milestone | undefined {
  if (CHAT_MILESTONES.includes(facts.chats)) return { kind: 'chats', count: facts.chats };
  const yearOn = oneYearAfter(facts.firstSeenAt);
  if (chatStartedAt >= yearOn && (facts.previousChatAt === undefined || facts.previousChatAt < yearOn)) {
    return { kind: 'anniversary' };
  }
  if (facts.streak >= STREAK_MILESTONE) return { kind: 'streak', streak: facts.streak };
  return undefined;
}

/**
 * The milestone each participant of a session reaches in it, the session included (it may be the closing one),
 * computed from the store alone. Rehearsals never reach any. A running chat uses its SessionMemory instead, which
 * looked up each person's past on their first message.
 */
export function milestonesAt(store: ChatStore, communityId: string, sessionId: number): Map<string, Milestone> {
  const { profiles, chats } = profilesAtSession(store, communityId, sessionId);
  const milestones = new Map<string, Milestone>();
  const current = chats.at(-1);
  if (current?.sessionId !== sessionId) return milestones; // a rehearsal, or a chat that does not count
  const startOf = new Map(chats.map((chat) => [chat.sessionId, chat.startedAt]));
  for (const profile of profiles.values()) {
    const previous = profile.chats.length > 1 ? startOf.get(profile.chats.at(-2)!) : undefined;
    const facts = {
      chats: profile.chats.length,
      streak: profile.currentStreak,
      firstSeenAt: profile.firstSeenAt,
      previousChatAt: previous,
    };
    const milestone = milestoneFor(facts, current.startedAt);
    if (milestone) milestones.set(profile.userId, milestone);
  }
  return milestones;
}

/** A milestone in the script's words; `seed` picks the variant, so a restart words it the same. */
export function wordMilestone(
  milestone: Milestone,
  wording: Pick<Wording, 'milestones'>,
  context: { hashtag: string; seed: number },
): string {
  // A session stored before milestones existed has a script without their wording.
  const variants = (wording.milestones ?? DEFAULT_MILESTONES_WORDING)[milestone.kind];
  const template = variants[Math.abs(context.seed) % variants.length]!;
  switch (milestone.kind) {
    case 'chats':
      return fillTemplate(template, {
        count: milestone.count,
        nth: ordinal(milestone.count),
        hashtag: context.hashtag,
      });
    case 'anniversary':
      return fillTemplate(template, { hashtag: context.hashtag });
    case 'streak':
      return fillTemplate(template, { streak: milestone.streak, hashtag: context.hashtag });
  }
}

/** The same calendar day a year later (UTC); 29 February rolls to 1 March. */
export function oneYearAfter(at: number): number {
  const date = new Date(at);
  date.setUTCFullYear(date.getUTCFullYear() + 1);
  return date.getTime();
}

// English ordinals ("1st", "22nd", "113th"): the default wording's; a script in another language uses {count}.
function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}
