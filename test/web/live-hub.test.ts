import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { type LiveEvent, LiveFeed } from '../../src/service/live-feed.js';
import { ManualClock } from '../../src/time/manual-clock.js';
import { LiveHub } from '../../web/live/live-hub.js';

function welcome(authorId: string, channel = 'c:1', rehearsal = false): LiveEvent {
  return { kind: 'welcomed', sessionId: 1, channel, series: 's', rehearsal, authorId };
}

const authorsOf = (events: { event: LiveEvent }[] | undefined) =>
  (events ?? []).map(({ event }) => (event.kind === 'welcomed' ? event.authorId : event.kind));

function rig(limits: { recent?: number; perClient?: number } = {}) {
  const feed = new LiveFeed(silentLogger);
  const wall = new ManualClock();
  const hub = new LiveHub((listener) => feed.subscribe(listener), wall, limits);
  return { feed, wall, hub };
}

describe('the live hub between the feed and the browsers', () => {
  it('gives a browser its channel’s events as they come, and never a rehearsal’s', async () => {
    const { feed, hub } = rig();
    const client = hub.connect('c:1', undefined);
    feed.publish(welcome('a'));
    feed.publish(welcome('other', 'c:2'));
    feed.publish(welcome('rehearsed', 'c:1', true));
    feed.publish(welcome('b'));
    expect(authorsOf(await client.next(15_000))).toEqual(['a', 'b']);
  });

  it('replays what a reconnecting browser missed after its Last-Event-ID', async () => {
    const { feed, hub } = rig();
    const first = hub.connect('c:1', undefined);
    feed.publish(welcome('a'));
    const [seen] = (await first.next(15_000))!;
    first.close();
    feed.publish(welcome('b'));
    feed.publish(welcome('c'));
    const again = hub.connect('c:1', seen!.id);
    expect(again.missedSome).toBe(false);
    expect(authorsOf(await again.next(15_000))).toEqual(['b', 'c']);
    // A page rendered now asks for what follows its render, and gets nothing from before.
    const fresh = hub.connect('c:1', hub.latestId);
    feed.publish(welcome('d'));
    expect(authorsOf(await fresh.next(15_000))).toEqual(['d']);
  });

  it('says a browser missed some when its id is older than the buffer or from another server run', () => {
    const { feed, hub } = rig({ recent: 3 });
    const before = hub.latestId;
    for (const who of ['a', 'b', 'c', 'd']) feed.publish(welcome(who));
    expect(hub.connect('c:1', before).missedSome).toBe(true);
    const [tag, n] = hub.latestId.split('.');
    expect(hub.connect('c:1', `${tag}.${Number(n) - 3}`).missedSome).toBe(false);
    expect(hub.connect('c:1', `${tag}.${Number(n) - 4}`).missedSome).toBe(true);
    expect(hub.connect('c:1', `other.${n}`).missedSome).toBe(true);
    expect(hub.connect('c:1', 'garbage').missedSome).toBe(true);
  });

  it('drops a browser that falls behind, and the feed and other browsers carry on', async () => {
    const { feed, hub } = rig({ perClient: 5 });
    const slow = hub.connect('c:1', undefined);
    const quick = hub.connect('c:1', undefined);
    const quickSaw: string[] = [];
    for (let i = 0; i < 12; i++) {
      feed.publish(welcome(`p${i}`));
      if (i % 4 === 3) quickSaw.push(...authorsOf(await quick.next(15_000)));
    }
    expect(slow.closed).toBe(true);
    expect(await slow.next(15_000)).toBeUndefined();
    expect(quickSaw).toHaveLength(12);
    expect(hub.clientCount).toBe(1);
  });

  it('wakes an idle browser for a heartbeat, and closes every stream when the server stops', async () => {
    const { feed, wall, hub } = rig();
    const client = hub.connect('c:1', undefined);
    const idle = client.next(15_000);
    await wall.advance(14_999);
    let settled = false;
    void idle.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await wall.advance(1);
    expect(await idle).toEqual([]);
    const waiting = client.next(15_000);
    hub.close();
    expect(await waiting).toBeUndefined();
    expect(feed.listenerCount).toBe(0);
    expect(hub.clientCount).toBe(0);
  });
});

describe('the live hub and forget-me', () => {
  it('replays nothing of a person who used forget-me to a browser that reconnects', async () => {
    const { feed, hub } = rig();
    const first = hub.connect('c:1', undefined);
    feed.publish(welcome('a'));
    const [seen] = (await first.next(15_000))!;
    first.close();
    feed.publish(welcome('gone'));
    feed.publish(welcome('b'));
    feed.publish({ kind: 'forgotten', community: 'local', userId: 'gone', rehearsal: false });
    const again = hub.connect('c:1', seen!.id);
    expect(again.missedSome).toBe(false);
    expect(authorsOf(await again.next(15_000))).toEqual(['b']);
  });
});
