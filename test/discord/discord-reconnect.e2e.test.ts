import { afterEach, describe, expect, it } from 'vitest';
import { capturingLogger } from '../support/capturing-logger.js';
import { waitFor } from '../support/wait-for.js';
import { startAdapter, type AdapterRig } from './adapter-harness.js';
import { PEOPLE } from './fake-people.js';

let rig: AdapterRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const question = { number: 1, text: 'Why?', hashtag: '#C', hint: 'A1', openThread: true };

/** A question with its thread and one live answer, then a non-resumable gap with answers only in history. */
async function answersAcrossAGap(cut: (r: AdapterRig) => void) {
  const log = capturingLogger();
  const r = (rig = await startAdapter({ log }));
  const posted = await r.adapter.post(r.adapter.defaultChannel, { kind: 'question', text: 'Q1: Why? #C', question });
  const questionId = posted.address.split(':').at(-1)!;
  await waitFor(() => r.fake.threads.has(questionId), 'the question thread');
  r.fake.memberSays({ author: PEOPLE.ana, content: 'A1: live, before the gap' });
  await waitFor(() => r.inbound.messages.length === 1, 'the live answer');

  cut(r);
  await waitFor(() => !r.fake.connected, 'the cut');
  r.fake.memberSaysUnseen({ author: PEOPLE.bea, content: 'A1: in the channel during the gap' });
  r.fake.memberSaysUnseen({ author: PEOPLE.ana, content: 'A1: in the thread during the gap', channelId: questionId });
  r.fake.memberSaysUnseen({ author: PEOPLE.mallory, content: 'A1: a reply to the question', replyTo: questionId });

  await waitFor(() => r.fake.handshakes.identify === 2 && r.fake.connected, 'a new session', 10_000);
  await waitFor(() => log.lines.some((line) => line.includes('caught up after the reconnect')), 'the catch-up', 10_000);
  r.fake.memberSays({ author: PEOPLE.bea, content: 'A1: live, after the gap' });
  await waitFor(() => r.inbound.messages.length === 5, 'every answer');
  return { r, log, questionId, posted };
}

function expectEachOnce(r: AdapterRig): void {
  const texts = r.inbound.messages.map((m) => m.text);
  expect([...texts].sort()).toEqual(
    [
      'A1: live, before the gap',
      'A1: in the channel during the gap',
      'A1: in the thread during the gap',
      'A1: a reply to the question',
      'A1: live, after the gap',
    ].sort(),
  );
  expect(new Set(r.inbound.messages.map((m) => m.id)).size).toBe(5);
}

describe('a reconnect Discord does not replay is caught up from history', () => {
  it('opcode 9 (d=false) mid-question: answers in the channel, the thread and as replies come once each', async () => {
    const { r, log, questionId, posted } = await answersAcrossAGap((rig) => rig.fake.invalidateSession());
    expectEachOnce(r);
    const inThread = r.inbound.messages.find((m) => m.text === 'A1: in the thread during the gap')!;
    expect(inThread.replyTo).toBe(posted.address);
    expect(inThread.channel).toBe(r.adapter.defaultChannel);
    const reply = r.inbound.messages.find((m) => m.text === 'A1: a reply to the question')!;
    expect(reply.replyTo).toBe(r.address.message({ channel_id: r.fake.channelId, id: questionId }));
    // Each message carries the platform's own time, not when the catch-up handed it on.
    const stored = r.fake.messages.get(questionId)!.find((m) => m.content === 'A1: in the thread during the gap')!;
    expect(inThread.ts).toBe(Date.parse(String(stored.timestamp)));
    expect(r.fake.handshakes.resume).toBe(0);
    const info = log.lines.filter((line) => line.startsWith('info Discord'));
    expect(info).toContain('info Discord connection lost (Discord invalidated the session); reconnecting');
    expect(info.some((line) => /connection back after \d+\.\d s on a new session/.test(line))).toBe(true);
    expect(info.some((line) => /caught up after the reconnect: 3 missed message\(s\) handed on/.test(line))).toBe(true);
  });

  it('close code 4009: the refused resume becomes a new session, caught up the same way', async () => {
    const { r, log } = await answersAcrossAGap((rig) => rig.fake.dropConnection(4009, 'Session timed out.'));
    expectEachOnce(r);
    expect(r.fake.handshakes.resume).toBe(1);
    expect(log.lines.filter((line) => line.includes('connection lost'))).toEqual([
      'info Discord connection lost (the gateway closed with code 4009); reconnecting',
    ]);
  });

  it('a resumed session is replayed by Discord and reads no history', async () => {
    const log = capturingLogger();
    const r = (rig = await startAdapter({ log }));
    r.fake.dropConnection();
    await waitFor(() => !r.fake.connected, 'the drop');
    r.fake.memberSays({ author: PEOPLE.ana, content: 'A1: replayed' });
    await waitFor(() => r.inbound.messages.length === 1 && r.fake.connected, 'the replay', 10_000);
    await waitFor(() => log.lines.some((line) => line.includes('connection back')), 'the resume logged');
    expect(r.fake.callsTo('GET', /\/messages/)).toHaveLength(0);
    expect(log.lines.filter((line) => line.includes('connection back'))[0]).toMatch(
      /^info Discord connection back after \d+\.\d s; session resumed, Discord replayed \d+ event\(s\)$/,
    );
  });
});
