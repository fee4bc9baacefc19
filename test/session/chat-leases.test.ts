import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ChatRouter } from '../../src/chat-router.js';
import { silentLogger } from '../../src/log.js';
import { ChatLeases, thisProcess } from '../../src/session/chat-leases.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { ManualClock } from '../../src/time/manual-clock.js';
import { planTimeline } from '../../src/script/timeline.js';
import { loadScript } from '../../src/script/load-script.js';
import { RecordingPlatform } from '../support/recording-platform.js';

const TTL = 15_000;
const CHANNEL = 'test:C1';
const COMMUNITY = 'test:community';
// Two machines: a process elsewhere can only be known gone once its lease lapses.
const owner = (name: string) => ({ id: `host:${name}`, pid: name === 'a' ? 101 : 202, host: `box-${name}` });

/** Two processes on one database, each with its own platform connection and lease owner. */
function twoProcesses() {
  const clock = new ManualClock();
  const store = ChatStore.open(':memory:');
  const make = (name: string) => {
    const platform = new RecordingPlatform(clock);
    const leases = new ChatLeases(store, clock, owner(name), TTL);
    const host = new ChatRouter({ store, platform, clock, log: silentLogger, leases, closeGraceMs: 0 });
    return { platform, leases, host };
  };
  return { clock, store, a: make('a'), b: make('b') };
}

describe('one owner per chat (leases)', () => {
  it('a claim holds against others until it lapses; the heartbeat keeps it; release frees it at once', async () => {
    const { clock, a, b } = twoProcesses();
    expect(a.leases.claim(CHANNEL)).toEqual({ held: true });
    const refused = b.leases.claim(CHANNEL);
    expect(refused.held).toBe(false);
    if (!refused.held)
      expect(b.leases.describe(refused.holder)).toMatch(/^process 101 on box-a since \d\d:\d\d:\d\d UTC/);
    await clock.advance(TTL - 1);
    expect(a.leases.renewAll()).toEqual([CHANNEL]);
    await clock.advance(TTL - 1);
    expect(b.leases.claim(CHANNEL).held).toBe(false);
    await clock.advance(2);
    expect(b.leases.claim(CHANNEL)).toEqual({ held: true });
    expect(a.leases.holds(CHANNEL)).toBe(false);
    expect(a.leases.renewAll()).toEqual([]);
    b.leases.release(CHANNEL);
    expect(a.leases.claim(CHANNEL)).toEqual({ held: true });
  });

  it('a second process leaves a running chat alone, takes it over when the owner stops, repeats no post', async () => {
    const { clock, store, a, b } = twoProcesses();
    const script = loadScript(new URL('../../prompts/weekly-chat.yaml', import.meta.url).pathname);
    const plan = planTimeline(script);
    const start = clock.now();
    await a.host.startSession({ script, community: COMMUNITY, channel: CHANNEL });
    // A's heartbeat, every third of the lease, as the chat service beats it.
    const running = async (until: number, owner: ChatLeases) => {
      while (clock.now() < until) {
        await clock.advance(Math.min(TTL / 3, until - clock.now()));
        owner.renewAll();
      }
    };
    await running(start + plan.questionOffsets[1]! + 1000, a.leases); // Q2 open

    // B starts while A runs: it finds the chat and leaves it alone.
    expect(await b.host.recover(COMMUNITY)).toEqual([]);
    expect(b.host.chatsOwnedElsewhere()).toEqual([
      expect.objectContaining({ channel: CHANNEL, holder: expect.objectContaining({ owner: 'host:a' }) }),
    ]);
    expect(b.platform.posts).toHaveLength(0);
    await expect(b.host.startSession({ script, community: COMMUNITY, channel: CHANNEL })).rejects.toThrow(
      /already running/,
    );

    // A stalls (no heartbeat; its overdue timers fire when it wakes): no takeover before the lease lapses.
    const stalled = a.host.runnerFor(CHANNEL)!;
    await clock.advance(TTL - 1000);
    expect(await b.host.recover(COMMUNITY)).toEqual([]);
    await clock.advance(1000);
    const [takeover] = await b.host.recover(COMMUNITY);
    expect(takeover).toMatchObject({ sessionId: stalled.id });
    expect(b.host.chatsOwnedElsewhere()).toEqual([]);

    // A wakes up: its posts are refused now that it lost the lease.
    expect(await stalled.postOnce('notice:stale', { kind: 'notice', text: 'from the stalled owner' })).toBeUndefined();
    await a.host.abandon(CHANNEL);

    await b.host.handleMessage({
      id: `${CHANNEL}:m1`,
      channel: CHANNEL,
      community: COMMUNITY,
      author: { id: 'test:U-ana', displayName: 'ana', isBot: false, isHost: false },
      text: 'A2: answered after the takeover',
      ts: clock.now(),
    });
    await running(start + plan.closingOffset + 60_000, b.leases);
    const questions = [...a.platform.ofKind('question'), ...b.platform.ofKind('question')].map(
      (p) => p.message.question?.number,
    );
    expect(questions.sort()).toEqual(script.questions.map((_, i) => i + 1));
    expect(a.platform.posts.some((p) => p.message.text === 'from the stalled owner')).toBe(false);
    expect(b.platform.ofKind('thanks')).toHaveLength(1);
    expect(b.platform.reactions).toHaveLength(1);
    expect(a.platform.ofKind('closing')).toHaveLength(0);
    expect(store.sessions.get(stalled.id)!.state).toBe('ended');
    // The finished chat's lease is given up.
    expect(store.leases.get(CHANNEL)).toBeUndefined();
  });

  it("a crashed process of this machine is taken over at once; a live one's lease is respected", async () => {
    const clock = new ManualClock();
    const store = ChatStore.open(':memory:');
    const here = thisProcess();
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!; // a process id that has just exited
    const crashed = new ChatLeases(store, clock, { ...here, id: 'crashed', pid: gone }, TTL);
    expect(crashed.claim(CHANNEL)).toEqual({ held: true });
    const restarted = new ChatLeases(store, clock, here, TTL);
    expect(restarted.claim(CHANNEL)).toEqual({ held: true });
    expect(crashed.holds(CHANNEL)).toBe(false);

    const alive = new ChatLeases(store, clock, { ...here, id: 'alive', pid: process.ppid }, TTL);
    alive.release(CHANNEL);
    restarted.release(CHANNEL);
    expect(alive.claim(CHANNEL)).toEqual({ held: true });
    expect(restarted.claim(CHANNEL).held).toBe(false);
  });
});
