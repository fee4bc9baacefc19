import { SystemClock, type Clock } from '../time/clock.js';

/** Why writes are waiting, for a notice the host can act on. */
export type StoreTrouble =
  | { kind: 'busy'; waiting: number }
  | { kind: 'full'; waiting: number }
  | { kind: 'overflow'; limit: number }
  | { kind: 'recovered'; written: number };

/** The database could not take a write and the queue of waiting writes is full: the write is refused. */
export class WriteQueueFull extends Error {
  /** Stable code for callers. */
  readonly code = 'STORE_QUEUE_FULL';
}

interface Job {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

// A write the database may take a moment later: another connection holds the lock, or the disk is full.
const RETRYABLE = new Set([
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_FULL',
  'SQLITE_BUSY_SNAPSHOT',
  'SQLITE_IOERR_WRITE',
]);

/** Whether a failed write is worth trying again later. */
export function isRetryableWrite(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE.has(code);
}

/**
 * Writes that never crash a chat nor get lost when the database is busy or full. A write runs at once when
 * nothing waits and the database takes it; otherwise it waits in a bounded queue, in arrival order, and the
 * queue is retried with a short back-off (the lock's holder usually finishes within milliseconds; a full disk
 * is tried once a second). The event loop never waits on the lock longer than the busy timeout (20 ms).
 */
export class WriteQueue {
  private readonly waiting: Job[] = [];
  private retryDelay = FIRST_RETRY_MS;
  private retrying = false;
  private trouble: 'busy' | 'full' | undefined;
  private overflowTold = false;
  private writtenSinceTrouble = 0;

  constructor(
    private readonly options: {
      /** Most writes that may wait; beyond it new writes are refused, loudly. */
      limit?: number;
      /** Time for the back-off. */
      clock?: Clock;
    } = {},
  ) {}

  private readonly listeners = new Set<(trouble: StoreTrouble) => void>();

  /** Tells `listener` once when writes start waiting, when the queue overflows, and when they are written again. */
  watch(listener: (trouble: StoreTrouble) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private tell(trouble: StoreTrouble): void {
    for (const listener of this.listeners) listener(trouble);
  }

  /** How many writes wait for the database. */
  get waitingCount(): number {
    return this.waiting.length;
  }

  /**
   * Resolves once no write waits, or after `timeoutMs` (a full disk may never clear; what still waits is then
   * lost, and the log says how many).
   */
  async settled(timeoutMs = 5000): Promise<number> {
    const clock = this.options.clock ?? defaultClock;
    const deadline = clock.now() + timeoutMs;
    while (this.waiting.length > 0 && clock.now() < deadline) {
      await new Promise<void>((resolve) => clock.at(clock.now() + 20, resolve));
    }
    return this.waiting.length;
  }

  /** Runs `write` now, or queues it; resolves with its result once written. */
  write<T>(write: () => T): Promise<T> {
    const now = this.tryNow(write);
    return now.written ? Promise.resolve(now.value) : now.done;
  }

  /** Runs `write` now when it can (the value comes back at once); otherwise queues it. */
  tryNow<T>(write: () => T): { written: true; value: T } | { written: false; done: Promise<T> } {
    if (this.waiting.length === 0) {
      try {
        return { written: true, value: write() };
      } catch (error) {
        if (!isRetryableWrite(error)) throw error;
        this.noticeTrouble(error);
      }
    }
    return { written: false, done: this.enqueue(write) };
  }

  private enqueue<T>(write: () => T): Promise<T> {
    const limit = this.options.limit ?? DEFAULT_LIMIT;
    if (this.waiting.length >= limit) {
      if (!this.overflowTold) this.tell({ kind: 'overflow', limit });
      this.overflowTold = true;
      return Promise.reject(new WriteQueueFull(`${limit} writes already wait for the database; this one is refused`));
    }
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ run: write, resolve: resolve as (value: unknown) => void, reject });
      this.scheduleRetry();
    });
  }

  private scheduleRetry(): void {
    if (this.retrying) return;
    this.retrying = true;
    const clock = this.options.clock ?? defaultClock;
    clock.at(clock.now() + this.retryDelay, () => {
      this.retrying = false;
      this.drain();
    });
  }

  private drain(): void {
    while (this.waiting.length > 0) {
      const job = this.waiting[0]!;
      try {
        job.resolve(job.run());
      } catch (error) {
        if (isRetryableWrite(error)) {
          this.noticeTrouble(error);
          this.retryDelay = this.trouble === 'full' ? FULL_RETRY_MS : Math.min(this.retryDelay * 2, LAST_RETRY_MS);
          this.scheduleRetry();
          return;
        }
        job.reject(error);
      }
      this.waiting.shift();
      this.writtenSinceTrouble++;
    }
    this.retryDelay = FIRST_RETRY_MS;
    if (this.trouble) this.tell({ kind: 'recovered', written: this.writtenSinceTrouble });
    this.trouble = undefined;
    this.overflowTold = false;
  }

  private noticeTrouble(error: unknown): void {
    const kind = (error as { code?: string }).code === 'SQLITE_FULL' ? 'full' : 'busy';
    if (this.trouble === kind) return;
    this.trouble = kind;
    this.writtenSinceTrouble = 0;
    this.tell({ kind, waiting: this.waiting.length + 1 });
  }
}

const defaultClock = new SystemClock();
const DEFAULT_LIMIT = 50_000;
const FIRST_RETRY_MS = 10;
const LAST_RETRY_MS = 50;
const FULL_RETRY_MS = 1000;
