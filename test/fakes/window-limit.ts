/** A rate limit as Discord applies it: `limit` calls per window, all restored when the window resets. */
export class WindowLimit {
  private used = 0;
  private resetAt = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Takes a call; returns 0 when allowed, else how many ms until the window resets. */
  take(): number {
    const now = Date.now();
    if (now >= this.resetAt) {
      this.used = 0;
      this.resetAt = now + this.windowMs;
    }
    if (this.used < this.limit) {
      this.used++;
      return 0;
    }
    return this.resetAt - now;
  }

  /** What Discord's X-RateLimit headers say. */
  state(): { limit: number; remaining: number; resetAfterMs: number } {
    const now = Date.now();
    if (now >= this.resetAt) return { limit: this.limit, remaining: this.limit, resetAfterMs: 0 };
    return { limit: this.limit, remaining: this.limit - this.used, resetAfterMs: this.resetAt - now };
  }
}
