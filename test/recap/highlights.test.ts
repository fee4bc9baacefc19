import { describe, expect, it } from 'vitest';
import { buildRecap } from '../../src/recap/build-recap.js';
import { pickHighlights } from '../../src/recap/highlights.js';
import type { RecapInput } from '../../src/recap/recap-input.js';
import { answer, chatInput, other } from './chat-input.js';

const highlightIds = (input: RecapInput, count = 3) =>
  pickHighlights(buildRecap(input), input, count)
    .get(1)!
    .map((a) => a.id);

describe('highlights', () => {
  it('prefer answers that drew reactions, then replies, then substantive ones', () => {
    const input = chatInput([
      answer(
        'long',
        'ana',
        'A1: Show up every week, remember names, and ask about the things people told you last time',
        6,
        1,
      ),
      answer('liked', 'bo', 'A1: Give before you ask for anything', 7, 1, { reactions: 4 }),
      answer('replied', 'li', 'A1: Reply to every comment you can', 8, 1),
      other('r1', 'zoe', 'so much this', 9, 'conversation', { replyTo: 'replied' }),
      other('r2', 'kim', 'yes!', 9.5, 'conversation', { replyTo: 'replied' }),
      answer('short', 'kim', 'A1: yes', 10, 1, { reactions: 9 }),
    ]);
    expect(highlightIds(input)).toEqual(['liked', 'replied', 'long']);
  });

  it('never picks two near-identical answers, however they are written', () => {
    const input = chatInput([
      answer('one', 'ana', 'A1: Listen first, then talk to people', 6, 1, { reactions: 3 }),
      answer('copy', 'bo', '#CommunityChat A1) listen FIRST then talk to people!!', 7, 1, { reactions: 2 }),
      answer('two', 'li', "A1: Share other people's work generously", 8, 1),
    ]);
    expect(highlightIds(input)).toEqual(['one', 'two']);
  });

  it('skips answers too short to say anything, even well-liked ones', () => {
    const input = chatInput([
      answer('ok', 'ana', 'A1: ok!', 6, 1, { reactions: 5 }),
      answer('real', 'bo', 'A1: Be useful before being visible', 7, 1),
    ]);
    expect(highlightIds(input)).toEqual(['real']);
  });

  it('are the same on every run and respect the count', () => {
    const many = chatInput(
      Array.from({ length: 40 }, (_, i) =>
        answer(
          `m${i}`,
          `p${i}`,
          `A1: idea number ${i} about ${['trust', 'time', 'care', 'listening'][i % 4]} and ${'x'.repeat(i % 7)} words`,
          6 + i / 10,
          1,
        ),
      ),
    );
    const first = highlightIds(many, 2);
    expect(first).toHaveLength(2);
    expect(highlightIds(many, 2)).toEqual(first);
  });
});
