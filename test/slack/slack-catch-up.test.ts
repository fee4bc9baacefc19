import { afterEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../fakes/slack/fake-slack.js';
import { laterMillisecond } from '../support/wait-for.js';
import { startSlackAdapter } from './slack-adapter-harness.js';
import { RecordingInbound } from './recording-inbound.js';

type Rig = Awaited<ReturnType<typeof startSlackAdapter>>;
let rigs: Rig[] = [];
let fakes: FakeSlack[] = [];
afterEach(async () => {
  for (const rig of rigs) await rig.stop();
  for (const fake of fakes) await fake.stop();
  rigs = [];
  fakes = [];
});

async function sharedFake(): Promise<FakeSlack> {
  const fake = new FakeSlack();
  await fake.start();
  fake.addUser({ id: 'UHOST', name: 'host', display: 'Host Hana' });
  fake.addUser({ id: 'U1', name: 'ana', display: 'Ana' });
  fake.addUser({ id: 'U2', name: 'bea', display: 'Bea' });
  fakes.push(fake);
  return fake;
}

const question = { number: 1, text: 'Why?', hashtag: '#C', hint: 'A1', openThread: true };

describe('a restart reads every place an answer can be', () => {
  it("answers written while down in an older question's thread are fetched when the question is named", async () => {
    const fake = await sharedFake();
    const first = await startSlackAdapter('socket', new RecordingInbound(), {}, undefined, undefined, fake);
    rigs.push(first);
    const asked = { kind: 'question' as const, text: 'Q1: Why? #C', question };
    const posted = await first.adapter.post(first.adapter.defaultChannel, asked);
    const q1 = fake.history.get('C1')!.at(-1)!;
    const live = fake.userSays({ channel: 'C1', user: 'U1', text: 'A1: live in the thread', threadTs: q1.ts });
    await first.stop();
    rigs = [];

    // The last message the core knew came after the question: the catch-up starts after it.
    const since = Math.round(Number(live.ts) * 1000) + 1;
    // A fast restart can come within the same millisecond: what is said while down is said after `since`.
    await laterMillisecond(since);
    fake.userSaysOffline({ channel: 'C1', user: 'U2', text: 'A1: in the thread while down', threadTs: q1.ts });
    fake.userSaysOffline({ channel: 'C1', user: 'U1', text: 'A1: in the channel while down' });

    const second = await startSlackAdapter('socket', new RecordingInbound(), {}, undefined, undefined, fake);
    rigs.push(second);
    const named = await second.adapter.fetchHistory(second.adapter.defaultChannel, since, [posted.address]);
    expect(named.incomplete).toBeUndefined();
    const texts = named.messages.map((m) => m.text);
    expect(texts).toEqual(['A1: in the thread while down', 'A1: in the channel while down']);
    expect(named.messages[0]!.replyTo).toBe(posted.address);
    expect(named.messages.every((m) => m.ts >= since)).toBe(true);

    // Without the question's address only the channel is read: the thread answer would be lost.
    const unnamed = await second.adapter.fetchHistory(second.adapter.defaultChannel, since);
    expect(unnamed.messages.map((m) => m.text)).toEqual(['A1: in the channel while down']);
  });

  it('a named question without replies costs no replies call; a deleted one is skipped', async () => {
    const fake = await sharedFake();
    const rig = await startSlackAdapter('socket', new RecordingInbound(), {}, undefined, undefined, fake);
    rigs.push(rig);
    const since = Date.now() - 1000;
    const quiet = await rig.adapter.post(rig.adapter.defaultChannel, { kind: 'question', text: 'Q1: quiet', question });
    const gone = 'slack:T0001:C1:1000000000.000100';
    const result = await rig.adapter.fetchHistory(rig.adapter.defaultChannel, since, [quiet.address, gone]);
    expect(result).toEqual({ messages: [] });
    const replies = fake.callsTo('conversations.replies').map((call) => call.args.ts);
    expect(replies).toEqual(['1000000000.000100']);
  });
});
