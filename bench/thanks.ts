import { loadScript } from '../src/script/load-script.js';
import { composeThanks, type ThankYouParticipant } from '../src/session/thank-you.js';
import type { PlatformLimits } from '../src/port.js';
import { fmt, type BenchResult, type BenchRow } from './bench-support.js';

// The adapters' own declared limits: Slack sets no mention cap (text length binds), Discord's
// allowed_mentions takes 100 users.
const PLATFORMS: { name: string; limits: PlatformLimits; mention: (i: number) => string }[] = [
  { name: 'Slack', limits: { messageLength: 4000, mentionsPerMessage: 10_000 }, mention: (i) => `<@U${String(i).padStart(10, '0')}>` },
  { name: 'Discord', limits: { messageLength: 2000, mentionsPerMessage: 100 }, mention: (i) => `<@${1_000_000_000_000_000_000n + BigInt(i)}>` },
];

/** Scenario 4: messages used to thank N people, against max(ceil(chars / limit), ceil(N / mention cap)). */
export function benchThanks(): BenchResult {
  const wording = loadScript('prompts/weekly-chat.yaml').wording;
  const rows: BenchRow[] = [];
  const data: Record<string, unknown>[] = [];
  for (const platform of PLATFORMS) {
    for (const n of [50, 445, 2000]) {
      const people: ThankYouParticipant[] = Array.from({ length: n }, (_, i) => {
        const answers = i % 9 === 0 ? 0 : 1 + (i % 6);
        return {
          userId: `u${i}`,
          displayName: `person${i}`,
          mention: platform.mention(i),
          answers,
          questions: Array.from({ length: Math.min(answers, 6) }, (_, q) => q + 1),
        };
      });
      const messages = composeThanks(people, wording, { hashtag: '#CommunityChat', limits: platform.limits, seed: 7 });
      const chars = messages.reduce((sum, m) => sum + m.text.length, 0) + (messages.length - 1); // joined by one separator
      const bound = Math.max(Math.ceil(chars / platform.limits.messageLength), Math.ceil(n / platform.limits.mentionsPerMessage));
      const named = messages.flatMap((m) => m.mentions);
      const everyoneOnce = named.length === n && new Set(named).size === n;
      const fits = messages.every((m) => m.text.length <= platform.limits.messageLength && m.mentions.length <= platform.limits.mentionsPerMessage);
      rows.push({
        scenario: `Thanks, ${platform.name}, N = ${n}`,
        figure: `${messages.length} message(s)${everyoneOnce ? ', everyone named once' : ', NOT everyone once'}`,
        target: `lower bound ${bound}`,
        met: messages.length === bound && everyoneOnce && fits,
        ...(messages.length > bound
          ? { note: `over by ${messages.length - bound}: the bound assumes text can be cut anywhere; a person's thank-you line is never split, and the messages are filled to within ${fmt(((messages.length - 1) * platform.limits.messageLength - (chars - messages.at(-1)!.text.length)) / (messages.length - 1), 0)} characters on average` }
          : {}),
      });
      data.push({ platform: platform.name, n, messages: messages.length, lowerBound: bound, chars, everyoneOnce, fits });
    }
  }
  return { rows, data: { cases: data } };
}
