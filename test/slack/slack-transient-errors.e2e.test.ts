import { afterEach, describe, expect, it } from 'vitest';
import { capturingLogger } from '../support/capturing-logger.js';
import type { FakeFailure } from '../fakes/slack/fake-slack.js';
import { startSlackAdapter } from './slack-adapter-harness.js';
import { RecordingInbound } from './recording-inbound.js';

type Rig = Awaited<ReturnType<typeof startSlackAdapter>>;
let rig: Rig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const question = { number: 1, text: 'Why?', hashtag: '#C', hint: 'A1', openThread: true };

describe('transient failures on Slack calls are retried with back-off, and a post lands once', () => {
  const cases: { how: FakeFailure; said: RegExp }[] = [
    { how: 500, said: /\(HTTP 500\)/ },
    { how: 'reset', said: /\(other side closed \(UND_ERR_SOCKET\)\)/ },
    { how: 'reset-after', said: /\(other side closed \(UND_ERR_SOCKET\)\)/ },
  ];
  for (const { how, said } of cases) {
    it(`a question whose first try meets ${how} is in the channel exactly once`, async () => {
      const log = capturingLogger();
      const r = (rig = await startSlackAdapter('socket', new RecordingInbound(), {}, log));
      r.fake.failNext('chat.postMessage', 1, how);
      const asked = { kind: 'question' as const, text: 'Q1: Why? #C', question };
      const posted = await r.adapter.post(r.adapter.defaultChannel, asked);
      const questions = r.fake.history.get('C1')!.filter((m) => m.text === 'Q1: Why? #C');
      expect(questions).toHaveLength(1);
      expect(posted.address).toBe(`slack:T0001:C1:${questions[0]!.ts}`);
      const tries = r.fake.callsTo('chat.postMessage');
      // After a reset past the point of posting, the adapter finds its post instead of sending it again.
      expect(tries).toHaveLength(how === 'reset-after' ? 1 : 2);
      const warnings = log.lines.filter((line) => line.startsWith('warn'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^warn Slack chat\.postMessage \(question\) failed /);
      expect(warnings[0]).toMatch(said);
      expect(log.lines.filter((line) => line.startsWith('error'))).toEqual([]);
    });
  }

  it('a reply in a thread that meets a reset after posting is found in the thread, not posted twice', async () => {
    const r = (rig = await startSlackAdapter('socket', new RecordingInbound()));
    const posted = await r.adapter.post(r.adapter.defaultChannel, { kind: 'question', text: 'Q1: Why? #C', question });
    r.fake.failNext('chat.postMessage', 1, 'reset-after');
    const reply = await r.adapter.reply(posted.address, { kind: 'notice', text: 'Thanks for the answers' });
    const inThread = r.fake.history.get('C1')!.filter((m) => m.text === 'Thanks for the answers');
    expect(inThread).toHaveLength(1);
    const questionTs = posted.address.split(':')[3];
    expect(reply.address).toBe(`slack:T0001:C1:${inThread[0]!.ts}:${questionTs}`);
  });

  it('a reaction that meets a 500 twice is added once, after waits that grow', async () => {
    const r = (rig = await startSlackAdapter('socket', new RecordingInbound()));
    const said = r.fake.userSays({ channel: 'C1', user: 'U1', text: 'A1: yes' });
    r.fake.failNext('reactions.add', 2, 500);
    await r.adapter.react(`slack:T0001:C1:${said.ts}`, { unicode: '👏', shortcode: 'clap' });
    expect(r.fake.reactions.get(`C1:${said.ts}`)).toEqual(['clap']);
    const tries = r.fake.callsTo('reactions.add').map((call) => call.at);
    expect(tries).toHaveLength(3);
    expect(tries[2]! - tries[1]!).toBeGreaterThan(tries[1]! - tries[0]!);
  });

  it('history reads retry a reset: the catch-up is complete', async () => {
    const r = (rig = await startSlackAdapter('socket', new RecordingInbound()));
    const since = Date.now() - 1000;
    r.fake.userSaysOffline({ channel: 'C1', user: 'U1', text: 'A1: while down' });
    r.fake.failNext('conversations.history', 1, 'reset');
    const result = await r.adapter.fetchHistory(r.adapter.defaultChannel, since);
    expect(result.incomplete).toBeUndefined();
    expect(result.messages.map((m) => m.text)).toEqual(['A1: while down']);
  });
});
