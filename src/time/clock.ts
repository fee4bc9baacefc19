/** A cancellable timer. */
export interface TimerHandle {
  /** Cancels the timer; harmless if it already fired. */
  cancel(): void;
}

/**
 * Time as the core sees it. Injected everywhere so a one-hour chat runs in milliseconds in a test, or
 * faster than real time in a demo. Timers take absolute instants, which keeps planned times exact.
 */
export interface Clock {
  /** Current instant, epoch ms. */
  now(): number;
  /** Calls `fn` once at (or just after) the instant `at`. */
  at(at: number, fn: () => void): TimerHandle;
}

// setTimeout overflows past ~24.8 days, so long waits are taken in hops.
const LONGEST_WAIT = 2 ** 31 - 1;

/**
 * Real time, optionally sped up: `speed` 10 makes a ten-minute wait take one minute. `origin` is the real
 * instant where clock time and real time agree; a restarted demo passes its session's origin so its
 * clock carries on where it was.
 */
export class SystemClock implements Clock {
  constructor(
    /** How much faster than real time the clock runs. */
    readonly speed = 1,
    /** The real instant where clock time equals real time. */
    readonly origin = Date.now(),
  ) {}

  now(): number {
    return this.origin + (Date.now() - this.origin) * this.speed;
  }

  at(at: number, fn: () => void): TimerHandle {
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      const wait = Math.max(0, (at - this.now()) / this.speed);
      timer = setTimeout(wait > LONGEST_WAIT ? arm : fn, Math.min(wait, LONGEST_WAIT));
    };
    arm();
    return { cancel: () => clearTimeout(timer) };
  }
}
