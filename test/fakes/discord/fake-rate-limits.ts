import { WindowLimit } from '../window-limit.js';

/** A 429 to answer: how long to wait, which limit, and the headers Discord sends with it. */
export interface RateLimitVerdict {
  /** 0 when the call may go ahead. */
  waitMs: number;
  /** "messages", "reactions" or "on demand". */
  kind: string;
  /** X-RateLimit-* headers (also sent on allowed calls, so clients can pace themselves). */
  headers: Record<string, string>;
}

/**
 * Discord's rate limits, as the fake applies them: 429s on demand (`throttle`) and, once `enforce` is
 * called, the real buckets for posts (5 per 5 s per channel) and reactions (about 4 a second).
 */
export class FakeRateLimits {
  private readonly onDemand = new Map<string, { count: number; retryAfterS: number }>();
  private limits: { messages: Map<string, WindowLimit>; reactions: WindowLimit } | undefined;
  /** 429s answered, per kind. */
  readonly rateLimited = new Map<string, number>();

  /** Makes the next `count` calls whose path contains `pathPart` answer 429, asking for `retryAfterS` seconds. */
  throttle(pathPart: string, count: number, retryAfterS = 1): void {
    this.onDemand.set(pathPart, { count, retryAfterS });
  }

  /** Applies Discord's limits from now on. */
  enforce(): void {
    this.limits = { messages: new Map(), reactions: new WindowLimit(1, 250) };
  }

  /** Judges one call; undefined when no limit applies to it. */
  check(method: string, path: string): RateLimitVerdict | undefined {
    for (const [part, rule] of this.onDemand) {
      if (rule.count > 0 && path.includes(part)) {
        rule.count--;
        const headers = { 'retry-after': String(rule.retryAfterS), 'x-ratelimit-scope': 'user' };
        return this.count({ waitMs: rule.retryAfterS * 1000, kind: 'on demand', headers });
      }
    }
    const bucket = this.bucket(method, path);
    if (!bucket) return undefined;
    const waitMs = bucket.limit.take();
    const state = bucket.limit.state();
    const headers: Record<string, string> = {
      'x-ratelimit-limit': String(state.limit),
      'x-ratelimit-remaining': String(state.remaining),
      'x-ratelimit-reset-after': String(state.resetAfterMs / 1000),
      'x-ratelimit-reset': String((Date.now() + state.resetAfterMs) / 1000),
      'x-ratelimit-bucket': bucket.kind,
    };
    if (waitMs > 0)
      Object.assign(headers, { 'retry-after': String(Math.ceil(waitMs / 1000)), 'x-ratelimit-scope': 'user' });
    return waitMs > 0 ? this.count({ waitMs, kind: bucket.kind, headers }) : { waitMs: 0, kind: bucket.kind, headers };
  }

  private count(verdict: RateLimitVerdict): RateLimitVerdict {
    this.rateLimited.set(verdict.kind, (this.rateLimited.get(verdict.kind) ?? 0) + 1);
    return verdict;
  }

  private bucket(method: string, path: string): { limit: WindowLimit; kind: string } | undefined {
    if (!this.limits) return undefined;
    if (method === 'PUT' && /\/reactions\//.test(path)) return { limit: this.limits.reactions, kind: 'reactions' };
    const post = method === 'POST' ? /^\/channels\/(\d+)\/messages$/.exec(path) : null;
    if (!post) return undefined;
    let limit = this.limits.messages.get(post[1]!);
    if (!limit) this.limits.messages.set(post[1]!, (limit = new WindowLimit(5, 5000)));
    return { limit, kind: 'messages' };
  }
}
