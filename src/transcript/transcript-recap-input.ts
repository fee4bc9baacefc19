import type { RecapInput } from '../recap/recap-input.js';
import type { AttributedTranscript } from './attribute-transcript.js';

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
}

/** Turns an attributed transcript into the neutral recap input. */
export function transcriptRecapInput(attributed: AttributedTranscript, details: TranscriptDetails): RecapInput {
  const messages = attributed.messages;
  const hashtag = details.hashtag ? normaliseHashtag(details.hashtag) : (commonestHashtag(messages.map((m) => m.message.text)) ?? '');
  const count = Math.max(details.questionTexts?.length ?? 0, ...attributed.questions.map((q) => q.number));
  const asked = new Map(attributed.questions.map((q) => [q.number, q]));
  const first = messages[0]?.message.ts ?? 0;
  const last = messages.at(-1)?.message.ts ?? first;
  return {
    title: details.title ?? (hashtag ? `${hashtag.slice(1)} chat` : 'Chat'),
    host: details.host,
    hashtag,
    timezone: details.timezone ?? 'UTC',
    startedAt: first,
    endedAt: last,
    questions: Array.from({ length: count }, (_, i) => {
      const number = i + 1;
      const q = asked.get(number);
      const text = details.questionTexts?.[i] ?? (q ? cleanQuestion(q.text, hashtag) : `Question ${number}`);
      return q ? { number, text, askedAt: q.askedAt } : { number, text };
    }),
    messages: messages.map(({ message, attribution }) => ({
      id: message.id,
      author: message.author,
      text: message.text,
      ts: message.ts,
      ...(message.replyTo ? { replyTo: message.replyTo } : {}),
      attribution,
    })),
  };
}

// "Q1: How do you …? #Chat" → "How do you …?"
function cleanQuestion(text: string, hashtag: string): string {
  let cleaned = text.replace(/^(?:\s*(?:<[@#!][^>]*>|[@#][^\s]+))*\s*[Qq] ?\d{1,3}\s*[:：\-–—).\/,]?\s*/u, '');
  if (hashtag) cleaned = cleaned.split(hashtag).join('');
  return cleaned.replace(/\s+/g, ' ').trim();
}

function normaliseHashtag(tag: string): string {
  return tag.startsWith('#') ? tag : `#${tag}`;
}

function commonestHashtag(texts: string[]): string | undefined {
  const counts = new Map<string, { tag: string; n: number }>();
  for (const text of texts) {
    for (const match of text.matchAll(/#[\p{L}\p{N}_]+/gu)) {
      const key = match[0].toLowerCase();
      const entry = counts.get(key) ?? { tag: match[0], n: 0 };
      entry.n++;
      counts.set(key, entry);
    }
  }
  return [...counts.values()].sort((a, b) => b.n - a.n)[0]?.tag;
}
