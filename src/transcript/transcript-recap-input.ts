import type { Attribution } from '../attribution/attribute.js';
import type { RecapInput, RecapInputGuest, RecapInputMessage } from '../recap/recap-input.js';
import {
  type AttributedTranscript,
  attributeInTimeOrder,
  type TranscriptMessage,
  type TranscriptQuestion,
} from './attribute-transcript.js';

/** What a transcript does not say about itself. */
export interface TranscriptDetails {
  /** The host's name. */
  host: string;
  /** The hashtag; found in the messages when not given. */
  hashtag?: string;
  /** The chat's title; defaults to the hashtag's chat. */
  title?: string;
  /** Timezone for dates in the recap (default UTC). */
  timezone?: string;
  /** Question texts by number, from a script, instead of the host's own wording. */
  questionTexts?: string[];
  /** The episode's guests, named by their handle in the transcript. */
  guests?: RecapInputGuest[];
}

/** Turns an attributed transcript into the neutral recap input. */
export function transcriptRecapInput(attributed: AttributedTranscript, details: TranscriptDetails): RecapInput {
  const messages = attributed.messages.map(({ message, attribution }) => inputMessage(message, attribution));
  return assemble(messages, attributed.questions, details);
}

/**
 * Attributes `messages` and turns them into the recap input in one pass, for transcripts of any size: each
 * message gets its attribution where it is, so the transcript is never held in two forms at once. Takes over
 * the array and its messages: the array is sorted by time and becomes the recap input's messages.
 */
export function recapInputFromMessages(messages: TranscriptMessage[], details: TranscriptDetails): RecapInput {
  messages.sort((a, b) => a.ts - b.ts);
  const questions = attributeInTimeOrder(messages, [details.host], (message, _fromHost, attribution) => {
    (message as RecapInputMessage).attribution = attribution;
  });
  return assemble(messages as RecapInputMessage[], questions, details);
}

function inputMessage(message: TranscriptMessage, attribution: Attribution): RecapInputMessage {
  const { id, author, text, ts, replyTo } = message;
  return replyTo ? { id, author, text, ts, replyTo, attribution } : { id, author, text, ts, attribution };
}

function assemble(
  messages: RecapInputMessage[],
  asked: readonly TranscriptQuestion[],
  details: TranscriptDetails,
): RecapInput {
  const hashtag = details.hashtag ? normaliseHashtag(details.hashtag) : (commonestHashtag(messages) ?? '');
  let count = details.questionTexts?.length ?? 0;
  for (const q of asked) count = Math.max(count, q.number);
  const byNumber = new Map(asked.map((q) => [q.number, q]));
  const first = messages[0]?.ts ?? 0;
  const last = messages.at(-1)?.ts ?? first;
  return {
    title: details.title ?? (hashtag ? `${hashtag.slice(1)} chat` : 'Chat'),
    host: details.host,
    hashtag,
    timezone: details.timezone ?? 'UTC',
    startedAt: first,
    endedAt: last,
    questions: Array.from({ length: count }, (_, i) => {
      const number = i + 1;
      const q = byNumber.get(number);
      const text = details.questionTexts?.[i] ?? (q ? cleanQuestion(q.text, hashtag) : `Question ${number}`);
      return q ? { number, text, askedAt: q.askedAt } : { number, text };
    }),
    messages,
    ...(details.guests?.length ? { guests: details.guests } : {}),
  };
}

// "Q1: How do you …? #Chat" → "How do you …?"
function cleanQuestion(text: string, hashtag: string): string {
  let cleaned = text.replace(/^(?:\s*(?:<[@#!][^>]*>|[@#][^\s]+))*\s*[Qq] ?\d{1,3}\s*[:：\-–—)./,]?\s*/u, '');
  if (hashtag) cleaned = cleaned.split(hashtag).join('');
  return cleaned.replace(/\s+/g, ' ').trim();
}

function normaliseHashtag(tag: string): string {
  return tag.startsWith('#') ? tag : `#${tag}`;
}

function commonestHashtag(messages: readonly RecapInputMessage[]): string | undefined {
  const counts = new Map<string, { tag: string; n: number }>();
  for (const { text } of messages) {
    for (const match of text.matchAll(/#[\p{L}\p{N}_]+/gu)) {
      const key = match[0].toLowerCase();
      const entry = counts.get(key) ?? { tag: match[0], n: 0 };
      entry.n++;
      counts.set(key, entry);
    }
  }
  return [...counts.values()].sort((a, b) => b.n - a.n)[0]?.tag;
}
