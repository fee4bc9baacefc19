import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalRoom } from '../../adapters/local/local-room.js';
import { ChatRouter } from '../../src/chat-router.js';
import { silentLogger } from '../../src/log.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { ManualClock } from '../../src/time/manual-clock.js';
import { waitFor } from '../support/wait-for.js';
import { shippedScript } from '../support/write-test-script.js';

let stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.reverse()) await stop();
  stops = [];
});

/** The terminal room in-process, the person at the keyboard called Zed, typing into its input. */
async function localRoom() {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (chunk: Buffer) => (shown += chunk.toString('utf8')));
  const clock = new ManualClock();
  const room = new LocalRoom({ input, output, clock, userName: 'Zed', botName: 'emcee', interactive: false });
  const store = ChatStore.open(':memory:');
  const recapDir = join(mkdtempSync(join(tmpdir(), 'emcee-local-rights-')), 'recaps');
  const router = new ChatRouter({ store, platform: room, clock, log: silentLogger, closeGraceMs: 0, recapDir });
  await room.start(router);
  stops.push(async () => {
    await router.stop();
    await room.stop();
    store.close();
  });
  const type = async (line: string, until: string) => {
    const before = shown.length;
    input.write(`${line}\n`);
    await waitFor(() => shown.slice(before).includes(until), `"${until}" after "${line}"`);
    return shown.slice(before);
  };
  return { room, store, clock, router, recapDir, type, shown: () => shown };
}

describe('participants’ rights in the terminal room (/quiet, /my-data, /forget-me)', () => {
  it('a quiet person at the keyboard is not welcomed nor @-mentioned, and is thanked by name', async () => {
    const r = await localRoom();
    await r.type('/quiet', "I won't mention, welcome or ping you here");
    await r.router.startSession({ script: shippedScript('demo'), community: 'local', channel: 'local:room' });
    await r.clock.advance(20_000); // Q1
    await r.type('A1: typed at the keyboard #CommunityChat', 'Zed: A1: typed at the keyboard');
    const bea = { id: 'local:Bea', displayName: 'Bea', isBot: false, isHost: false };
    await r.room.say(bea, 'A1: from the crowd #CommunityChat');
    await waitFor(() => r.shown().includes('@Bea'), "Bea's welcome");
    await r.type('/end', "That's a wrap");
    await waitFor(() => r.shown().includes('Thank you, everyone'), 'the thanks');
    const thanks = r.shown().slice(r.shown().indexOf('Thank you, everyone'));
    expect(thanks).toMatch(/\bZed\b/);
    expect(r.shown()).not.toContain('@Zed');
    expect(r.store.thanks.forSession(1).map((t) => [t.user_id, t.answers])).toEqual([
      ['local:Zed', 1],
      ['local:Bea', 1],
    ]);
  });

  it('/my-data writes the file beside the recaps and says where; /forget-me asks, then erases it all', async () => {
    const r = await localRoom();
    await r.router.startSession({ script: shippedScript('demo'), community: 'local', channel: 'local:room' });
    await r.clock.advance(20_000);
    await r.type('A1: a keyboard secret #CommunityChat', 'Zed: A1: a keyboard secret');
    await waitFor(() => r.store.messages.forSession(1).length === 1, 'the answer stored');

    const told = await r.type('/my-data', 'Your data (1 message in 1 chat) is in ');
    const path = /is in (\S+\.json)/.exec(told)![1]!;
    expect(path.startsWith(r.recapDir)).toBe(true);
    const data = JSON.parse(readFileSync(path, 'utf8'));
    expect(data.messages.map((m: { text: string }) => m.text)).toEqual(['A1: a keyboard secret #CommunityChat']);

    await r.type('/forget-me', 'type "forget-me confirm"');
    expect(r.store.messages.forSession(1)[0]!.text).toBe('A1: a keyboard secret #CommunityChat');
    await r.type('/forget-me confirm', 'Done: your profile and the text of your 1 message are erased');
    expect(r.store.messages.forSession(1)[0]).toMatchObject({ text: '', author_id: 'forgotten:1' });
    expect(existsSync(path)).toBe(false); // the my-data file went with it
    expect(r.shown()).toContain('(to the hosts) Someone used forget-me');
  });
});
