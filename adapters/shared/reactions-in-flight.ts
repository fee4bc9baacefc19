import type { Clock, TimerHandle } from '../../src/time/clock.js';
import { applaudTogether, type ApplauseOutlet, type Foldable } from './applause.js';
import { STOP_DRAIN_MS } from './reaction-pacer.js';

/** A reaction handed to a client that queues and paces it itself (discord.js, per route). */
export interface HandedReaction extends Foldable {
  /** Adds the reaction; `signal` aborts it while it still waits in the client's queue. */
  send: (signal: AbortSignal) => Promise<void>;
}

interface Entry {
  item: HandedReaction;
  controller: AbortController;
  settle: (error?: unknown) => void;
  settled: Promise<void>;
}

/**
 * Keeps track of reactions a platform client is pacing, so stopping neither drops nor abandons them: they
 * may go out for up to STOP_DRAIN_MS (the client's own pace, e.g. Discord's 4 a second), then those still
 * waiting are taken out of the client's queue and applauded together, one post per channel.
 */
export class ReactionsInFlight {
  private readonly entries = new Set<Entry>();
  private deadlineTimer: TimerHandle | undefined;
  private pastDeadline = false;
  /** Reactions folded into applause posts. */
  coalesced = 0;

  constructor(
    private readonly outlet: ApplauseOutlet & { drainMs?: number },
    private readonly clock: Clock,
  ) {}

  /** Sends a reaction; resolves once it (or the applause that replaced it) went out, rejects if it failed. */
  add(item: HandedReaction): Promise<void> {
    let settle!: (error?: unknown) => void;
    const result = new Promise<void>((resolve, reject) => {
      settle = (error) => (error === undefined ? resolve() : reject(error));
    });
    const entry: Entry = {
      item,
      controller: new AbortController(),
      settle: (error) => {
        if (this.entries.delete(entry)) settle(error);
      },
      settled: result.catch(() => undefined),
    };
    this.entries.add(entry);
    // A folded one (aborted) is settled by its applause, whatever its send says.
    const { signal } = entry.controller;
    item.send(signal).then(
      () => signal.aborted || entry.settle(),
      (error: unknown) => signal.aborted || entry.settle(error ?? new Error('the reaction failed')),
    );
    if (this.pastDeadline) this.foldWaiting();
    return result;
  }

  /** Waits for reactions in flight up to the drain deadline, then applauds the rest; resolves when all are settled. */
  async stop(): Promise<void> {
    this.deadlineTimer ??= this.clock.at(this.clock.now() + (this.outlet.drainMs ?? STOP_DRAIN_MS), () => {
      this.pastDeadline = true;
      this.foldWaiting();
    });
    while (this.entries.size > 0) await Promise.all([...this.entries].map((entry) => entry.settled));
    // A real timer left armed would keep the process alive until the deadline.
    this.deadlineTimer.cancel();
  }

  // One whose send already landed as we abort is acknowledged twice (a reaction and a name): harmless.
  private foldWaiting(): void {
    const waiting = [...this.entries].filter((entry) => entry.item.applause && !entry.controller.signal.aborted);
    if (waiting.length === 0) return;
    for (const entry of waiting) entry.controller.abort(new Error('folded into an applause post'));
    this.coalesced += waiting.length;
    const folded = waiting.map((entry) => ({ ...entry.item, entry }));
    void applaudTogether(folded, this.outlet, ({ entry }) => entry.settle());
  }
}
