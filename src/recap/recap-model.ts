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
  text: string;
  /** ISO 8601. */
  ts: string;
  /** Part letter of a multi-part answer ("a" for A1a), else null. */
  part: string | null;
  /** Written after a later question was asked. */
  late: boolean;
}

/** A message that answers no question, and why. */
export interface RecapUnattributed {
  id: string;
  author: string;
  text: string;
  reason: 'host' | 'conversation' | 'unmatched-number' | 'no-prefix';
}

/** Someone who took part (hosts excluded). */
export interface RecapParticipant {
  author: string;
  messages: number;
  answers: number;
  /** Question numbers answered, ascending. */
  questionsAnswered: number[];
  /** Their first message ever in the community (known for live sessions only). */
  firstTime: boolean;
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
