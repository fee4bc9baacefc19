import { attribute, type Attribution } from '../attribution/attribute.js';
import { parseQuestionMarker } from '../attribution/answer-prefix.js';

/** One message of a chat held elsewhere (an export), in the neutral shape every transcript format becomes. */
export interface TranscriptMessage {
  /** The message's own id from the platform or export. */
  id: string;
  /** Author name or handle. */
  author: string;
  /** Text as written. */
  text: string;
  /** When it was written, in epoch milliseconds. */
  ts: number;
  /** The id of the message it replies to, if any. */
  replyTo?: string;
}

/** A question found in a transcript: posted by the host as "Qn: …". */
export interface TranscriptQuestion {
  /** 1-based question number. */
  number: number;
  /** The question text as the host wrote it. */
  text: string;
  /** The id of the host's message that asked it. */
  messageId: string;
  /** When it was asked, in epoch milliseconds. */
  askedAt: number;
}

/** A transcript message with where it belongs. */
export interface AttributedTranscriptMessage {
  /** The message. */
  message: TranscriptMessage;
  /** Whether it came from a host. */
  fromHost: boolean;
  /** Its attribution under the foundation's rules. */
  attribution: Attribution;
}

/** The attributed chat. */
export interface AttributedTranscript {
  /** Questions in number order. */
  questions: TranscriptQuestion[];
  /** Every message, sorted by time (ties keep input order). */
  messages: AttributedTranscriptMessage[];
}

/**
 * Replays a transcript through the live attribution rules: messages are sorted by time, questions are the
 * hosts' "Qn" messages, and each message is judged against the questions asked before it.
 */
export function attributeTranscript(
  input: readonly TranscriptMessage[],
  hosts: readonly string[],
): AttributedTranscript {
  const messages: AttributedTranscriptMessage[] = [];
  const questions = attributeInTimeOrder(input, hosts, (message, fromHost, attribution) => {
    messages.push({ message, fromHost, attribution });
  });
  return { questions, messages };
}

/**
 * The same rules, handing each message to `take` in time order (with its index there) instead of collecting
 * wrappers, so a huge transcript is not held twice. Messages that land alike share one frozen Attribution.
 * Returns the questions in number order.
 */
export function attributeInTimeOrder(
  input: readonly TranscriptMessage[],
  hosts: readonly string[],
  take: (message: TranscriptMessage, fromHost: boolean, attribution: Attribution, index: number) => void,
): TranscriptQuestion[] {
  const hostSet = new Set(hosts.map((h) => h.toLowerCase().replace(/^@/, '')));
  const isHost = (author: string) => hostSet.has(author.toLowerCase().replace(/^@/, ''));
  // Array sort is stable, so ties keep input order; most files are in order already and are not copied at all.
  const sorted = isInTimeOrder(input) ? input : [...input].sort((a, b) => a.ts - b.ts);

  const questions = new Map<number, TranscriptQuestion>();
  for (const message of sorted) {
    if (!isHost(message.author)) continue;
    const number = parseQuestionMarker(message.text);
    if (number !== undefined && number > 0 && !questions.has(number)) {
      questions.set(number, { number, text: message.text, messageId: message.id, askedAt: message.ts });
    }
  }
  let questionCount = 0;
  for (const number of questions.keys()) questionCount = Math.max(questionCount, number);
  const questionByMessage = new Map([...questions.values()].map((q) => [q.messageId, q.number]));
  const shared = new Map<string, Attribution>();

  let openQuestion = 0;
  let askedQuestions = 0;
  for (let index = 0; index < sorted.length; index++) {
    const message = sorted[index]!;
    const fromHost = isHost(message.author);
    const asked = questionByMessage.get(message.id);
    if (asked !== undefined) {
      openQuestion = asked;
      askedQuestions = Math.max(askedQuestions, asked);
    }
    const attribution = attribute(
      { text: message.text, fromHostOrBot: fromHost, replyTo: message.replyTo },
      {
        questionCount,
        askedQuestions,
        openQuestion,
        questionOfMessage: (id) => questionByMessage.get(id),
      },
    );
    const key =
      attribution.question === null
        ? attribution.reason
        : `${attribution.question}|${attribution.part ?? ''}|${attribution.late}|${attribution.via}`;
    let one = shared.get(key);
    if (!one) {
      one = Object.freeze(attribution);
      shared.set(key, one);
    }
    take(message, fromHost, one, index);
  }
  return [...questions.values()].sort((a, b) => a.number - b.number);
}

function isInTimeOrder(messages: readonly TranscriptMessage[]): boolean {
  for (let i = 1; i < messages.length; i++) if (messages[i]!.ts < messages[i - 1]!.ts) return false;
  return true;
}
