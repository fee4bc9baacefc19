import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import type { Clock } from '../../src/time/clock.js';
import { ManualClock } from '../../src/time/manual-clock.js';
import { waitFor } from '../support/wait-for.js';
import { FakeSlack } from '../fakes/slack/fake-slack.js';
import { RecordingInbound } from './recording-inbound.js';
import { startSlackAdapter } from './slack-adapter-harness.js';

type Running = Awaited<ReturnType<typeof startSlackAdapter>>;
let running: Running | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

const CLAP = { unicode: '👏', shortcode: 'clap', applause: '👏 Great answers, {names}!' };
const question = (n: number) => ({
  kind: 'question' as const,
  text: `Q${n}: What makes a community feel like home? #CommunityChat`,
  question: {
    number: n,
    text: 'What makes a community feel like home?',
    hashtag: '#CommunityChat',
    hint: `Answer with A${n}: … and add #CommunityChat`,
    openThread: true,
  },
});

async function start(overrides = {}, clock?: Clock) {
  const inbound = new RecordingInbound();
  running = await startSlackAdapter('socket', inbound, overrides, undefined, clock);
  return { ...running, inbound };
}

describe('Slack outbound through real Bolt', () => {
  it('a question goes out in Block Kit with its plain-text fallback, and its address reads back', async () => {
    const { fake, adapter } = await start();
    const posted = await adapter.post(adapter.defaultChannel, question(1));
    const call = fake.callsTo('chat.postMessage')[0]!;
    expect(call.args).toMatchObject({
      channel: 'C1',
      text: 'Q1: What makes a community feel like home? #CommunityChat',
    });
    expect(call.args.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'Q1 #CommunityChat', emoji: true } },
      { type: 'section', text: { type: 'mrkdwn', text: '*What makes a community feel like home?*' } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Answer with A1: … and add #CommunityChat' }] },
    ]);
    const stored = fake.history.get('C1')!.at(-1)!;
    expect(posted.address).toBe(`slack:T0001:C1:${stored.ts}`);
  });

  it('a very long question still posts: blocks cut to Block Kit limits, the fallback keeps it all', async () => {
    const { fake, adapter } = await start();
    const long = {
      ...question(2),
      text: `Q2: ${'why '.repeat(1200)}`,
      question: { ...question(2).question, text: 'why '.repeat(1200), hashtag: `#${'x'.repeat(200)}` },
    };
    await adapter.post(adapter.defaultChannel, long);
    const call = fake.callsTo('chat.postMessage')[0]!;
    expect(call.args.text).toBe(long.text.replace(/&/g, '&amp;'));
    expect(fake.history.get('C1')).toHaveLength(1); // the fake refuses blocks over the limits with invalid_blocks
  });

  it('replies land in the thread: of the message itself, or of its parent when it is a reply', async () => {
    const { fake, adapter, deliver, inbound } = await start();
    const answer = fake.userSaysOffline({ channel: 'C1', user: 'U1', text: 'A1: hi' });
    const inThread = fake.userSaysOffline({ channel: 'C1', user: 'U2', text: 'A1: me too', threadTs: answer.ts });
    await deliver(fake.messageEvent(answer));
    await deliver(fake.messageEvent(inThread));
    await waitFor(() => inbound.messages.length === 2, 'the messages');
    await adapter.reply(inbound.messages[0]!.id, { kind: 'first-timer', text: 'Welcome, <@U1>!' });
    await adapter.reply(inbound.messages[1]!.id, { kind: 'first-timer', text: 'Welcome, <@U2>!' });
    expect(fake.callsTo('chat.postMessage').map((c) => c.args.thread_ts)).toEqual([answer.ts, answer.ts]);
  });

  it('reactions go out by shortcode on the answer; a reaction already there counts as done', async () => {
    const { fake, adapter } = await start();
    const answer = fake.userSaysOffline({ channel: 'C1', user: 'U1', text: 'A1: hi' });
    await adapter.react(`slack:T0001:C1:${answer.ts}`, CLAP);
    await adapter.react(`slack:T0001:C1:${answer.ts}`, CLAP);
    expect(fake.callsTo('reactions.add').map((c) => c.args)).toEqual([
      { channel: 'C1', timestamp: answer.ts, name: 'clap' },
      { channel: 'C1', timestamp: answer.ts, name: 'clap' },
    ]);
    expect(fake.reactions.get(`C1:${answer.ts}`)).toEqual(['clap']);
  });

  it('quoted participant text pings nobody, while the mentions the core made still ping', async () => {
    const { fake, adapter } = await start();
    expect(adapter.quote('<!channel> <!here> <!everyone> <!subteam^S0614TZR7|@team> <@U2> a & b')).toBe(
      '&lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt; &lt;!subteam^S0614TZR7|@team&gt; &lt;@U2&gt; a &amp; b',
    );
    const quoted = adapter.quote('<!here> look at me');
    await adapter.post(adapter.defaultChannel, {
      kind: 'recap',
      text:
        `${adapter.mention('slack:T0001:U1', 'Ana')} said: "${quoted}" · tips & <tricks> ` +
        `${adapter.formatTime(1_700_000_000_000, 'Tue 14 Nov, 22:13')}`,
    });
    const text = String(fake.callsTo('chat.postMessage')[0]!.args.text);
    expect(text).toBe(
      '<@U1> said: "&lt;!here&gt; look at me" · tips &amp; &lt;tricks&gt; <!date^1700000000^{date_long_pretty} at ' +
        '{time}|Tue 14 Nov, 22:13>',
    );
    // Nothing Slack would read as a broadcast is left.
    expect(text).not.toMatch(/<!(channel|here|everyone|subteam)/);
  });

  it('a 429 on a reaction waits its Retry-After on the reactions client; a question goes straight out', async () => {
    const { fake, adapter } = await start();
    const answer = fake.userSaysOffline({ channel: 'C1', user: 'U1', text: 'A1: hi' });
    fake.throttle('reactions.add', 1, 1);
    const reaction = adapter.react(`slack:T0001:C1:${answer.ts}`, CLAP);
    await waitFor(() => fake.callsTo('reactions.add').length === 1, 'the throttled attempt');
    const started = Date.now();
    await adapter.post(adapter.defaultChannel, question(1));
    expect(Date.now() - started).toBeLessThan(300);
    await reaction;
    const attempts = fake.callsTo('reactions.add');
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('a flood of acks does not delay a question; the overflow is applauded in one low-priority post', async () => {
    // 600 a minute = one every 100 ms; a backlog over 300 ms folds into applause every 200 ms.
    const { fake, adapter, deliver, inbound } = await start({
      reactionsPerMinute: 600,
      reactionBacklogMs: 300,
      applauseEveryMs: 200,
      postIntervalMs: 1000,
      postBurst: 3,
    });
    fake.enforceTiers({ reactionsPerMinute: 600, reactionBurst: 1, postBurst: 3, postMs: 1000 });
    const users = ['U1', 'U2', 'UHOST', 'UADMIN'];
    for (let i = 0; i < 12; i++)
      await deliver(
        fake.messageEvent(fake.userSaysOffline({ channel: 'C1', user: users[i % 4]!, text: `A1: answer ${i}` })),
      );
    await waitFor(() => inbound.messages.length === 12, 'the answers');
    const acks = inbound.messages.map((m) => adapter.react(m.id, CLAP));
    const started = Date.now();
    await adapter.post(adapter.defaultChannel, question(2));
    expect(Date.now() - started).toBeLessThan(250);
    await Promise.all(acks);

    const applause = fake.callsTo('chat.postMessage').filter((c) => String(c.args.text).startsWith('👏 Great answers'));
    expect(applause).toHaveLength(1);
    const stats = adapter.reactionStats;
    expect(stats.sent + stats.coalesced).toBe(12);
    expect(stats.coalesced).toBeGreaterThan(0);
    for (const user of ['U1', 'U2']) expect(applause[0]!.args.text).toContain(`<@${user}>`);
    // Paced under the tier: Slack never had to refuse a reaction.
    expect(fake.rateLimited.get('reactions.add') ?? 0).toBe(0);
    // The question went before the applause.
    const texts = fake.callsTo('chat.postMessage').map((c) => String(c.args.text));
    expect(texts.findIndex((t) => t.startsWith('Q2:'))).toBeLessThan(texts.findIndex((t) => t.startsWith('👏')));
  });

  it('an applause waiting for the posting allowance lets a later question go first', async () => {
    // One post per 600 ms: the filler takes it, so the applause (due at 200 ms) and the question (at 400 ms) both wait.
    // The adapter paces on a manual clock, so those instants are exact however slow the machine is.
    const clock = new ManualClock();
    const overrides = {
      reactionsPerMinute: 600,
      reactionBacklogMs: 100,
      applauseEveryMs: 200,
      postIntervalMs: 600,
      postBurst: 1,
    };
    const { fake, adapter, deliver, inbound } = await start(overrides, clock);
    for (const user of ['U1', 'U2', 'UHOST', 'UADMIN'])
      await deliver(fake.messageEvent(fake.userSaysOffline({ channel: 'C1', user, text: 'A1: yes' })));
    await waitFor(() => inbound.messages.length === 4, 'the answers');
    await adapter.post(adapter.defaultChannel, { kind: 'notice', text: 'filler' });
    const acks = inbound.messages.map((m) => adapter.react(m.id, CLAP));
    await clock.advance(400);
    const asked = adapter.post(adapter.defaultChannel, question(3));
    await clock.advance(200); // the allowance's refill: the question's
    const posted = () => fake.callsTo('chat.postMessage').map((c) => String(c.args.text).slice(0, 8));
    await waitFor(() => posted().length === 2, 'the post at the refill');
    expect(posted()).toEqual(['filler', 'Q3: What']);
    await asked;
    const acknowledged = Promise.all(acks);
    await clock.advance(600); // the next refill: the applause's
    await acknowledged;
    const texts = fake.callsTo('chat.postMessage').map((c) => String(c.args.text));
    expect(texts.map((t) => t.slice(0, 8))).toEqual(['filler', 'Q3: What', '👏 Great']);
  });

  it('tokens appear nowhere in the logs, even at debug level and when Slack refuses them', async () => {
    const lines: string[] = [];
    const log = createLogger('debug', (line) => lines.push(line));
    const inbound = new RecordingInbound();
    running = await startSlackAdapter('socket', inbound, {}, log);
    const { fake, adapter, deliver } = running;
    // users.info fails: logged.
    await deliver(fake.messageEvent(fake.userSaysOffline({ channel: 'C1', user: 'UNOBODY', text: 'hi' })));
    await waitFor(() => inbound.messages.length === 1, 'the message');
    await adapter.post(adapter.defaultChannel, question(1));
    await adapter.react('slack:T0001:C1:1.000001', CLAP); // message_not_found: logged
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toMatch(/xoxb-|xapp-|test-token/);
  });
});

describe('Slack start-up errors', () => {
  it('a refused bot token stops start-up with a message naming SLACK_BOT_TOKEN, not the token', async () => {
    const error = await startSlackAdapter('socket', new RecordingInbound(), { botToken: 'xoxb-invalid' }).catch(
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('Slack refused SLACK_BOT_TOKEN (invalid_auth).');
  });

  it('a channel the bot cannot read stops start-up in one line naming SLACK_CHANNEL and the fix', async () => {
    const fake = new FakeSlack();
    await fake.start();
    fake.unknownChannels.add('C1');
    try {
      const error = await startSlackAdapter('socket', new RecordingInbound(), {}, undefined, undefined, fake).catch(
        (e: Error) => e,
      );
      expect((error as Error).message).toBe(
        'SLACK_CHANNEL=C1 is not a channel Emcee can read (channel_not_found): check the id ' +
          '(channel name → About, at the bottom) and invite the bot there with /invite @emcee.',
      );
      expect(fake.socketCount).toBe(0);
    } finally {
      await fake.stop();
    }
  });

  it('a refused app token stops Socket Mode start-up with a message naming SLACK_APP_TOKEN', async () => {
    const error = await startSlackAdapter('socket', new RecordingInbound(), { appToken: 'xapp-invalid' }).catch(
      (e: Error) => e,
    );
    expect((error as Error).message).toBe(
      'Slack refused the Socket Mode connection: check SLACK_APP_TOKEN (invalid_auth).',
    );
  });
});
