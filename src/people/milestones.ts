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

/**
 * The milestone each participant of a session reaches in it, the session included (it is the closing one): at most
 * one per person, the rarest (a chat count, then the anniversary, then a streak). Rehearsals never reach any.
 */
export function milestonesAt(store: ChatStore, communityId: string, sessionId: number): Map<string, Milestone> {
  const { profiles, chats } = profilesAtSession(store, communityId, sessionId);
  const milestones = new Map<string, Milestone>();
  const current = chats.at(-1);
  if (current?.sessionId !== sessionId) return milestones; // a rehearsal, or a chat that does not count
  const startOf = new Map(chats.map((chat) => [chat.sessionId, chat.startedAt]));
  for (const profile of profiles.values()) {
    const count = profile.chats.length;
    const yearOn = oneYearAfter(profile.firstSeenAt);
    const previous = profile.chats.length > 1 ? startOf.get(profile.chats.at(-2)!)! : undefined;
    if (CHAT_MILESTONES.includes(count)) milestones.set(profile.userId, { kind: 'chats', count });
    else if (current.startedAt >= yearOn && (previous === undefined || previous < yearOn)) {
      milestones.set(profile.userId, { kind: 'anniversary' });
    } else if (profile.currentStreak >= STREAK_MILESTONE) {
      milestones.set(profile.userId, { kind: 'streak', streak: profile.currentStreak });
    }
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
