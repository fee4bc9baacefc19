import { describe, expect, it } from 'vitest';
import { buildRecap } from '../../src/recap/build-recap.js';
import { buildChannelRecap } from '../../src/recap/channel-recap.js';
import { pickHighlights } from '../../src/recap/highlights.js';
import { answer, chatInput } from './chat-input.js';

const input = chatInput([
  answer('a1', 'ana', 'A1: Listen first, then talk to the people who show up', 6, 1, { reactions: 2 }),
  answer('a2', 'bo', `A1: ${'🎉 party time with emoji everywhere '.repeat(12)}`, 7, 1),
  answer('b1', 'li', 'A2: Marketing is relationships, at scale, <b>always</b>', 17, 2),
]);
const recap = buildRecap(input);
const highlights = pickHighlights(recap, input, 1);
const quote = (text: string) => text.replace(/</g, '&lt;');

describe('the channel recap', () => {
  it('says the numbers, the top answer per question, and thanks, in one message when it fits', () => {
    const messages = buildChannelRecap(recap, highlights, { maxLength: 4000, quote });
    expect(messages).toHaveLength(1);
    expect(messages[0]!.split('\n')).toEqual([
      '📋 Community Chat #CommunityChat recap: 3 participants, 3 answers, 0 first-timers.',
      'Q1 (2): “Listen first, then talk to the people who show up” — ana',
      'Q2 (1): “Marketing is relationships, at scale, &lt;b>always&lt;/b>” — li',
      'Thank you all! The full recap is on its way.',
    ]);
  });

  it('splits into messages within the limit, whole lines in order, never cutting an emoji in half', () => {
    const emojiTop = pickHighlights(recap, input, 1);
    emojiTop.set(1, [recap.questions[0]!.answers[1]!]);
    for (const maxLength of [60, 90, 150]) {
      const messages = buildChannelRecap(recap, emojiTop, { maxLength, quote });
      expect(messages.length).toBeGreaterThan(1);
      for (const message of messages) {
        expect(message.length).toBeLessThanOrEqual(maxLength);
        expect(message).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
      }
      const joined = messages.join('\n');
      expect(joined.indexOf('📋')).toBe(0);
      expect(joined.indexOf('Q1 (2)')).toBeLessThan(joined.indexOf('Q2 (1)'));
      expect(joined.endsWith('Thank you all! The full recap is on its way.')).toBe(true);
    }
  });
});
