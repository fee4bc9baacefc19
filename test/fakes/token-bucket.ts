/** A rate limit as the platforms apply it: `capacity` calls at once, one more every `refillMs`. */
export class TokenBucket {
  private tokens: number;
  private updated: number;

  constructor(
    private readonly capacity: number,
    private readonly refillMs: number,
    // A test on a manual clock passes it, so the limit refills as the adapter's pacing sees time pass.
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = capacity;
    this.updated = now();
  }

  /** Takes a token; returns 0 when allowed, else how many ms until one is free. */
  take(): number {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.updated) / this.refillMs);
    this.updated = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - this.tokens) * this.refillMs);
  }
}
