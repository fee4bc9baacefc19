import type { SeriesTrends } from '../people/trends.js';

/** The recap's JSON contract: other tools read it, so fields only ever get added. Documented in the README. */
export interface Recap {
  title: string;
  host: string;
  hashtag: string;
  /** ISO 8601. */
  startedAt: string;
  /** ISO 8601. */
  endedAt: string;
  questions: RecapQuestion[];
  unattributed: RecapUnattributed[];
  participants: RecapParticipant[];
  links: RecapLink[];
  stats: RecapStats;
  /** The episode's guests, in the order given (empty when it had none). */
  guests: RecapGuest[];
  /**
   * Attendance over the series' last 12 chats (new vs returning) and retention of first-timers; present only for
   * chats Emcee hosted (a transcript has no community to compare with).
   */
  trends?: SeriesTrends;
}

/** A guest of the episode. */
export interface RecapGuest {
  name: string;
  /** Their user address, when the guest was named by it (live sessions). */
  id?: string;
}

/** A user a message mentions. */
export interface RecapMention {
  /** The platform's user id as written in the mention (Slack `U…`, a Discord snowflake). */
  id: string;
  /** The name the mention is shown as, or null when unknown (shown as "@someone"). */
  name: string | null;
}

/** A question with every answer it drew. */
export interface RecapQuestion {
  number: number;
  text: string;
  /** ISO 8601, or null when the chat ended before it was asked. */
  askedAt: string | null;
  answers: RecapAnswer[];
}

/** One answer. */
export interface RecapAnswer {
  /** The message's own id from the platform or transcript. */
  id: string;
  author: string;
  /** The text as written, with platform mentions written as names (`<@U1>` → `@Ana Lopez`). */
  text: string;
  /** ISO 8601. */
  ts: string;
  /** Part letter of a multi-part answer ("a" for A1a), else null. */
  part: string | null;
  /** Written after a later question was asked. */
  late: boolean;
  /** The text exactly as written, present only when `text` differs from it (platform mentions made readable). */
  rawText?: string;
  /** The users the text mentions, present only when it mentions any. */
  mentions?: RecapMention[];
  /** Present (true) only on a guest's answers, which come first under their question. */
  guest?: true;
}

/** A message that answers no question, and why. */
export interface RecapUnattributed {
  id: string;
  author: string;
  text: string;
  reason: 'host' | 'conversation' | 'unmatched-number' | 'no-prefix';
  /** As on an answer: the text as written, when `text` differs from it. */
  rawText?: string;
  /** As on an answer: the users mentioned, when any. */
  mentions?: RecapMention[];
}

/** Someone who took part (hosts excluded). */
export interface RecapParticipant {
  author: string;
  messages: number;
  answers: number;
  /** Question numbers answered, ascending. */
  questionsAnswered: number[];
  /** Their first message ever in the community (known for live sessions only); never set for a guest. */
  firstTime: boolean;
  /** Present (true) only for the episode's guests, who are listed first. */
  guest?: true;
  /**
   * Present only for someone back after an absence (live sessions): how many of the community's chats ago their
   * previous one was, at least the series' `welcomeBackAfter` (default 4).
   */
  returnedAfter?: number;
}

/** A link someone shared. */
export interface RecapLink {
  url: string;
  author: string;
  id: string;
}

/** The numbers. */
export interface RecapStats {
  messages: number;
  answers: number;
  participants: number;
  firstTimers: number;
  /** Answers per question, in question order. */
  answersPerQuestion: { question: number; answers: number }[];
  /** The minute with the most messages (ISO 8601 of its start), or null for an empty chat. */
  busiestMinute: { minute: string; messages: number } | null;
}
