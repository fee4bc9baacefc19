import type { Clock } from '../../src/time/clock.js';
import { retryTransient, type RetryPolicy } from './transient-retry.js';

/** How urgent a post is: questions, host replies and thanks go before welcomes and applause. */
export type PostPriority = 'high' | 'normal' | 'low';

const ORDER: Record<PostPriority, number> = { high: 0, normal: 1, low: 2 };

/** What a post may say about itself to the retry. */
export interface PostOptions<T> {
  /** How the log names it, e.g. "Slack chat.postMessage (question)". */
  what?: string;
  /** Finds the post when a try whose answer was lost did land, so a retry does not post it twice. */
  recover?: (error: unknown) => Promise<T | undefined>;
}

interface Job {
  priority: PostPriority;
  seq: number;
  run: () => Promise<unknown>;
  options: PostOptions<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** A platform's posting allowance per channel: `burst` posts at once, refilled one per `refillMs`. */
export interface PostAllowance {
  /** Posts that may go out back to back. */
  burst: number;
  /** Time to earn one more post. */
  refillMs: number;
}

/**
 * Sends posts one at a time, most urgent first, within the platform's allowance (Slack: about one a
 * second per channel with small bursts; Discord: five per five seconds). One post of the allowance is
 * always kept for urgent posts, so a burst of welcomes can never make a question wait for a refill.
 * With a retry policy, a post that meets a transient failure is tried again with back-off before the
 * next one goes, so posts still go out in order.
 */
export class PriorityPoster {
  private readonly jobs: Job[] = [];
  private busy = false;
  private seq = 0;
  private tokens: number;
  private refilledAt: number;
  private windowResetAt: number | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly allowance: PostAllowance,
    private readonly clock: Clock,
    private readonly retry?: RetryPolicy,
  ) {
    this.tokens = allowance.burst;
    this.refilledAt = clock.now();
  }

  /**
   * Takes the platform's own count when it tells one (Discord's X-RateLimit headers), so our allowance
   * never runs ahead of the server's and a question never queues behind a post the server would delay.
   */
  sync(remaining: number, resetAfterMs: number): void {
    this.tokens = Math.max(0, Math.min(this.allowance.burst, remaining));
    // Discord's buckets refill all at once when their window resets.
    this.windowResetAt = this.clock.now() + resetAfterMs;
  }

  /** Queues a post; resolves with what `run` resolves. */
  enqueue<T>(priority: PostPriority, run: () => Promise<T>, options: PostOptions<T> = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const job = { priority, seq: this.seq++, run, options: options as PostOptions<unknown> };
      this.jobs.push({ ...job, resolve: resolve as (v: unknown) => void, reject });
      this.jobs.sort((a, b) => ORDER[a.priority] - ORDER[b.priority] || a.seq - b.seq);
      // A queue waiting for its allowance looks again: an urgent post may go on the reserved one.
      this.wake?.();
      void this.pump();
    });
  }

  private refill(): void {
    if (this.windowResetAt !== undefined) {
      if (this.clock.now() < this.windowResetAt) return;
      this.windowResetAt = undefined;
      this.tokens = this.allowance.burst;
      this.refilledAt = this.clock.now();
      return;
    }
    if (this.allowance.refillMs <= 0) {
      this.tokens = this.allowance.burst;
      return;
    }
    const earned = Math.floor((this.clock.now() - this.refilledAt) / this.allowance.refillMs);
    if (earned > 0) {
      this.tokens = Math.min(this.allowance.burst, this.tokens + earned);
      this.refilledAt += earned * this.allowance.refillMs;
    }
    if (this.tokens === this.allowance.burst) this.refilledAt = this.clock.now();
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.jobs.length > 0) {
        this.refill();
        const job = this.jobs[0]!;
        const reserve = job.priority === 'high' || this.allowance.burst < 2 ? 0 : 1;
        if (this.tokens - reserve < 1) {
          const next = this.windowResetAt ?? this.refilledAt + this.allowance.refillMs;
          await new Promise<void>((resolve) => {
            // At least a millisecond on: a refill due now must not spin the loop.
            const timer = this.clock.at(Math.max(next, this.clock.now() + 1), resolve);
            this.wake = () => {
              timer.cancel();
              resolve();
            };
          });
          this.wake = undefined;
          continue;
        }
        this.jobs.shift();
        this.tokens--;
        try {
          const { what = 'A post', recover } = job.options;
          job.resolve(await (this.retry ? retryTransient(what, job.run, this.retry, recover) : job.run()));
        } catch (error) {
          job.reject(error);
        }
      }
    } finally {
      this.busy = false;
    }
  }
}
