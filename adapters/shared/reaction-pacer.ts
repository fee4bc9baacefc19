import type { Clock, TimerHandle } from '../../src/time/clock.js';
import { applaudTogether, type ApplauseOutlet, type Foldable } from './applause.js';

/**
 * How long stopping may spend sending queued reactions one by one: about four at Slack's 50 a minute. A
 * shutdown (SIGTERM, a deploy) must not hang for minutes on acknowledgements, yet every answer gets one:
 * what cannot go out by then is folded into applause posts at once, and posts have their own allowance.
 */
export const STOP_DRAIN_MS = 5_000;

/** An acknowledgement waiting to go out. */
export interface PendingReaction extends Foldable {
  /** Adds the reaction on the platform. */
  send: () => Promise<void>;
  /** Settles the caller's promise. */
  done: (error?: unknown) => void;
}

/**
 * Paces reactions under the platform's rate (Slack's reactions.add is Tier 3, about 50 a minute per
 * workspace) on a queue of their own, so acknowledgements never hold up a question. When the backlog
 * would take longer than `maxBacklogMs` to clear, the oldest are folded aside and acknowledged together
 * in one applause post per channel every `applauseEveryMs`, not one post each. Stopping drains the queue
 * (see STOP_DRAIN_MS): nothing queued is ever dropped.
 */
export class ReactionPacer {
  private readonly queue: PendingReaction[] = [];
  private timer: TimerHandle | undefined;
  private applauseTimer: TimerHandle | undefined;
  private readonly folded: PendingReaction[] = [];
  // Every acknowledgement not yet settled, sent or folded, so stop() knows when the last one is.
  private readonly outstanding = new Set<Promise<void>>();
  private running = false;
  private lastSentAt = -Infinity;
  // Set by stop(): from then on what cannot go out one by one before it is applauded at once.
  private deadline: number | undefined;
  private deadlineTimer: TimerHandle | undefined;
  /** Reactions sent one by one. */
  sent = 0;
  /** Reactions folded into applause posts. */
  coalesced = 0;

  constructor(
    private readonly options: ApplauseOutlet & {
      perMinute: number;
      maxBacklogMs: number;
      applauseEveryMs?: number;
      /** How long stop() may pace the queue before folding the rest (STOP_DRAIN_MS by default). */
      drainMs?: number;
    },
    private readonly clock: Clock,
  ) {}

  /** Queues a reaction; resolves once it (or the applause that replaced it) went out. */
  add(item: Omit<PendingReaction, 'done'>): Promise<void> {
    const result = new Promise<void>((resolve, reject) => {
      this.queue.push({ ...item, done: (error) => (error ? reject(error) : resolve()) });
    });
    const settled: Promise<void> = result.catch(() => undefined).finally(() => this.outstanding.delete(settled));
    this.outstanding.add(settled);
    this.foldOverflow();
    this.schedule(0);
    return result;
  }

  /**
   * Drains the queue: reactions go out one by one at the platform's pace until STOP_DRAIN_MS (or
   * `drainMs`) has passed, the rest are applauded at once; resolves when every acknowledgement queued,
   * including any added meanwhile, has gone out.
   */
  async stop(): Promise<void> {
    if (this.deadline === undefined) {
      this.deadline = this.clock.now() + (this.options.drainMs ?? STOP_DRAIN_MS);
      this.deadlineTimer = this.clock.at(this.deadline, () => this.foldOverflow());
      this.foldOverflow();
    }
    while (this.outstanding.size > 0) await Promise.all([...this.outstanding]);
    // A real timer left armed would keep the process alive until the deadline.
    this.deadlineTimer?.cancel();
  }

  /** Acknowledgements still waiting, one by one or folded. */
  get backlog(): number {
    return this.queue.length + this.folded.length;
  }

  private get interval(): number {
    return 60_000 / this.options.perMinute;
  }

  private schedule(delay: number): void {
    if (this.running || this.timer) return;
    // A reaction queued after a quiet spell still waits its interval after the last one sent.
    const at = Math.max(this.clock.now() + delay, this.lastSentAt + this.interval);
    this.timer = this.clock.at(at, () => {
      this.timer = undefined;
      void this.next();
    });
  }

  private async next(): Promise<void> {
    const item = this.queue.shift();
    if (!item) return;
    this.running = true;
    this.lastSentAt = this.clock.now();
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

  // Folds the oldest reactions beyond what can clear in time: within the backlog while running, to be
  // applauded together later; within the deadline once stopping, applauded at once.
  private foldOverflow(): void {
    const capacity = Math.max(1, Math.floor(this.options.maxBacklogMs / this.interval));
    if (this.deadline === undefined) {
      this.foldOldest(capacity);
      if (this.folded.length > 0 && !this.applauseTimer) {
        const flushAt = this.clock.now() + (this.options.applauseEveryMs ?? 15_000);
        this.applauseTimer = this.clock.at(flushAt, () => this.flushApplause());
      }
      return;
    }
    // The next reaction goes an interval after the one being sent: what fits before the deadline waits.
    const beforeDeadline = Math.max(0, Math.floor((this.deadline - this.clock.now()) / this.interval));
    this.foldOldest(Math.min(capacity, beforeDeadline));
    this.flushApplause();
  }

  // Moves the oldest beyond `keep` aside; one without an applause has nothing to fold into and keeps its place.
  private foldOldest(keep: number): void {
    if (this.queue.length <= keep) return;
    const overflow = this.queue.splice(0, this.queue.length - keep);
    this.folded.push(...overflow.filter((item) => item.applause));
    this.queue.unshift(...overflow.filter((item) => !item.applause));
  }

  private flushApplause(): void {
    this.applauseTimer?.cancel();
    this.applauseTimer = undefined;
    const items = this.folded.splice(0);
    if (items.length === 0) return;
    this.coalesced += items.length;
    void applaudTogether(items, this.options, (item) => item.done());
  }
}
