import { HTTPError } from 'discord.js';
import type { Logger } from '../../src/log.js';
import { describeNetworkError, isNetworkError, retryTransient, type RetryPolicy } from '../shared/transient-retry.js';

/**
 * A Discord failure worth another try: a 5xx, or no answer at all (a reset, a refused connection, a
 * timeout). discord.js already waits out 429s and tries a 5xx or a reset once more at once; this adds
 * back-off for an outage longer than a blip.
 */
export function isTransientDiscordError(error: unknown): boolean {
  if (error instanceof HTTPError) return error.status >= 500;
  return isNetworkError(error);
}

/** Transient failures of Discord calls: five tries over about 7.5 s, one warning per failing call. */
export function discordRetryPolicy(log: Logger): RetryPolicy {
  return {
    isTransient: isTransientDiscordError,
    describe: (error) => (error instanceof HTTPError ? `HTTP ${error.status}` : describeNetworkError(error)),
    log,
  };
}

/** A Discord call that may safely run twice (a reaction, a read), retried after transient failures. */
export function withDiscordRetry<T>(what: string, call: () => Promise<T>, log: Logger): Promise<T> {
  return retryTransient(`Discord ${what}`, call, discordRetryPolicy(log));
}
