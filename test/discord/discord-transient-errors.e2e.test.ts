import { afterEach, describe, expect, it } from 'vitest';
import { capturingLogger } from '../support/capturing-logger.js';
import type { FakeFailure } from '../fakes/discord/fake-discord.js';
import { startAdapter, type AdapterRig } from './adapter-harness.js';
import { PEOPLE } from './fake-people.js';

let rig: AdapterRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const question = { number: 1, text: 'Why?', hashtag: '#C', hint: 'A1', openThread: false };

describe('transient failures on Discord calls are retried with back-off, and a post lands once', () => {
  // Three 500s outlast discord.js's own immediate retry: the adapter's back-off takes over.
  const cases: { how: FakeFailure; count: number; tries: number; said: RegExp }[] = [
    { how: 500, count: 3, tries: 4, said: /\(HTTP 500\)/ },
    { how: 'reset', count: 1, tries: 2, said: /\(other side closed \(UND_ERR_SOCKET\)\)/ },
    { how: 'reset-after', count: 1, tries: 2, said: /\(other side closed \(UND_ERR_SOCKET\)\)/ },
  ];
  for (const { how, count, tries, said } of cases) {
    it(`a question meeting ${how} ×${count} is in the channel exactly once`, async () => {
      const log = capturingLogger();
      const r = (rig = await startAdapter({ log }));
      r.fake.failNext(`/channels/${r.fake.channelId}/messages`, count, how);
      const asked = { kind: 'question' as const, text: 'Q1: Why? #C', question };
      const posted = await r.adapter.post(r.adapter.defaultChannel, asked);
      const stored = r.fake.messages.get(r.fake.channelId)!.filter((m) => m.content === 'Q1: Why? #C');
      expect(stored).toHaveLength(1);
      expect(posted.address).toBe(r.address.message(stored[0]!));
      const sent = r.fake.callsTo('POST', /\/messages$/);
      expect(sent).toHaveLength(tries);
      // Every try carries the same nonce: after a reset past the point of posting Discord returns the first.
      expect(new Set(sent.map((call) => call.body?.nonce)).size).toBe(1);
      const warnings = log.lines.filter((line) => line.startsWith('warn'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^warn Discord post \(question\) failed /);
      expect(warnings[0]).toMatch(said);
    });
  }

  it('a reaction meeting a reset is added once; a history read meeting 500s is complete', async () => {
    const r = (rig = await startAdapter());
    const since = Date.now() - 1000;
    const said = r.fake.memberSays({ author: PEOPLE.ana, content: 'A1: yes' });
    r.fake.failNext('/reactions/', 1, 'reset');
    await r.adapter.react(r.address.message(said), { unicode: '👏', shortcode: 'clap' });
    expect(r.fake.reactionsOn(String(said.id))).toEqual([`👏 by ${r.fake.botId}`]);
    r.fake.failNext(`/channels/${r.fake.channelId}/messages`, 2, 500);
    const history = await r.adapter.fetchHistory(r.adapter.defaultChannel, since);
    expect(history.incomplete).toBeUndefined();
    expect(history.messages.map((m) => m.text)).toEqual(['A1: yes']);
  });
});
