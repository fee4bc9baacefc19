import { describe, expect, it } from 'vitest';
import { buildRecap } from '../../src/recap/build-recap.js';
import { answer, chatInput, other, START } from './chat-input.js';

const input = chatInput([
  other('hi', 'ana', 'Hello from Milan! https://example.org/milan.', 1, 'no-prefix', { firstTime: true }),
  answer('a1', 'ana', 'A1: Listen first', 6, 1),
  answer('a2', 'bo', 'A1a: Show up weekly', 6.5, 1, { part: 'a' }),
  answer('a3', 'bo', 'A1b: and reply', 6.7, 1, { part: 'b' }),
  other('c1', 'li', 'so true!', 7, 'conversation', { replyTo: 'a1' }),
  answer('gone', 'li', 'A1: deleted later', 8, 1, { deleted: true }),
  other('x9', 'li', 'A9: nine?', 9, 'unmatched-number'),
  answer('late', 'li', 'A1: late but here https://example.org/milan', 16, 1, { late: true }),
  answer('b1', 'ana', 'A2: relationships, see (https://example.com/a_b)', 17, 2),
]);

describe('the recap contract', () => {
  const recap = buildRecap(input);

  it('puts every message that is not deleted under exactly one question or in unattributed, with a reason', () => {
    const answered = recap.questions.flatMap((q) => q.answers.map((a) => a.id));
    const unattributed = recap.unattributed.map((u) => u.id);
    expect([...answered, ...unattributed].sort()).toEqual(
      input.messages
        .filter((m) => !m.deleted)
        .map((m) => m.id)
        .sort(),
    );
    expect(new Set([...answered, ...unattributed]).size).toBe(answered.length + unattributed.length);
    expect(Object.fromEntries(recap.unattributed.map((u) => [u.id, u.reason]))).toEqual({
      q1: 'host',
      q2: 'host',
      hi: 'no-prefix',
      c1: 'conversation',
      x9: 'unmatched-number',
    });
  });

  it('keeps ids, parts, late marks and ISO times on each answer, in time order', () => {
    expect(recap.questions[0]).toEqual({
      number: 1,
      text: 'How do you build relationships?',
      askedAt: new Date(START + 5 * 60_000).toISOString(),
      answers: [
        { id: 'a1', author: 'ana', text: 'A1: Listen first', ts: '2026-11-19T18:06:00.000Z', part: null, late: false },
        { id: 'a2', author: 'bo', text: 'A1a: Show up weekly', ts: '2026-11-19T18:06:30.000Z', part: 'a', late: false },
        { id: 'a3', author: 'bo', text: 'A1b: and reply', ts: '2026-11-19T18:06:42.000Z', part: 'b', late: false },
        {
          id: 'late',
          author: 'li',
          text: 'A1: late but here https://example.org/milan',
          ts: '2026-11-19T18:16:00.000Z',
          part: null,
          late: true,
        },
      ],
    });
    expect(recap).toMatchObject({
      title: 'Community Chat',
      host: 'host',
      hashtag: '#CommunityChat',
      startedAt: '2026-11-19T18:00:00.000Z',
      endedAt: '2026-11-19T18:30:00.000Z',
    });
  });

  it('counts participants without the host, with the questions each answered and first-timers from the input', () => {
    expect(recap.participants).toEqual([
      { author: 'ana', messages: 3, answers: 2, questionsAnswered: [1, 2], firstTime: true },
      { author: 'bo', messages: 2, answers: 2, questionsAnswered: [1], firstTime: false },
      { author: 'li', messages: 3, answers: 1, questionsAnswered: [1], firstTime: false },
    ]);
  });

  it('lists each shared link once, with who shared it first, without trailing punctuation', () => {
    expect(recap.links).toEqual([
      { url: 'https://example.org/milan', author: 'ana', id: 'hi' },
      { url: 'https://example.com/a_b', author: 'ana', id: 'b1' },
    ]);
  });

  it('adds up the numbers', () => {
    expect(recap.stats).toEqual({
      messages: 10,
      answers: 5,
      participants: 3,
      firstTimers: 1,
      answersPerQuestion: [
        { question: 1, answers: 4 },
        { question: 2, answers: 1 },
      ],
      busiestMinute: { minute: '2026-11-19T18:06:00.000Z', messages: 3 },
    });
  });

  it('survives an empty chat and a question never asked', () => {
    const empty = buildRecap(chatInput([], { messages: [], questions: [{ number: 1, text: 'Never asked' }] }));
    expect(empty.questions).toEqual([{ number: 1, text: 'Never asked', askedAt: null, answers: [] }]);
    expect(empty.stats).toMatchObject({ messages: 0, answers: 0, participants: 0, busiestMinute: null });
  });
});
