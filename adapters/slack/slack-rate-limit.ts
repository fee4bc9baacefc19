// Through Bolt's re-export: @slack/web-api is Bolt's dependency, not ours.
import { webApi } from '@slack/bolt';
import type { Logger } from '../../src/log.js';

/** How long to wait at most for one 429 before trying again, whatever Retry-After says. */
const MAX_WAIT_MS = 120_000;

/** Whether an error is @slack/web-api's rate-limited error (thrown at once with `rejectRateLimitedCalls`). */
export function isRateLimited(error: unknown): error is { retryAfter: number } {
  return (error as { code?: string } | undefined)?.code === webApi.ErrorCode.RateLimitedError;
}

/**
 * Calls `call`, and after a 429 waits the Retry-After Slack asked for and calls again. The clients run with
 * `rejectRateLimitedCalls`, so a 429 fails this one call instead of pausing the client's whole queue:
 * a throttled acknowledgement never holds up a question.
 */
export async function withRateLimitRetry<T>(call: () => Promise<T>, log: Logger, attempts = 10): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isRateLimited(error) || attempt >= attempts) throw error;
      const waitMs = Math.min(MAX_WAIT_MS, Math.max(1, error.retryAfter) * 1000);
      log.debug(`Slack rate limit: retrying in ${waitMs / 1000}s`);
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}
