// Through Bolt's re-export: @slack/web-api is Bolt's dependency, not ours.
import { webApi } from '@slack/bolt';
import type { Logger } from '../../src/log.js';
import { describeNetworkError, retryTransient, type RetryPolicy } from '../shared/transient-retry.js';

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

/** Whether the request got no answer (reset, refused, timed out): Slack may or may not have acted on it. */
export function isSlackRequestError(error: unknown): boolean {
  return (error as { code?: string } | undefined)?.code === webApi.ErrorCode.RequestError;
}

/** A failure worth another try: no answer at all, or a 5xx from Slack's side. */
export function isTransientSlackError(error: unknown): boolean {
  if (isSlackRequestError(error)) return true;
  const { code, statusCode } = error as { code?: string; statusCode?: number };
  return code === webApi.ErrorCode.HTTPError && (statusCode ?? 0) >= 500;
}

/** A Web API failure in a few words: "HTTP 503", "ECONNRESET", or Slack's error code. */
export function describeSlackFailure(error: unknown): string {
  const { code, statusCode, data } = error as { code?: string; statusCode?: number; data?: { error?: string } };
  if (code === webApi.ErrorCode.HTTPError) return `HTTP ${statusCode}`;
  if (isSlackRequestError(error)) return describeNetworkError((error as { original?: unknown }).original ?? error);
  return data?.error ?? (error as Error).message;
}

/** Transient failures of Slack calls: five tries over about 7.5 s, one warning per failing call. */
export function slackRetryPolicy(log: Logger): RetryPolicy {
  return { isTransient: isTransientSlackError, describe: describeSlackFailure, log };
}

/**
 * A Slack call that waits out 429s and retries transient failures with back-off. Only for calls that may
 * safely run twice (reactions, lookups, reads); posts retry in the priority poster, which first checks
 * whether a try that got no answer had posted after all.
 */
export function withSlackRetry<T>(
  what: string,
  call: () => Promise<T>,
  log: Logger,
  rateLimitAttempts = 10,
): Promise<T> {
  const waitingOutRateLimits = () => withRateLimitRetry(call, log, rateLimitAttempts);
  return retryTransient(`Slack ${what}`, waitingOutRateLimits, slackRetryPolicy(log));
}
