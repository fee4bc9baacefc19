import { createDiscordAdapter, discordConfigSchema } from '../adapters/discord/index.js';
import { createSlackAdapter, slackConfigSchema } from '../adapters/slack/index.js';
import { silentLogger } from '../src/log.js';
import type { Platform, PlatformLimits } from '../src/port.js';
import { fillTemplate } from '../src/script/fill-template.js';
import { loadScript } from '../src/script/load-script.js';
import type { Wording } from '../src/script/script-schema.js';
import { composeThanks, type ThankYouParticipant } from '../src/session/thank-you.js';
import { fmt, type BenchResult, type BenchRow } from './bench-support.js';

const HASHTAG = '#CommunityChat';

/** The limits each adapter declares (constructing an adapter connects nowhere), and its mention form. */
function platforms(): { name: string; limits: PlatformLimits; mention: (i: number) => string }[] {
  const slack = createSlackAdapter(
    slackConfigSchema.parse({ botToken: 'xoxb-bench', appToken: 'xapp-bench', channel: 'C1' }),
    silentLogger,
  );
  const discord = createDiscordAdapter(
    discordConfigSchema.parse({ token: 'bench-token', guildId: '100000000000000001', channelId: '100000000000000002' }),
    silentLogger,
  );
  return [
    {
      name: 'Slack',
      limits: slack.limits,
      mention: (i) => mention(slack, `slack:T1:U${String(i).padStart(10, '0')}`, i),
    },
    {
      name: 'Discord',
      limits: discord.limits,
      mention: (i) => mention(discord, `discord:100000000000000001:${1_000_000_000_000_000_000n + BigInt(i)}`, i),
    },
  ];
}

/** A mention as the adapter formats it (through the port, whatever the adapter's own signature). */
function mention(platform: Platform, user: string, i: number): string {
  return platform.mention(user, `person${i}`);
}

/** The shortest line any wording gives a person: what no packing can go below. */
function shortestLine(person: ThankYouParticipant, wording: Wording): number {
  const variants = person.answers > 0 ? wording.thanks : wording.thanksNoAnswers;
  const words = person.answers === 1 ? wording.answerWords.one : wording.answerWords.other;
  return Math.min(
    ...variants.map(
      (template) =>
        fillTemplate(template, {
          name: person.mention,
          answers: `${person.answers} ${words}`,
          count: person.answers,
          questions: person.questions.map((n) => `Q${n}`).join(', '),
          hashtag: HASHTAG,
        }).length,
    ),
  );
}

/**
 * Scenario 4: messages used to thank N people, against the lower bound max(ceil(chars / limit),
 * ceil(N / mention cap)). "Chars" is taken two ways: the text as written (the wordings the packer chose,
 * one line break between lines, header once), and the strict form where every line takes its shortest
 * wording — no packing of these people can use fewer messages than that one.
 */
export function benchThanks(): BenchResult {
  const wording = loadScript('prompts/weekly-chat.yaml').wording;
  const header = fillTemplate(wording.thanksHeader, { hashtag: HASHTAG });
  const rows: BenchRow[] = [];
  const data: Record<string, unknown>[] = [];
  for (const platform of platforms()) {
    const { messageLength, mentionsPerMessage } = platform.limits;
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
      const started = performance.now();
      const messages = composeThanks(people, wording, { hashtag: HASHTAG, limits: platform.limits, seed: 7 });
      const ms = performance.now() - started;
      const chars = messages.reduce((sum, m) => sum + m.text.length, 0) + (messages.length - 1); // one break per cut
      const strictChars = header.length + people.reduce((sum, p) => sum + 1 + shortestLine(p, wording), 0);
      const byMentions = Math.ceil(n / mentionsPerMessage);
      const bound = Math.max(Math.ceil(chars / messageLength), byMentions);
      const strictBound = Math.max(Math.ceil(strictChars / messageLength), byMentions);
      // Everyone named exactly once, both in the mentions the platform is told to ping and in the text.
      const pinged = messages.flatMap((m) => m.mentions);
      const text = messages.map((m) => m.text).join('\n');
      const inText = people.filter((p) => text.split(p.mention).length - 1 === 1).length;
      const everyoneOnce = pinged.length === n && new Set(pinged).size === n && inText === n;
      const fits = messages.every((m) => m.text.length <= messageLength && m.mentions.length <= mentionsPerMessage);
      rows.push({
        scenario:
          `Thanks, ${platform.name} (${messageLength} chars, ` +
          `${Number.isFinite(mentionsPerMessage) ? `${mentionsPerMessage} mentions` : 'no mention cap'}), ` +
          `N = ${n}`,
        figure:
          `${messages.length} message(s); ` +
          `${everyoneOnce ? 'everyone named once' : `NOT everyone once (${inText}/${n} in text)`}` +
          `${fits ? '' : '; OVER A LIMIT'}; ${fmt(ms, 0)} ms`,
        target: `lower bound ${bound} (strict, shortest wordings: ${strictBound})`,
        met: messages.length === bound && everyoneOnce && fits,
        ...(messages.length > bound ? { note: `over by ${messages.length - bound}` } : {}),
      });
      data.push({
        platform: platform.name,
        limits: platform.limits,
        n,
        messages: messages.length,
        lowerBound: bound,
        strictLowerBound: strictBound,
        chars,
        strictChars,
        everyoneOnce,
        fits,
        ms,
      });
    }
  }
  return { rows, data: { cases: data } };
}
