import type { Clock, TimerHandle } from '../../src/time/clock.js';

/** An acknowledgement waiting to go out. */
export interface PendingReaction {
  /** Adds the reaction on the platform. */
  send: () => Promise<void>;
  /** Who wrote the answer, as a mention, for a coalesced applause. */
  mention: string;
  /** The applause template of the chat ({names}), if it has one. */
  applause?: string;
  /** The channel to applaud in. */
  channel: string;
  /** Settles the caller's promise. */
  done: (error?: unknown) => void;
}

/**
 * Paces reactions under the platform's rate (Slack's reactions.add is Tier 3, about 50 a minute per
 * workspace) on a queue of their own, so acknowledgements never hold up a question. When the backlog
 * would take longer than `maxBacklogMs` to clear, the oldest are folded aside and acknowledged together
 * in one applause post per channel every `applauseEveryMs`, not one post each.
 */
export class ReactionPacer {
  private readonly queue: PendingReaction[] = [];
  private timer: TimerHandle | undefined;
  private applauseTimer: TimerHandle | undefined;
  private readonly folded = new Map<string, PendingReaction[]>();
  private running = false;
  private stopped = false;
  /** Reactions sent one by one. */
  sent = 0;
  /** Reactions folded into applause posts. */
  coalesced = 0;

  constructor(
    private readonly options: {
      perMinute: number;
      maxBacklogMs: number;
      applaud: (channel: string, text: string) => Promise<void>;
      applauseEveryMs?: number;
      onError: (error: unknown) => void;
    },
    private readonly clock: Clock,
  ) {}

  /** Queues a reaction; resolves once it (or the applause that replaced it) went out. */
  add(item: Omit<PendingReaction, 'done'>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...item, done: (error) => (error ? reject(error) : resolve()) });
      this.coalesceOverflow();
      this.schedule(0);
    });
  }

  /** Stops pacing; whatever is queued is dropped (the caller is shutting down). */
  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.applauseTimer?.cancel();
    for (const item of this.queue.splice(0)) item.done();
    for (const items of this.folded.values()) items.forEach((i) => i.done());
    this.folded.clear();
  }

  /** Acknowledgements still waiting, one by one or folded. */
  get backlog(): number {
    return this.queue.length + [...this.folded.values()].reduce((n, items) => n + items.length, 0);
  }

  private get interval(): number {
    return 60_000 / this.options.perMinute;
  }

  private schedule(delay: number): void {
    if (this.stopped || this.running || this.timer) return;
    this.timer = this.clock.at(this.clock.now() + delay, () => {
      this.timer = undefined;
      void this.next();
    });
  }

  private async next(): Promise<void> {
    const item = this.queue.shift();
    if (!item) return;
    this.running = true;
    try {
      await item.send();
      this.sent++;
      item.done();
    } catch (error) {
      this.options.onError(error);
      item.done();
    } finally {
      this.running = false;
    }
    if (this.queue.length > 0) this.schedule(this.interval);
  }

  // Moves the oldest reactions beyond what can clear in time aside, to be applauded together.
  private coalesceOverflow(): void {
    const capacity = Math.max(1, Math.floor(this.options.maxBacklogMs / this.interval));
    if (this.queue.length <= capacity) return;
    const overflow = this.queue.splice(0, this.queue.length - capacity);
    for (const item of overflow) {
      if (!item.applause) {
        this.queue.unshift(item); // nothing to fold into: keep pacing it
        continue;
      }
      this.folded.set(item.channel, [...(this.folded.get(item.channel) ?? []), item]);
    }
    if (this.folded.size > 0 && !this.applauseTimer && !this.stopped) {
      const flushAt = this.clock.now() + (this.options.applauseEveryMs ?? 15_000);
      this.applauseTimer = this.clock.at(flushAt, () => this.flushApplause());
    }
  }

  private flushApplause(): void {
    this.applauseTimer = undefined;
    for (const [channel, items] of this.folded) {
      this.folded.delete(channel);
      const names = [...new Set(items.map((i) => i.mention).filter(Boolean))].join(', ');
      const text = items[0]!.applause!.replace('{names}', names);
      this.coalesced += items.length;
      this.options
        .applaud(channel, text)
        .then(() => items.forEach((i) => i.done()))
        .catch((error: unknown) => {
          this.options.onError(error);
          items.forEach((i) => i.done());
        });
    }
  }
}
