import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter, discordConfigSchema } from '../../adapters/discord/index.js';
import { silentLogger } from '../../src/log.js';
import { ManualClock } from '../../src/time/manual-clock.js';
import { FAKE_TOKEN, FakeDiscord } from '../fakes/discord/fake-discord.js';
import type { Json } from '../fakes/discord/fake-guild.js';
import { REHEARSED_SERIES, rehearsalEngine } from '../support/rehearsal-engine.js';
import { waitFor } from '../support/wait-for.js';
import { addPeople, PEOPLE } from './fake-people.js';

let stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.reverse()) await stop();
  stops = [];
});

/** The real discord.js client against the fake Discord, the whole engine behind it; the chat on a manual clock. */
async function discordRehearsal() {
  const fake = new FakeDiscord();
  await fake.start();
  addPeople(fake);
  const config = discordConfigSchema.parse({
    token: FAKE_TOKEN,
    guildId: fake.guildId,
    channelId: fake.channelId,
    hostRoleId: fake.hostRoleId,
    apiUrl: fake.apiUrl,
    readyTimeoutMs: 5000,
    postIntervalMs: 0,
  });
  const adapter = createDiscordAdapter(config, silentLogger);
  const clock = new ManualClock(Date.now());
  const engine = rehearsalEngine(adapter, clock);
  await adapter.start(engine.inbound);
  stops.push(async () => {
    await engine.host.stop();
    await adapter.stop();
    engine.store.close();
    await fake.stop();
  });
  const botPosts = (messages: Json[] | undefined) =>
    (messages ?? [])
      .filter((m) => (m.author as Json).id === fake.botId)
      .map((m) => ({ id: String(m.id), text: String(m.content) }));
  /** The host runs `/emcee rehearse <series>` in the chat's channel; resolves with the DM's channel id. */
  const rehearse = async () => {
    const series = { series: REHEARSED_SERIES.id };
    const interaction = fake.slashCommand({ user: PEOPLE.host, sub: 'rehearse', text: series });
    await waitFor(() => fake.dms.channels.has(PEOPLE.host), 'the DM to open');
    // Answered at once, or deferred and then edited with the core's text: either way the text comes.
    const told = () => String(fake.interactionAnswer(interaction)?.content ?? '');
    await waitFor(() => told().includes('Rehearsing'), 'the answer to the command');
    return { dm: fake.dms.channels.get(PEOPLE.host)!, answer: told() };
  };
  const posted = (dm: string, prefix: string) =>
    botPosts(fake.dms.messages.get(dm)).find((m) => m.text.startsWith(prefix));
  const clapped = (messageId: string) => fake.reactionsOn(messageId).some((r) => r.startsWith('👏'));
  return { fake, adapter, engine, botPosts, rehearse, posted, clapped };
}

describe('/emcee rehearse on Discord: the next chat in two minutes, in a direct message with the host', () => {
  it('posts every step in the DM, hears the host answer there, acknowledges, thanks, keeps nothing', async () => {
    const { fake, engine, botPosts, rehearse, posted, clapped } = await discordRehearsal();
    const { dm, answer: told } = await rehearse();
    expect(told).toContain('in a direct message with you');
    const welcome = REHEARSED_SERIES.welcome.split('\n')[0]!.replace('{hashtag}', REHEARSED_SERIES.hashtag);
    await waitFor(() => posted(dm, welcome) !== undefined, 'the welcome in the DM');

    await engine.nextStep(() => posted(dm, 'Q1:') !== undefined, 'Q1 in the DM');
    const content = `A1: my rehearsed answer ${REHEARSED_SERIES.hashtag}`;
    const answer = fake.memberSaysInDm({ author: PEOPLE.host, content });
    await waitFor(() => clapped(String(answer.id)), 'the 👏 on the answer');

    await engine.nextStep(() => posted(dm, 'Q2:') !== undefined, 'Q2 in the DM');
    // A Discord reply to Q2 counts for Q2 without "A2:", as in a channel.
    const q2 = posted(dm, 'Q2:')!.id;
    const reply = fake.memberSaysInDm({ author: PEOPLE.host, content: 'a reply to the question', replyTo: q2 });
    await waitFor(() => clapped(String(reply.id)), 'the 👏 on the reply');

    await engine.nextStep(() => engine.ended.length === 1, 'the rehearsal to end');
    const texts = botPosts(fake.dms.messages.get(dm)).map((m) => m.text);
    const closing = REHEARSED_SERIES.closing.split('\n')[0]!.replace('{hashtag}', REHEARSED_SERIES.hashtag);
    expect(texts.some((t) => t.startsWith(closing))).toBe(true);
    expect(texts.some((t) => t.includes(`<@${PEOPLE.host}>`))).toBe(true); // named in the thanks
    expect(texts.some((t) => t.startsWith(`📋 ${REHEARSED_SERIES.title}`))).toBe(true); // the channel recap
    // Nothing of it reached the configured channel, and no thread was tried in the DM.
    expect(botPosts(fake.messages.get(fake.channelId))).toEqual([]);
    expect(fake.callsTo('POST', /\/threads$/)).toEqual([]);

    const { store } = engine;
    const row = engine.session();
    expect(row).toMatchObject({ channel: `discord:@me:${dm}`, rehearsal: 1, state: 'ended' });
    const stored = store.messages.forSession(row.id).map((m) => [m.text, m.question_number, m.author_id]);
    const hostAddress = `discord:${fake.guildId}:${PEOPLE.host}`;
    expect(stored).toEqual([
      [answer.content, 1, hostAddress],
      ['a reply to the question', 2, hostAddress],
    ]);
    expect(store.thanks.forSession(row.id).map((t) => [t.user_id, t.answers])).toEqual([[hostAddress, 2]]);
    expect(store.participants.count(`discord:${fake.guildId}`)).toBe(0);
    expect(engine.recapFiles()).toEqual([]);
    const listing = await engine.listSessions();
    expect(listing.code).toBe(0);
    expect(listing.text).toMatch(new RegExp(`${REHEARSED_SERIES.id}\\s+ended \\(rehearsal\\)`));
  });

  it('after a restart, the DM of a rehearsal it catches up in is heard again, its history read as live', async () => {
    const { fake, adapter, engine } = await discordRehearsal();
    fake.dms.open({ recipient_id: PEOPLE.host }); // opened before the restart
    const dm = fake.dms.channels.get(PEOPLE.host)!;
    // Written while Emcee was down: only in the DM's history.
    const before = fake.dms.memberWrites({ author: PEOPLE.host, content: 'A1: written before the catch-up' });
    const history = await adapter.fetchHistory(`discord:@me:${dm}`, 0);
    expect(history.messages.map((m) => [m.id, m.author.id, m.author.isHost])).toEqual([
      [`discord:@me:${dm}:${String(before.id)}`, `discord:${fake.guildId}:${PEOPLE.host}`, false],
    ]);
    const after = fake.memberSaysInDm({ author: PEOPLE.host, content: 'A1: written after it' });
    await waitFor(() => engine.heard.some((m) => m.text === after.content), 'the live message');
    expect(engine.heard.map((m) => [m.channel, m.author.isHost])).toEqual([[`discord:@me:${dm}`, false]]);
  });

  it('asks for the DirectMessages intent and hears only the DMs it opened', async () => {
    const { fake, engine, rehearse, posted, clapped } = await discordRehearsal();
    expect(Number(fake.handshakes.identifies[0]!.intents) & (1 << 12)).not.toBe(0);
    // Ana has a DM with the bot too (a notice went there), but no rehearsal opened it.
    fake.dms.open({ recipient_id: PEOPLE.ana });
    const { dm } = await rehearse();
    await engine.nextStep(() => posted(dm, 'Q1:') !== undefined, 'Q1 in the DM');
    const stray = fake.memberSaysInDm({ author: PEOPLE.ana, content: 'A1: written in my own DM with the bot' });
    const heard = fake.memberSaysInDm({ author: PEOPLE.host, content: 'A1: the host, in the rehearsal' });
    await waitFor(() => clapped(String(heard.id)), 'the host heard');
    expect(clapped(String(stray.id))).toBe(false);
    expect(engine.heard.map((m) => [m.channel, m.text])).toEqual([[`discord:@me:${dm}`, heard.content]]);
  });
});
