import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter, discordConfigSchema, type DiscordAdapter } from '../../adapters/discord/index.js';
import { STOP_DRAIN_MS } from '../../adapters/shared/reaction-pacer.js';
import { silentLogger } from '../../src/log.js';
import type { ChatInbound, CommandReply, InboundMessage, MessageAddress, Reaction } from '../../src/port.js';
import { ManualClock } from '../../src/time/manual-clock.js';
import { FAKE_TOKEN, FakeDiscord } from '../fakes/discord/fake-discord.js';
import type { FakeSlack } from '../fakes/slack/fake-slack.js';
import { startSlackAdapter } from '../slack/slack-adapter-harness.js';
import { waitFor } from '../support/wait-for.js';

const CLAP: Reaction = { unicode: '👏', shortcode: 'clap', applause: '👏 Great answers, {names}!' };

/** A core that only acknowledges: every message handed on is reacted to, and the outcome of react() kept. */
class AcknowledgingInbound implements ChatInbound {
  readonly messages: InboundMessage[] = [];
  readonly outcomes = new Map<MessageAddress, 'pending' | 'resolved' | 'rejected'>();
  react: ((to: MessageAddress, reaction: Reaction) => Promise<void>) | undefined;

  async handleMessage(message: InboundMessage): Promise<void> {
    this.messages.push(message);
    this.outcomes.set(message.id, 'pending');
    this.react!(message.id, CLAP).then(
      () => this.outcomes.set(message.id, 'resolved'),
      () => this.outcomes.set(message.id, 'rejected'),
    );
  }

  async handleEdit(): Promise<void> {}
  async handleDelete(): Promise<void> {}
  async handleCommand(): Promise<CommandReply> {
    return { ok: true, text: '' };
  }

  count(outcome: 'pending' | 'resolved' | 'rejected'): number {
    return [...this.outcomes.values()].filter((o) => o === outcome).length;
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

describe('acknowledgements when an adapter stops', () => {
  it('Slack at 50 reactions a minute: 150 answers in the last minute, stopped at once, all acknowledged', async () => {
    const clock = new ManualClock();
    const inbound = new AcknowledgingInbound();
    const rig = await startSlackAdapter('socket', inbound, { reactionsPerMinute: 50 }, silentLogger, clock);
    let stopped = false;
    cleanups.push(async () => (stopped ? rig.fake.stop() : stopOnTime(rig.stop, clock)));
    const { fake, adapter } = rig;
    inbound.react = (to, reaction) => adapter.react(to, reaction);
    fake.enforceTiers({ now: () => clock.now() });
    const users = Array.from({ length: 150 }, (_, i) => `UANS${String(i).padStart(3, '0')}`);
    for (const [i, id] of users.entries()) fake.addUser({ id, name: `answerer${i}`, display: `Answerer ${i}` });
    // Time moves only while nothing is on its way to the fake, as it would for a bot whose calls take no time.
    const idle = () => fake.callsTo('reactions.add').length === adapter.reactionStats.sent + rateLimited(fake);
    const advance = async (ms: number) => {
      for (let step = 0; step < ms; step += 100) {
        await waitFor(idle, 'the reaction in flight');
        await clock.advance(100);
      }
    };

    for (const [i, user] of users.entries()) {
      await advance(400);
      fake.userSays({ channel: 'C1', user, text: `A1: answer ${i}` });
      await waitFor(() => inbound.messages.length === i + 1, `answer ${i} handed on`);
    }
    const backlogAtStop = adapter.reactionStats.waiting;
    expect(backlogAtStop).toBe(150 - adapter.reactionStats.sent - adapter.reactionStats.coalesced);
    const stopCalledAt = clock.now();
    const realStart = Date.now();
    let resolvedWhenStopped = -1;
    const stopping = adapter.stop().then(() => {
      stopped = true;
      resolvedWhenStopped = inbound.count('resolved');
    });
    // The socket closes in real time; the clock waits for it, so the drain's clock time is the drain's alone.
    await waitFor(() => fake.socketCount === 0, 'the socket to close');
    for (const deadline = Date.now() + 20_000; !stopped; ) {
      if (Date.now() > deadline) throw new Error('stop() did not resolve');
      await advance(100);
    }
    await stopping;
    const drainMs = clock.now() - stopCalledAt;
    const realMs = Date.now() - realStart;

    const applause = fake
      .callsTo('chat.postMessage')
      .map((c) => String(c.args.text))
      .filter((t) => t.startsWith('👏'));
    const acknowledged = inbound.messages.filter((m) => {
      const ts = m.id.split(':').pop()!;
      const user = users[Number(/answer (\d+)/.exec(m.text)![1])]!;
      return fake.reactions.has(`C1:${ts}`) || applause.some((text) => text.includes(`<@${user}>`));
    });
    console.log(
      `Slack drain: ${backlogAtStop} waiting at stop, drained in ${drainMs} ms of clock time (${realMs} ms real); ` +
        `${adapter.reactionStats.sent} reactions, ${adapter.reactionStats.coalesced} folded into ${applause.length} ` +
        `applause posts`,
    );
    expect(inbound.messages).toHaveLength(150);
    expect(acknowledged).toHaveLength(150);
    expect(resolvedWhenStopped).toBe(150);
    expect(inbound.count('rejected')).toBe(0);
    expect(adapter.reactionStats.sent + adapter.reactionStats.coalesced).toBe(150);
    // The drain happened under Slack's tier, and within its deadline (plus the applause post's round trip).
    expect(rateLimited(fake)).toBe(0);
    expect(backlogAtStop).toBeGreaterThan(10);
    expect(drainMs).toBeLessThanOrEqual(STOP_DRAIN_MS + 100);
  });

  it('Discord at 4 reactions a second: what is still queued at the deadline is applauded, none dropped', async () => {
    const clock = new ManualClock();
    const fake = new FakeDiscord();
    await fake.start();
    fake.enforceLimits();
    const members = Array.from({ length: 30 }, (_, i) => String(200000000000000000n + BigInt(i)));
    for (const [i, id] of members.entries()) fake.addMember({ id, username: `answerer${i}` });
    const config = discordConfigSchema.parse({
      token: FAKE_TOKEN,
      guildId: fake.guildId,
      channelId: fake.channelId,
      apiUrl: fake.apiUrl,
      readyTimeoutMs: 5000,
      postIntervalMs: 0,
    });
    const adapter: DiscordAdapter = createDiscordAdapter(config, silentLogger, clock);
    const inbound = new AcknowledgingInbound();
    inbound.react = (to, reaction) => adapter.react(to, reaction);
    await adapter.start(inbound);
    let stopped = false;
    cleanups.push(async () => {
      if (!stopped) await stopOnTime(() => adapter.stop(), clock);
      await fake.stop();
    });

    const said = members.map((author, i) => String(fake.memberSays({ author, content: `A1: answer ${i}` }).id));
    await waitFor(() => inbound.messages.length === 30, 'the answers handed on');
    const realStart = Date.now();
    const stopping = adapter.stop().then(() => void (stopped = true));
    const reactions = () => fake.callsTo('PUT', /\/reactions\//).length;
    await waitFor(() => reactions() >= 3, 'some reactions paced out by discord.js');
    await waitFor(() => clock.pendingCount() > 0 || stopped, 'the drain deadline to be set');
    const sentBeforeDeadline = reactions();
    await clock.advance(STOP_DRAIN_MS);
    await stopping;
    const realMs = Date.now() - realStart;

    const posts = fake.callsTo('POST', /^\/channels\/\d+\/messages$/).map((c) => String(c.body?.content));
    const applause = posts.filter((text) => text.startsWith('👏'));
    const acknowledged = said.filter(
      (id, i) => fake.reactionsOn(id).length > 0 || applause.some((text) => text.includes(`<@${members[i]}>`)),
    );
    console.log(
      `Discord drain: ${sentBeforeDeadline} reactions before the deadline, ${applause.length} applause post(s); ` +
        `stop() took ${realMs} ms real`,
    );
    expect(acknowledged).toHaveLength(30);
    expect(inbound.count('resolved')).toBe(30);
    expect(applause.length).toBeGreaterThanOrEqual(1);
    // Folded ones were taken out of discord.js's queue: they are not sent after the applause as well.
    expect(reactions()).toBeLessThan(30);
  });
});

function rateLimited(fake: FakeSlack): number {
  return fake.rateLimited.get('reactions.add') ?? 0;
}

// After a failed test: stops while moving the clock on, so a drain waiting for its deadline cannot hang.
async function stopOnTime(stop: () => Promise<void>, clock: ManualClock): Promise<void> {
  let done = false;
  const stopping = stop().finally(() => void (done = true));
  for (const deadline = Date.now() + 20_000; !done && Date.now() < deadline; ) await clock.advance(1000);
  await stopping;
}
