import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { shippedScript, writeTestScript } from '../support/write-test-script.js';
import { PEOPLE, startDiscordChat, waitFor } from './discord-harness.js';

type Chat = Awaited<ReturnType<typeof startDiscordChat>>;
let chat: Chat | undefined;
afterEach(async () => {
  await chat?.stop();
  chat = undefined;
});

function threadedScripts(): string {
  const dir = mkdtempSync(join(tmpdir(), 'emcee-discord-'));
  writeTestScript(join(dir, 'prompts'), { ...shippedScript('demo'), threadPerQuestion: true });
  copyFileSync('prompts/recap-summary.md', join(dir, 'prompts', 'recap-summary.md'));
  return join(dir, 'prompts');
}

type Body = {
  content: string;
  embeds?: { title?: string; description?: string; footer?: { text: string } }[];
  allowed_mentions?: { parse: string[]; users?: string[] };
  message_reference?: { message_id: string };
};

describe('a whole chat through the real discord.js against a local Discord', () => {
  it('question embeds, threads, answers in both, edits, deletes, refusals, exact thanks mentions, recap', async () => {
    const c = (chat = await startDiscordChat({ scripts: threadedScripts() }));
    await c.start();
    const { fake } = c;
    const posts = () => fake.callsTo('POST', /^\/channels\/\d+\/messages$/).map((call) => call.body as unknown as Body);
    const replies = () => fake.callsTo('PATCH', /@original$/).map((call) => String(call.body?.content));

    fake.slashCommand({ user: PEOPLE.host, sub: 'start', script: 'demo' });
    await waitFor(() => replies().includes('Started "Community Chat (demo)".'), 'the start reply');
    expect(fake.callsTo('POST', /\/callback$/)[0]!.body).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(posts()[0]!.content).toMatch(/^Welcome to #CommunityChat/);

    await c.clock.advance(15_000);
    await waitFor(() => posts().some((p) => p.embeds?.[0]?.title === 'Q1 · #CommunityChat'), 'Q1');
    await waitFor(() => fake.threads.size === 1, 'the Q1 thread');
    const q1 = posts().find((p) => p.embeds?.[0]?.title === 'Q1 · #CommunityChat')!;
    expect(q1.content).toBe('Q1: How do you build real relationships on social media? #CommunityChat');
    expect(q1.embeds![0]!.description).toBe('**How do you build real relationships on social media?**');
    expect(q1.embeds![0]!.footer!.text).toBe('Reply with A1: … and add #CommunityChat');
    const threadId = [...fake.threads.keys()][0]!;

    const hello = fake.memberSays({ author: PEOPLE.ana, content: 'hello there' });
    fake.memberSays({ author: PEOPLE.ana, content: 'A1: Listen first @everyone' });
    fake.memberSays({ author: PEOPLE.bea, content: 'Reply to every comment', channelId: threadId });
    await waitFor(() => fake.callsTo('PUT', /\/reactions\/👏\/@me$/).length === 2, 'two acknowledgements');
    await waitFor(() => posts().filter((p) => p.message_reference).length === 2, 'first-timer welcomes');
    const welcome = posts().find((p) => p.message_reference && p.content.includes(`<@${PEOPLE.ana}>`))!;
    expect(welcome.allowed_mentions).toEqual({ parse: [], users: [PEOPLE.ana], replied_user: false });

    fake.memberEdits(hello, 'A1: edited into an answer');
    await waitFor(() => fake.callsTo('PUT', /\/reactions\/👏\/@me$/).length === 3, 'the edit acknowledged');

    await c.clock.advance(20_000);
    await waitFor(() => posts().some((p) => p.embeds?.[0]?.title === 'Q2 · #CommunityChat'), 'Q2');
    const doomed = fake.memberSays({ author: PEOPLE.bea, content: 'A2: deleted soon' });
    await waitFor(() => fake.callsTo('PUT', /\/reactions\/👏\/@me$/).length === 4, 'A2 acknowledged');
    fake.memberDeletes(doomed);
    await waitFor(
      () => c.store.messages.forSession(1).find((m) => m.text === 'A2: deleted soon')?.deleted_at != null,
      'the delete',
    );

    const refused = fake.slashCommand({ user: PEOPLE.mallory, sub: 'end' });
    await waitFor(() => replies().some((r) => r.startsWith('Only hosts can end')), 'the refusal');
    expect(fake.interactionAnswer(refused)).toMatchObject({
      ephemeral: true,
      content: expect.stringMatching(/^Only hosts can end/),
    });
    expect(posts().some((p) => p.content.startsWith("That's a wrap"))).toBe(false);
    expect(c.ended).toEqual([]);
    fake.slashCommand({ user: PEOPLE.manager, sub: 'extend', minutes: 2 });
    await waitFor(() => replies().includes('Added 2 minutes.'), 'Manage Events may host');

    fake.slashCommand({ user: PEOPLE.host, sub: 'end' });
    await waitFor(() => c.ended.length === 1, 'the end');

    // Questions went out in order, each once, and the closing came after them.
    const titles = posts().flatMap((p) => (p.embeds?.[0]?.title ? [p.embeds[0].title] : []));
    expect(titles).toEqual(['Q1 · #CommunityChat', 'Q2 · #CommunityChat']);
    const order = posts().map((p) => p.content);
    expect(order.findIndex((t) => t.startsWith('Q2:'))).toBeGreaterThan(order.findIndex((t) => t.startsWith('Q1:')));
    expect(order.findIndex((t) => t.startsWith("That's a wrap"))).toBeGreaterThan(
      order.findIndex((t) => t.startsWith('Q2:')),
    );

    const where = Object.fromEntries(c.store.messages.forSession(1).map((m) => [m.text, m.question_number]));
    expect(where).toMatchObject({
      'A1: edited into an answer': 1,
      'A1: Listen first @everyone': 1,
      'Reply to every comment': 1,
      'A2: deleted soon': 2,
    });
    const thanks = posts().find((p) => p.content.startsWith('Thank you, everyone'))!;
    expect(thanks.content).toContain(`<@${PEOPLE.ana}>`);
    expect(thanks.allowed_mentions).toEqual({ parse: [], users: [PEOPLE.ana, PEOPLE.bea], replied_user: false });
    const recap = posts().find((p) => p.content.startsWith('📋 Community Chat (demo)'))!;
    expect(recap.allowed_mentions!.parse).toEqual([]);
    expect(recap.content).not.toMatch(/(^|[^\u200b])@everyone/);
    expect(
      posts().every((p) => Array.isArray(p.allowed_mentions?.parse) && p.allowed_mentions!.parse.length === 0),
    ).toBe(true);
  });
});
