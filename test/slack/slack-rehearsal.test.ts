import { afterEach, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../adapters/slack/index.js';
import { silentLogger } from '../../src/log.js';
import { ManualClock } from '../../src/time/manual-clock.js';
import { FakeSlack } from '../fakes/slack/fake-slack.js';
import { slackTestConfig } from './slack-engine-rig.js';
import { REHEARSED_SERIES, rehearsalEngine } from '../support/rehearsal-engine.js';
import { waitFor } from '../support/wait-for.js';

let stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.reverse()) await stop();
  stops = [];
});

/** The real Bolt app against the fake Slack, the whole engine behind it; the chat on a manual clock. */
async function slackRehearsal() {
  const fake = new FakeSlack();
  await fake.start();
  fake.addUser({ id: 'UHOST', name: 'hana', display: 'Hana' });
  fake.addUser({ id: 'U1', name: 'ana', display: 'Ana' });
  const config = slackTestConfig(fake);
  const clock = new ManualClock(Date.now());
  const adapter = createSlackAdapter(config, silentLogger);
  const engine = rehearsalEngine(adapter, clock);
  await adapter.start(engine.inbound);
  await waitFor(() => fake.socketCount === 1, 'the Socket Mode connection');
  stops.push(async () => {
    await engine.host.stop();
    await adapter.stop();
    engine.store.close();
    await fake.stop();
  });
  const botPosts = (channel: string) => (fake.history.get(channel) ?? []).filter((m) => m.user === fake.botUserId);
  return { fake, clock, adapter, engine, botPosts };
}

describe('/emcee rehearse on Slack: the next chat in two minutes, in a direct message with the host', () => {
  it('posts every step in the DM, hears the host answer there, acknowledges, thanks, keeps nothing', async () => {
    const { fake, engine, botPosts } = await slackRehearsal();
    fake.slashCommand({ channel: 'C1', user: 'UHOST', text: `rehearse ${REHEARSED_SERIES.id}` });
    await waitFor(() => fake.dms.has('UHOST'), 'the DM to open');
    const dm = fake.dms.get('UHOST')!;
    expect(fake.callsTo('conversations.open').map((c) => c.args.users)).toEqual(['UHOST']);
    const welcome = REHEARSED_SERIES.welcome.split('\n')[0]!.replace('{hashtag}', REHEARSED_SERIES.hashtag);
    await waitFor(() => botPosts(dm).some((m) => m.text.startsWith(welcome)), 'the welcome in the DM');
    const told = () => JSON.stringify([fake.responses, fake.ephemerals]);
    await waitFor(() => told().includes('Rehearsing'), 'the answer to the command');
    expect(told()).toContain('in a direct message with you');

    await engine.nextStep(() => botPosts(dm).some((m) => m.text.startsWith('Q1:')), 'Q1 in the DM');
    const answer = fake.userSaysInDm({ user: 'UHOST', text: `A1: my rehearsed answer ${REHEARSED_SERIES.hashtag}` });
    await waitFor(() => (fake.reactions.get(`${dm}:${answer.ts}`) ?? []).includes('clap'), 'the 👏 on the answer');

    await engine.nextStep(() => botPosts(dm).some((m) => m.text.startsWith('Q2:')), 'Q2 in the DM');
    const q2 = botPosts(dm).find((m) => m.text.startsWith('Q2:'))!;
    // A reply in Q2's thread counts for Q2 without "A2:", as in a channel.
    const reply = fake.userSaysInDm({ user: 'UHOST', text: 'a reply in the thread', threadTs: q2.ts });
    await waitFor(() => (fake.reactions.get(`${dm}:${reply.ts}`) ?? []).includes('clap'), 'the 👏 on the reply');

    await engine.nextStep(() => engine.ended.length === 1, 'the rehearsal to end');
    const texts = botPosts(dm).map((m) => m.text);
    const closing = REHEARSED_SERIES.closing.split('\n')[0]!.replace('{hashtag}', REHEARSED_SERIES.hashtag);
    expect(texts.some((t) => t.startsWith(closing))).toBe(true);
    expect(texts.filter((t) => t.includes('<@UHOST>')).length).toBeGreaterThan(0); // named in the thanks
    expect(texts.some((t) => t.startsWith(`📋 ${REHEARSED_SERIES.title}`))).toBe(true); // the channel recap
    // Nothing of it reached the configured channel.
    expect(botPosts('C1')).toEqual([]);

    const { store } = engine;
    const row = engine.session();
    expect(row).toMatchObject({ channel: `slack:T0001:${dm}`, rehearsal: 1, state: 'ended' });
    const stored = store.messages.forSession(row.id).map((m) => [m.text, m.question_number, m.from_host]);
    expect(stored).toEqual([
      [answer.text, 1, 0],
      ['a reply in the thread', 2, 0],
    ]);
    expect(store.thanks.forSession(row.id).map((t) => [t.user_id, t.answers])).toEqual([['slack:T0001:UHOST', 2]]);
    expect(store.participants.count('slack:T0001')).toBe(0);
    expect(engine.recapFiles()).toEqual([]);
    const listing = await engine.listSessions();
    expect(listing.code).toBe(0);
    expect(listing.text).toMatch(new RegExp(`${REHEARSED_SERIES.id}\\s+ended \\(rehearsal\\)`));
  });

  it('after a restart, the DM of a rehearsal it catches up in is heard again, its history read as live', async () => {
    const { fake, adapter, engine } = await slackRehearsal();
    fake.dms.set('UHOST', 'DHOST'); // opened before the restart
    // Written while Emcee was down: only in the DM's history.
    const before = fake.userSaysOffline({ channel: 'DHOST', user: 'UHOST', text: 'A1: written before the catch-up' });
    const history = await adapter.fetchHistory('slack:T0001:DHOST', 0);
    // The adapter reports who the author is (a host); the core counts a host's rehearsal answers itself.
    expect(history.messages.map((m) => [m.channel, m.text, m.author.isHost])).toEqual([
      ['slack:T0001:DHOST', before.text, true],
    ]);
    const after = fake.userSaysInDm({ user: 'UHOST', text: 'A1: written after it' });
    await waitFor(() => engine.heard.some((m) => m.text === after.text), 'the live message');
    expect(engine.heard.map((m) => [m.channel, m.author.isHost])).toEqual([['slack:T0001:DHOST', true]]);
  });

  it('hears only the DMs it opened: a message to the app in any other DM reaches nobody', async () => {
    const { fake, engine, botPosts } = await slackRehearsal();
    // Ana's DM with the app exists (a notice went there), but no rehearsal opened it.
    fake.dms.set('U1', 'DU1');
    fake.slashCommand({ channel: 'C1', user: 'UHOST', text: `rehearse ${REHEARSED_SERIES.id}` });
    await waitFor(() => fake.dms.has('UHOST'), 'the DM to open');
    const dm = fake.dms.get('UHOST')!;
    await engine.nextStep(() => botPosts(dm).some((m) => m.text.startsWith('Q1:')), 'Q1 in the DM');
    const stray = fake.userSaysInDm({ user: 'U1', text: 'A1: written in my own DM with the app' });
    const heard = fake.userSaysInDm({ user: 'UHOST', text: 'A1: the host, in the rehearsal' });
    await waitFor(() => (fake.reactions.get(`${dm}:${heard.ts}`) ?? []).includes('clap'), 'the host heard');
    expect(fake.reactions.has(`DU1:${stray.ts}`)).toBe(false);
    expect(engine.heard.map((m) => [m.channel, m.text])).toEqual([[`slack:T0001:${dm}`, heard.text]]);
    expect(engine.store.messages.forSession(engine.session().id).map((m) => m.text)).toEqual([heard.text]);
  });
});
