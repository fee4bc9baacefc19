import { describe, expect, it } from 'vitest';
import { loadScript } from '../../src/script/load-script.js';
import { composeThanks, type ThankYouParticipant } from '../../src/session/thank-you.js';

const wording = loadScript(new URL('../../prompts/weekly-chat.yaml', import.meta.url).pathname).wording;

function crowd(n: number): ThankYouParticipant[] {
  return Array.from({ length: n }, (_, i) => {
    const answers = i % 5 === 0 ? 0 : 1 + (i % 4);
    return {
      userId: `u${i}`,
      displayName: `p${i}`,
      mention: `<@${100000 + i}>`,
      answers,
      questions: Array.from({ length: answers }, (_, q) => q + 1),
    };
  });
}

describe('packing thank-yous', () => {
  it('names everyone exactly once, within the length and mention limits, never the same words twice in a row', () => {
    const limits = { messageLength: 700, mentionsPerMessage: 9 };
    const messages = composeThanks(crowd(120), wording, { hashtag: '#Chat', limits, seed: 3 });
    const named = messages.flatMap((m) => m.mentions);
    expect(new Set(named).size).toBe(120);
    expect(named).toHaveLength(120);
    for (const m of messages) {
      expect(m.text.length).toBeLessThanOrEqual(limits.messageLength);
      expect(m.mentions.length).toBeLessThanOrEqual(limits.mentionsPerMessage);
    }
    // Across message boundaries too: the shape of each line (names and numbers removed) never repeats.
    const shapes = messages
      .flatMap((m) => m.text.split('\n'))
      .filter((l) => l.includes('<@'))
      .map((l) => l.replace(/<@\d+>|\d+|Q\d+(, Q\d+)*/g, '#'));
    for (let i = 1; i < shapes.length; i++) expect(shapes[i], `line ${i}`).not.toBe(shapes[i - 1]);
    expect(messages[0]!.text.startsWith('Thank you, everyone who made #Chat today!')).toBe(true);
  });

  it('fills a message before starting the next, moving up a later line that fits the end', () => {
    const limits = { messageLength: 2000, mentionsPerMessage: 100 };
    const messages = composeThanks(crowd(445), wording, { hashtag: '#Chat', limits, seed: 1 });
    const chars = messages.reduce((n, m) => n + m.text.length, 0) + messages.length - 1;
    expect(messages.length).toBe(Math.ceil(chars / limits.messageLength));
    // Less than one more line.
    for (const m of messages.slice(0, -1)) expect(limits.messageLength - m.text.length).toBeLessThan(100);
  });

  it('changes the wording from week to week', () => {
    const week1 = composeThanks(crowd(5), wording, {
      hashtag: '#Chat',
      limits: { messageLength: 4000, mentionsPerMessage: 100 },
      seed: 1,
    });
    const week2 = composeThanks(crowd(5), wording, {
      hashtag: '#Chat',
      limits: { messageLength: 4000, mentionsPerMessage: 100 },
      seed: 2,
    });
    expect(week1[0]!.text).not.toBe(week2[0]!.text);
  });

  it('packs lines that name a milestone to the same bound, one line per person, the milestone ending it', () => {
    const limits = { messageLength: 2000, mentionsPerMessage: 100 };
    const people = crowd(445).map((person, i) =>
      i % 7 === 0 ? { ...person, milestone: `Your ${i}th #Chat! 🎉` } : person,
    );
    const messages = composeThanks(people, wording, { hashtag: '#Chat', limits, seed: 1 });
    const chars = messages.reduce((n, m) => n + m.text.length, 0) + messages.length - 1;
    expect(messages.length).toBe(Math.ceil(chars / limits.messageLength));
    const lines = messages.flatMap((m) => m.text.split('\n')).filter((l) => l.includes('<@'));
    expect(lines).toHaveLength(445);
    for (const person of people) {
      const line = lines.filter((l) => l.includes(person.mention));
      expect(line, person.userId).toHaveLength(1);
      if (person.milestone) expect(line[0]!.endsWith(` ${person.milestone}`), line[0]).toBe(true);
      else expect(line[0]).not.toContain('#Chat! 🎉');
    }
  });
});
