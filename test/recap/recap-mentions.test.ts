import { describe, expect, it } from 'vitest';
import { buildRecap } from '../../src/recap/build-recap.js';
import { buildChannelRecap } from '../../src/recap/channel-recap.js';
import { pickHighlights } from '../../src/recap/highlights.js';
import type { RecapInput } from '../../src/recap/recap-input.js';
import type { Recap } from '../../src/recap/recap-model.js';
import { RECAP_FORMATS, renderRecaps } from '../../src/recap/render-recap.js';
import { parseCsv } from '../../src/transcript/csv-rows.js';
import { answer, chatInput, other } from './chat-input.js';

const slack = (user: string) => ({ authorId: `slack:T1:${user}` });
const discord = (user: string) => ({ authorId: `discord:9:${user}` });

// Ana and Bo write; Zed never does but the community knows him; U0GHOST is known to nobody.
const slackChat: RecapInput = chatInput(
  [
    answer('s1', 'Ana Lopez', '<@U0BO> A1: agree with <@U0BO>, and <@U0ZED> says the same. cc <!channel>', 6, 1, {
      ...slack('U0ANA'),
      reactions: 5,
    }),
    answer(
      's2',
      'Bo Chen',
      'A1: ask <@U0GHOST> and <@U0ANA|ana> in <#C01|general> or <#C02>, <!here> <!subteam^S1|@mods>',
      7,
      1,
      slack('U0BO'),
    ),
    answer('s3', 'Bo Chen', 'A2: see <https://example.org/guide|the guide> and thank <@U0ANA>', 16, 2, slack('U0BO')),
    other('s4', 'Ana Lopez', 'lol <@U0BO> <!everyone>', 17, 'conversation', slack('U0ANA')),
  ],
  { people: { 'slack:T1:U0ZED': 'Zed Park', 'slack:T1:U0ANA': 'Ana (old name)' } },
);

const discordChat: RecapInput = chatInput(
  [
    answer('d1', 'Ana Lopez', '<@!222> A1: agree with <@!222>, and <@333>, ping <@&444> in <#555> @everyone', 6, 1, {
      ...discord('111'),
      reactions: 5,
    }),
    answer('d2', 'Bo Chen', 'A1: thanks <@111>, and <@999> too <:party:42>', 7, 1, discord('222')),
    answer('d3', 'Bo Chen', 'A2: the role <@&444> and channel <#555> matter, says <@111>', 16, 2, discord('222')),
    other('d4', 'Ana Lopez', '<@222> lol', 17, 'conversation', discord('111')),
  ],
  { people: { 'discord:9:333': 'Zed Park' } },
);

// Every text a recap shows people, JSON included; `rawText` alone keeps the markup as written.
function everyRecapText(input: RecapInput): Map<string, string> {
  const recap = buildRecap(input);
  const texts = new Map<string, string>(renderRecaps(input, RECAP_FORMATS));
  const json = JSON.parse(texts.get('json')!) as Recap;
  const withoutRawText = (key: string, value: unknown) => (key === 'rawText' ? undefined : value);
  texts.set('json without rawText', JSON.stringify(json, withoutRawText));
  const posts = buildChannelRecap(recap, pickHighlights(recap, input, 1), { maxLength: 4000, quote: (t) => t });
  texts.set('channel', posts.join('\n'));
  return texts;
}

describe.each([
  ['a Slack-like chat', slackChat],
  ['a Discord-like chat', discordChat],
])('people in the recap of %s read as names', (_label, input) => {
  const texts = everyRecapText(input);

  it('no "<@" (nor its HTML-escaped form) remains in any recap text', () => {
    for (const [format, text] of texts) {
      if (format === 'json') continue; // checked without rawText, which keeps the text as written
      expect(text, format).not.toContain('<@');
      expect(text, format).not.toContain('&lt;@');
      expect(text.replace(/^<!doctype html>/, ''), format).not.toMatch(/<[#!]|&lt;[#!]/);
    }
  });

  it('names the people mentioned: who wrote, who is in the directory, and "@someone" for the unknown', () => {
    for (const format of ['md', 'html', 'csv', 'json without rawText', 'channel']) {
      const text = texts.get(format)!;
      expect(text, format).toContain('@Bo Chen');
      if (format !== 'channel') expect(text, format).toContain('@Zed Park');
      if (format !== 'channel') expect(text, format).toContain('@someone');
    }
  });

  it('Markdown and HTML show the answer without its prefix, though it starts with a mention', () => {
    expect(texts.get('md')).toContain('- **Ana Lopez**: agree with @Bo Chen, and @Zed Park');
    expect(texts.get('html')).toContain('<bdi>agree with @Bo Chen, and @Zed Park');
    expect(texts.get('channel')).toContain('Q1 (2): “agree with @Bo Chen');
  });
});

describe('roles, channels and broadcasts', () => {
  it('read as @channel, @here, @everyone, @role and #channel in every format', () => {
    const slackMd = everyRecapText(slackChat).get('md')!;
    expect(slackMd).toContain('cc @channel');
    expect(slackMd).toContain('in #general or #channel, @here @mods');
    const discordCsv = everyRecapText(discordChat).get('csv')!;
    expect(discordCsv).toContain('ping @role in #channel @everyone');
    expect(discordCsv).toContain('too :party:');
  });
});

describe('the JSON contract with mentions', () => {
  const recap = JSON.parse(renderRecaps(slackChat, ['json']).get('json')!) as Recap;
  const [first, second] = recap.questions[0]!.answers;

  it('keeps "text" for people, adds the text as written and who was mentioned, by id and name', () => {
    expect(first!.text).toBe('@Bo Chen A1: agree with @Bo Chen, and @Zed Park says the same. cc @channel');
    expect(first!.rawText).toBe('<@U0BO> A1: agree with <@U0BO>, and <@U0ZED> says the same. cc <!channel>');
    expect(first!.mentions).toEqual([
      { id: 'U0BO', name: 'Bo Chen' },
      { id: 'U0ZED', name: 'Zed Park' },
    ]);
    // A name the person wrote under in this chat wins over an older one in the directory and over Slack's label.
    expect(second!.mentions).toEqual([
      { id: 'U0GHOST', name: null },
      { id: 'U0ANA', name: 'Ana Lopez' },
    ]);
    expect(recap.unattributed.find((u) => u.id === 's4')).toMatchObject({
      text: 'lol @Bo Chen @everyone',
      rawText: 'lol <@U0BO> <!everyone>',
      mentions: [{ id: 'U0BO', name: 'Bo Chen' }],
    });
  });

  it('writes mentions in a question as names too', () => {
    const questions = [{ number: 1, text: 'Welcome <@U0ZED>! What do you do first?', askedAt: slackChat.startedAt }];
    expect(buildRecap({ ...slackChat, questions }).questions[0]!.text).toBe('Welcome @Zed Park! What do you do first?');
  });

  it('adds nothing to a message without markup, and finds links inside Slack link markup', () => {
    const plain = buildRecap(chatInput([answer('p', 'li', 'A1: no markup at all', 6, 1)])).questions[0]!.answers[0]!;
    expect(Object.keys(plain)).toEqual(['id', 'author', 'text', 'ts', 'part', 'late']);
    expect(recap.links).toEqual([{ url: 'https://example.org/guide', author: 'Bo Chen', id: 's3' }]);
  });

  it('CSV has the readable text in its text column, one row per answer', () => {
    const { records } = parseCsv(renderRecaps(slackChat, ['csv']).get('csv')!);
    expect(records.slice(1).map((r) => r.fields[3])).toEqual([
      "'@Bo Chen A1: agree with @Bo Chen, and @Zed Park says the same. cc @channel",
      'A1: ask @someone and @Ana Lopez in #general or #channel, @here @mods',
      'A2: see the guide (https://example.org/guide) and thank @Ana Lopez',
    ]);
  });
});
