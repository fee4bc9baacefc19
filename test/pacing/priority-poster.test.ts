import { describe, expect, it } from 'vitest';
import { PriorityPoster, type PostPriority } from '../../adapters/shared/priority-poster.js';
import { ManualClock } from '../../src/time/manual-clock.js';

/** A poster on a manual clock that records when (clock time, from the start) each post went out. */
function rig(burst: number, refillMs: number) {
  const clock = new ManualClock();
  const start = clock.now();
  const poster = new PriorityPoster({ burst, refillMs }, clock);
  const sent: { name: string; at: number }[] = [];
  const post = (name: string, priority: PostPriority = 'normal') =>
    poster.enqueue(priority, async () => {
      sent.push({ name, at: clock.now() - start });
      return name;
    });
  return { clock, poster, sent, post };
}

describe('priority poster on the injected clock', () => {
  it('keeps one post of the burst for urgent posts and sends the rest one per refill', async () => {
    const { clock, sent, post } = rig(2, 1000);
    const all = Promise.all(['a', 'b', 'c', 'd'].map((name) => post(name)));
    await clock.advance(5000);
    expect(await all).toEqual(['a', 'b', 'c', 'd']);
    expect(sent).toEqual([
      { name: 'a', at: 0 },
      { name: 'b', at: 1000 },
      { name: 'c', at: 2000 },
      { name: 'd', at: 3000 },
    ]);
  });

  it('an urgent post takes the reserved allowance and goes before queued welcomes', async () => {
    const { clock, sent, post } = rig(2, 1000);
    const all = Promise.all([post('welcome 1', 'low'), post('welcome 2', 'low'), post('question', 'high')]);
    await clock.advance(3000);
    await all;
    expect(sent).toEqual([
      { name: 'welcome 1', at: 0 },
      { name: 'question', at: 0 },
      // Both posts were spent: a welcome waits until one is earned back beyond the reserve.
      { name: 'welcome 2', at: 2000 },
    ]);
  });

  it("waits for the platform's window to reset after the platform says nothing is left", async () => {
    const { clock, poster, sent, post } = rig(5, 1000);
    poster.sync(0, 2500);
    const all = Promise.all([post('a', 'high'), post('b', 'high')]);
    await clock.advance(2499);
    expect(sent).toEqual([]);
    await clock.advance(1);
    await all;
    // The whole window refills at once: both go at the reset, not one per refill.
    expect(sent).toEqual([
      { name: 'a', at: 2500 },
      { name: 'b', at: 2500 },
    ]);
  });
});
