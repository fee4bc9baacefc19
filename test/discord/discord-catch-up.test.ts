import { afterEach, describe, expect, it } from 'vitest';
import type { Json } from '../fakes/discord/fake-guild.js';
import { waitFor } from '../support/wait-for.js';
import { startAdapter, type AdapterRig } from './adapter-harness.js';
import { PEOPLE } from './fake-people.js';

let rig: AdapterRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

describe("a restart's catch-up reads the questions' threads on Discord", () => {
  it('an archived question thread is read when its question is named; a question without one is skipped', async () => {
    const r = (rig = await startAdapter());
    const since = Date.now() - 1000;
    const withThread = { number: 1, text: 'Why?', hashtag: '#C', hint: 'A1', openThread: true };
    const channel = r.adapter.defaultChannel;
    const q1 = await r.adapter.post(channel, { kind: 'question', text: 'Q1: Why? #C', question: withThread });
    const withoutThread = { ...withThread, number: 2, openThread: false };
    const q2 = await r.adapter.post(channel, { kind: 'question', text: 'Q2: How? #C', question: withoutThread });
    const threadId = q1.address.split(':').at(-1)!;
    await waitFor(() => r.fake.threads.has(threadId), 'the thread');
    r.fake.memberSaysUnseen({ author: PEOPLE.ana, content: 'A1: in the thread', channelId: threadId });
    // Archived (a quiet day, a host's click): no longer in the active thread list.
    (r.fake.threads.get(threadId)!.thread_metadata as Json).archived = true;

    const unnamed = await r.adapter.fetchHistory(channel, since);
    expect(unnamed.messages).toEqual([]);
    const named = await r.adapter.fetchHistory(channel, since, [q1.address, q2.address]);
    expect(named.incomplete).toBeUndefined();
    const got = named.messages.map((m) => [m.text, m.replyTo, m.channel]);
    expect(got).toEqual([['A1: in the thread', q1.address, channel]]);
  });
});
