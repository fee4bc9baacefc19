import { parseAnswerPrefix } from './answer-prefix.js';

/** Why a message is not an answer; part of the recap's JSON contract. */
export type UnattributedReason = 'host' | 'conversation' | 'unmatched-number' | 'no-prefix';

/** Where a message belongs. */
export type Attribution =
  | { question: number; part?: string; late: boolean; via: 'prefix' | 'thread' }
  | { question: null; reason: UnattributedReason };

/** What attribution needs to know about the chat at the moment a message arrived. */
export interface AttributionContext {
  /** How many questions the chat has; `A14` in an 11-question chat is not an answer. */
  questionCount: number;
  /** Questions already asked when the message was written; an answer to a later one is not matched. */
  askedQuestions: number;
  /** The question open when the message was written (0 before Q1): answers to earlier ones are late. */
  openQuestion: number;
  /** Which question a message address was the posting of. */
  questionOfMessage(id: string): number | undefined;
}

/** The part of a message attribution reads. */
export interface AttributableMessage {
  /** The message's text. */
  text: string;
  /** Written by a host or a bot: never an answer. */
  fromHostOrBot: boolean;
  /** The message it replies to, or whose thread it is in. */
  replyTo?: string;
}

/**
 * Decides which question a message answers, with the rules hosts expect: a prefix like "A3:" names the
 * question; a reply in a question's thread answers it; anything else is conversation.
 */
export function attribute(message: AttributableMessage, context: AttributionContext): Attribution {
  if (message.fromHostOrBot) return { question: null, reason: 'host' };
  const prefix = parseAnswerPrefix(message.text);
  if (prefix) {
    const { number } = prefix;
    if (number < 1 || number > context.questionCount || number > context.askedQuestions) {
      return { question: null, reason: 'unmatched-number' };
    }
    const late = number < context.openQuestion;
    return prefix.part
      ? { question: number, part: prefix.part, late, via: 'prefix' }
      : { question: number, late, via: 'prefix' };
  }
  if (message.replyTo !== undefined) {
    const threadQuestion = context.questionOfMessage(message.replyTo);
    if (threadQuestion !== undefined) {
      return { question: threadQuestion, late: threadQuestion < context.openQuestion, via: 'thread' };
    }
    return { question: null, reason: 'conversation' };
  }
  return { question: null, reason: 'no-prefix' };
}
