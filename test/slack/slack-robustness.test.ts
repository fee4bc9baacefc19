import { afterEach, describe, expect, it } from 'vitest';
import { ReactionPacer } from '../../adapters/shared/reaction-pacer.js';
import { slackConfigFromEnv } from '../../adapters/slack/slack-config.js';
import { createLogger } from '../../src/log.js';
import { ManualClock } from '../../src/time/manual-clock.js';
import { startSlackChat, waitFor } from './slack-harness.js';

type Chat = Awaited<ReturnType<typeof startSlackChat>>;
let chat: Chat | undefined;
afterEach(async () => {
  await chat?.stop();
  chat = undefined;
});

describe('Slack robustness', () => {
  it('a 429 with Retry-After delays the post and retries it: nothing is lost', async () => {
    const c = (chat = await startSlackChat('socket'));
    c.fake.throttle('chat.postMessage', 1, 1);
    const started = Date.now();
    const posted = await c.adapter.post(c.adapter.defaultChannel, { kind: 'question', text: 'Q1: still arrives' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(posted.address).toMatch(/^slack:T0001:C1:\d+\.\d+$/);
    const attempts = c.fake.callsTo('chat.postMessage').filter((call) => call.args.text === 'Q1: still arrives');
    expect(attempts).toHaveLength(2);
    expect(c.fake.history.get('C1')!.filter((m) => m.text === 'Q1: still arrives')).toHaveLength(1);
  });

  it('redelivered Socket Mode envelopes (retry_attempt) never double-count', async () => {
    const c = (chat = await startSlackChat('socket'));
    await c.host.handleCommand({
      channel: c.adapter.defaultChannel,
      community: c.adapter.community,
      by: { id: 'x', displayName: 'h', isBot: false, isHost: true },
      name: 'start',
      args: ['demo'],
    });
    await c.clock.advance(15_000);
    await waitFor(() => c.fake.history.get('C1')!.some((m) => m.text.startsWith('Q1:')), 'Q1');
    const message = c.fake.userSays({ channel: 'C1', user: 'U1', text: 'A1: once' });
    const event = { ...message, channel_type: 'channel', event_ts: message.ts };
    c.fake.sendEvent(event, 1);
    c.fake.sendEvent(event, 2);
    await waitFor(() => c.fake.callsTo('reactions.add').length >= 1, 'the acknowledgement');
    // A later answer is the barrier: once it is acknowledged, a redelivered copy would have been too.
    c.fake.userSays({ channel: 'C1', user: 'U2', text: 'A1: later' });
    await waitFor(() => c.fake.callsTo('reactions.add').length >= 2, 'the later acknowledgement');
    expect(c.fake.callsTo('reactions.add').filter((call) => call.args.timestamp === message.ts)).toHaveLength(1);
    expect(c.fake.callsTo('reactions.add')).toHaveLength(2);
    expect(c.store.messages.forSession(1).filter((m) => m.text === 'A1: once')).toHaveLength(1);
  });

  it('tokens never appear in the logs', async () => {
    const lines: string[] = [];
    const log = createLogger('debug', (line) => lines.push(line));
    log.error('call failed', { error: new Error('invalid_auth for xoxb-123-456-abcdef and xapp-1-A1-xyz') });
    expect(lines.join('\n')).not.toMatch(/xoxb-|xapp-/);
    expect(lines.join('\n')).toContain('[redacted]');
  });
});

describe('reaction pacing', () => {
  it('paces under the rate and folds the overflow into one applause', async () => {
    const clock = new ManualClock();
    const sent: number[] = [];
    const applause: string[] = [];
    const pacer = new ReactionPacer(
      {
        perMinute: 600, // one every 100 ms
        maxBacklogMs: 300, // at most 3 waiting
        applauseEveryMs: 200,
        applaud: async (_channel, text) => void applause.push(text),
        onError: () => undefined,
      },
      clock,
    );
    const started = clock.now();
    const send = async () => void sent.push(clock.now() - started);
    const all = Array.from({ length: 8 }, (_, i) =>
      pacer.add({ channel: 'c', mention: `<@U${i}>`, applause: '👏 Great answers, {names}!', send }),
    );
    await clock.advance(1_000);
    await Promise.all(all);
    await pacer.stop();
    expect(sent.length + pacer.coalesced).toBe(8);
    expect(pacer.coalesced).toBeGreaterThan(0);
    expect(applause).toHaveLength(1); // folded into one post, not one each
    expect(applause[0]).toMatch(/^👏 Great answers, <@U0>, <@U1>/);
    for (let i = 1; i < sent.length; i++) expect(sent[i]! - sent[i - 1]!).toBeGreaterThanOrEqual(90);
    // On the manual clock the pace is exact: the three that fit the backlog go 100 ms apart.
    expect(sent).toEqual([0, 100, 200]);
  });
});

describe('Slack settings from the environment', () => {
  it('names the missing or malformed variable', () => {
    expect(() => slackConfigFromEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_CHANNEL: 'C1' })).toThrow(
      /SLACK_APP_TOKEN: missing — Socket Mode needs an app token/,
    );
    expect(() =>
      slackConfigFromEnv({ SLACK_BOT_TOKEN: 'nope', SLACK_APP_TOKEN: 'xapp-1', SLACK_CHANNEL: 'C1' }),
    ).toThrow(/SLACK_BOT_TOKEN: the Bot User OAuth Token, starting "xoxb-"/);
    expect(() => slackConfigFromEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_MODE: 'http', SLACK_CHANNEL: 'C1' })).toThrow(
      /SLACK_SIGNING_SECRET: missing/,
    );
    expect(
      slackConfigFromEnv({
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_APP_TOKEN: 'xapp-1',
        SLACK_CHANNEL: 'C0123',
        SLACK_HOST_IDS: 'U1, U2',
      }),
    ).toMatchObject({
      mode: 'socket',
      hostIds: ['U1', 'U2'],
    });
  });
});
