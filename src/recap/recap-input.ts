import type { Attribution } from '../attribution/attribute.js';
import type { SeriesTrends } from '../people/trends.js';

/**
 * Everything a recap is built from, in one neutral shape: a live session read back from the store and an
 * imported transcript both become this, so both get exactly the same recap.
 */
export interface RecapInput {
  /** The chat's title, e.g. "Community Chat". */
  title: string;
  /** The host's name. */
  host: string;
  /** The chat's hashtag, with its "#". */
  hashtag: string;
  /** IANA timezone the chat is held in, for dates in the recap. */
  timezone: string;
  /** When the chat started, epoch ms. */
  startedAt: number;
  /** When it ended, epoch ms. */
  endedAt: number;
  /** The questions in number order. */
  questions: RecapInputQuestion[];
  /** Every message of the chat (bot and host messages included), in time order. */
  messages: RecapInputMessage[];
  /**
   * Names of people the chat may mention without having written in it, by user id (a user address such as
   * `slack:T1:U1`, or the platform's bare id); live sessions fill it from the community's participants.
   */
  people?: Record<string, string>;
  /** The episode's guests: the people answering as the guest, named first in every recap format. */
  guests?: RecapInputGuest[];
  /** What the community's memory adds (live sessions only; a transcript has no community). */
  community?: RecapInputCommunity;
}

/** The community's memory of a chat Emcee hosted: its series' trends and who came back after an absence. */
export interface RecapInputCommunity {
  /** Attendance over the series' last chats up to this one, and retention. */
  trends: SeriesTrends;
  /** People back after an absence, by user address: how many of the community's chats ago their last one was. */
  returners: ReadonlyMap<string, number>;
}

/** A guest of the episode. */
export interface RecapInputGuest {
  /** Their user address (live sessions), when known; a transcript names guests by handle only. */
  id?: string;
  /** Their name or handle, as the recap shows it and as a transcript's `author` writes it. */
  name: string;
}

/** A question as asked. */
export interface RecapInputQuestion {
  /** 1-based number. */
  number: number;
  /** The question text (without "Qn:" where the script supplied it). */
  text: string;
  /** When it was asked, epoch ms; undefined if it never was (a chat ended early). */
  askedAt?: number;
}

/** A message with where it belongs. */
export interface RecapInputMessage {
  /** The message's own id from the platform or transcript. */
  id: string;
  /** The author's display name. */
  author: string;
  /** The author's user address, where known (live sessions): mentions of them read as their name. */
  authorId?: string;
  /** The text as written (after edits). */
  text: string;
  /** When it was written, epoch ms. */
  ts: number;
  /** The id of the message it replies to, if any. */
  replyTo?: string;
  /** Where attribution put it. */
  attribution: Attribution;
  /** True when this was the author's first message ever in the community (live sessions only). */
  firstTime?: boolean;
  /** Reactions it drew, where known. */
  reactions?: number;
  /** Deleted messages are kept in the store but never shown. */
  deleted?: boolean;
}
