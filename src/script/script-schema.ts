import { z } from 'zod';
import { scheduleSchema } from '../schedule/schedule-schema.js';
import { isTimeZone, TIME_ZONE_HINT } from '../time/formatter-cache.js';

const text = z.string().trim().min(1, 'must not be empty');

/** One question of a chat: its text and how long it stays open. */
export const questionSchema = z
  .object({
    text: text.describe('the question, without the "Q1:" prefix'),
    minutes: z.number().positive('must be more than 0').max(180).optional(),
    at: z
      .string()
      .regex(/^\d{1,3}:\d{2}$/, 'must be an offset from the start like "0:05" or "12:30" (minutes:seconds)')
      .optional(),
  })
  .strict();

/** Someone answering as a chat's guest: a platform user (address) or just a name (a handle in transcripts). */
export const guestSchema = z
  .object({
    name: text.max(80, 'at most 80 characters'),
    id: z.string().min(1).optional().describe("the guest's user address on the platform, when known"),
  })
  .strict();

/** A chat's guest. */
export type Guest = z.infer<typeof guestSchema>;

/**
 * Whether a person is one of the guests: by address when the guest has one, else by name (a guest planned by name
 * only, from the CLI or a file), ignoring case and a leading "@".
 */
export function isGuest(guests: readonly Guest[], person: { id: string; displayName: string }): boolean {
  const name = (text: string) => text.trim().replace(/^@/, '').toLowerCase();
  return guests.some((guest) => (guest.id ? guest.id === person.id : name(guest.name) === name(person.displayName)));
}

/** The welcome-back wording a script gets when it words none (and a session stored before it existed). */
export const DEFAULT_WELCOME_BACK = [
  'Welcome back, {name}! {hashtag} missed you these {weeks} weeks. So good to see you again.',
  "{name}! Look who's back at {hashtag}. It's been {weeks} weeks, and it's lovely to have you here again.",
  "There you are, {name}! {weeks} weeks is too long. Welcome back to {hashtag}, we're glad you came.",
];

/** The words a milestone adds to someone's thank-you line, one list of variants per kind. */
export const milestonesWordingSchema = z
  .object({
    chats: z
      .array(text)
      .min(1)
      .default(['Your {nth} {hashtag}! 🎉', "That's chat number {count} for you! 🎉", 'Your {nth} {hashtag}, wow! 🙌'])
      .describe('someone\'s 5th, 10th, 25th, 50th or 100th chat: {count}, {nth} ("10th"), {hashtag}'),
    anniversary: z
      .array(text)
      .min(1)
      .default(['One year since your first {hashtag}! 🎂', 'A whole year with us today! 🎂'])
      .describe('the first chat a year or more after someone was first seen: {hashtag}'),
    streak: z
      .array(text)
      .min(1)
      .default(['{streak} chats in a row! 🔥', "That's {streak} in a row for you! 🔥"])
      .describe('four or more chats in a row: {streak}, {hashtag}'),
  })
  .strict()
  .prefault({});

/** The milestone wording a script gets when it words none (and a session stored before it existed). */
export const DEFAULT_MILESTONES_WORDING = milestonesWordingSchema.parse(undefined);

/** How the bot speaks: every word it says comes from here, so a chat can run in any language. */
export const wordingSchema = z
  .object({
    answerHint: text.default('Answer with A{number}: and add {hashtag}'),
    acknowledgement: z
      .object({ unicode: text, shortcode: z.string().regex(/^[a-z0-9_+-]+$/, 'a shortcode like "clap"') })
      .strict()
      .default({ unicode: '👏', shortcode: 'clap' }),
    firstTimerWelcome: z.array(text).min(1).default(['Welcome to your first {hashtag}, {name}! So glad you are here.']),
    thanks: z.array(text).min(3, 'give at least 3 thank-you variants so consecutive thanks never read the same'),
    answerWords: z
      .object({ one: text, other: text })
      .strict()
      .default({ one: 'answer', other: 'answers' })
      .describe('{answers} in thanks reads "1 answer" / "3 answers" in the chat\'s language'),
    thanksNoAnswers: z.array(text).min(1).default(['{name}, thanks for being with us today!']),
    thanksHeader: text.default('Thank you all for joining {hashtag}!'),
    thanksGuest: z
      .array(text)
      .min(1)
      .default(['A special thank-you to our guest {name} for {answers} today!'])
      .describe("the guest's own line in the thanks"),
    guestIntro: text
      .default('Our guest today: {guests}. Welcome!')
      .describe('added to the welcome when a chat has guests'),
    pausedNotice: text.default('The chat is paused for a moment. Back soon!'),
    resumedNotice: text.default('We are back! Q{number} is still open.'),
    extendedNotice: text.default('Q{number} stays open {minutes} more minutes.'),
    recapNotice: text.default('The recap is ready: {path}'),
    applause: text
      .default('👏 Great answers, {names}!')
      .describe('one message acknowledging several answers when reactions are rate-limited'),
    reminder: text.default('⏰ {title} ({hashtag}) starts {when}. Topic: {topic}'),
    missedStart: text
      .default('{title} ({hashtag}) planned for {when} did not start: the bot was not running. {next}')
      .describe('told in the channel when a scheduled start was missed; {next} is the next run, if any'),
    nextRun: text.default('Next: {when}.').describe('{next} in missedStart'),
    questionLabel: text.default('Q{number}: {text} {hashtag}'),
    welcomeBack: z
      .array(text)
      .min(1)
      .default(DEFAULT_WELCOME_BACK)
      .describe('a personal reply to someone back after missing `welcomeBackAfter` chats: {name}, {weeks}, {hashtag}'),
    milestones: milestonesWordingSchema,
  })
  .strict();

/** A chat script: everything a host writes once and runs every week. */
export const scriptSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes, like "weekly-chat"'),
    title: text,
    hashtag: z.string().regex(/^#[\p{L}\p{N}_]+$/u, 'a hashtag like "#CommunityChat"'),
    host: text.describe('the host name shown in recaps'),
    topic: text.optional().describe("what this week's chat is about, for reminders"),
    guests: z.array(guestSchema).max(10).default([]).describe("this chat's guests (an episode names its own)"),
    unplanned: z
      .enum(['default-questions', 'skip'], { error: 'default-questions or skip' })
      .default('default-questions')
      .describe('a scheduled date without a planned episode: run the questions here, or skip the date'),
    schedule: scheduleSchema.optional(),
    timezone: z.string().refine(isTimeZone, TIME_ZONE_HINT),
    welcome: text,
    intro: z.object({ prompt: text, minutes: z.number().min(0).max(60).default(5) }).strict(),
    questions: z.array(questionSchema).min(1, 'a chat needs at least one question').max(50),
    defaultQuestionMinutes: z.number().positive().max(180).default(8),
    threadPerQuestion: z.boolean().default(false),
    welcomeBackAfter: z
      .number()
      .int('a whole number of chats')
      .min(0)
      .max(520)
      .default(4)
      .describe('welcome back someone who missed at least this many chats in a row; 0 turns it off'),
    recapDelivery: z
      .enum(['hosts', 'channel', 'none'], { error: 'hosts, channel or none' })
      .default('hosts')
      .describe('where the full recap files go at the end, besides the short recap in the channel'),
    closing: text,
    wording: wordingSchema,
  })
  .strict();

/** A chat script after validation, with defaults filled in. */
export type ChatScript = z.infer<typeof scriptSchema>;
/** The script's wording block. */
export type Wording = ChatScript['wording'];
