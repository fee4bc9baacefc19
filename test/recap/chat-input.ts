import type { Attribution } from '../../src/attribution/attribute.js';
import type { RecapInput, RecapInputMessage } from '../../src/recap/recap-input.js';

/** 2026-11-19 18:00 UTC: a Thursday, and still Thursday 10:00 in Los Angeles. */
export const START = Date.UTC(2026, 10, 19, 18, 0);
const minute = (m: number) => START + m * 60_000;

/** An answer to `question` written `at` minutes into the chat. */
export function answer(
  id: string,
  author: string,
  text: string,
  at: number,
  question: number,
  extra: Partial<RecapInputMessage> & { part?: string; late?: boolean } = {},
): RecapInputMessage {
  const { part, late = false, ...rest } = extra;
  const attribution: Attribution = part ? { question, part, late, via: 'prefix' } : { question, late, via: 'prefix' };
  return { id, author, text, ts: minute(at), attribution, ...rest };
}

/** A message that answers nothing, for `reason`. */
export function other(
  id: string,
  author: string,
  text: string,
  at: number,
  reason: 'host' | 'conversation' | 'unmatched-number' | 'no-prefix',
  extra: Partial<RecapInputMessage> = {},
): RecapInputMessage {
  return { id, author, text, ts: minute(at), attribution: { question: null, reason }, ...extra };
}

/** A small two-question chat hosted by "host", with the messages given (host questions included). */
export function chatInput(messages: RecapInputMessage[], overrides: Partial<RecapInput> = {}): RecapInput {
  return {
    title: 'Community Chat',
    host: 'host',
    hashtag: '#CommunityChat',
    timezone: 'America/Los_Angeles',
    startedAt: START,
    endedAt: minute(30),
    questions: [
      { number: 1, text: 'How do you build relationships?', askedAt: minute(5) },
      { number: 2, text: 'What does marketing mean to you?', askedAt: minute(15) },
    ],
    messages: [
      other('q1', 'host', 'Q1: How do you build relationships?', 5, 'host'),
      other('q2', 'host', 'Q2: What does marketing mean to you?', 15, 'host'),
      ...messages,
    ].sort((a, b) => a.ts - b.ts),
    ...overrides,
  };
}
