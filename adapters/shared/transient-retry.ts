import type { Logger } from '../../src/log.js';

/** How a platform's calls are retried after a transient failure (a reset connection, a timeout, a 5xx). */
export interface RetryPolicy {
  /** Whether the error is worth another try. Rate limits are not: each adapter waits those out itself. */
  isTransient(error: unknown): boolean;
  /** The error in a few words for the log (never the request: it may hold a token). */
  describe(error: unknown): string;
  /** Where the one line per failing call goes. */
  log: Logger;
  /** Tries in all, the first included (5 by default). */
  attempts?: number;
  /** Wait before the second try, doubled for each further one (500 ms by default)... */
  firstDelayMs?: number;
  /** ...up to this (8 s by default): five tries span about 7.5 s. */
  maxDelayMs?: number;
}

// Node's and undici's codes for a connection that broke, never opened, or went quiet.
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** Whether an error (or one it wraps) is a network failure or a timeout rather than an answer. */
export function isNetworkError(error: unknown): boolean {
  return networkCode(error) !== undefined;
}

/** The network code (ECONNRESET, UND_ERR_SOCKET, "timeout"…) of an error or of one it wraps. */
export function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const { code, name, original, cause } = current as Record<string, unknown>;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    if (name === 'AbortError' || name === 'TimeoutError') return 'timeout';
    current = original ?? cause;
  }
  return undefined;
}

/** A network failure in words: the innermost message with its code, e.g. "other side closed (UND_ERR_SOCKET)". */
export function describeNetworkError(error: unknown): string {
  let message = '';
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const text = (current as { message?: unknown }).message;
    if (typeof text === 'string' && text.trim()) message = text.trim();
    const { original, cause } = current as { original?: unknown; cause?: unknown };
    current = original ?? cause;
  }
  const code = networkCode(error);
  if (!message) return code ?? 'no answer';
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

/**
 * Calls `call`, and after a transient failure tries again with doubling waits, a bounded number of times;
 * logs one warning per failing call, not per try. Before each new try `recover` may find that an earlier
 * try did land after all (a connection reset after the platform acted), and its result is returned instead.
 */
export async function retryTransient<T>(
  what: string,
  call: () => Promise<T>,
  policy: RetryPolicy,
  recover?: (error: unknown) => Promise<T | undefined>,
): Promise<T> {
  const attempts = policy.attempts ?? 5;
  let delay = policy.firstDelayMs ?? 500;
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await call();
      if (attempt > 1) policy.log.debug(`${what} went through on try ${attempt}`);
      return result;
    } catch (error) {
      if (!policy.isTransient(error) || attempt >= attempts) throw error;
      if (attempt === 1) {
        const reason = policy.describe(error);
        policy.log.warn(`${what} failed (${reason}); retrying up to ${attempts - 1} time(s) with back-off`);
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(policy.maxDelayMs ?? 8000, delay * 2);
      const landed = recover ? await recover(error).catch(() => undefined) : undefined;
      if (landed !== undefined) {
        policy.log.debug(`${what}: an earlier try had landed`);
        return landed;
      }
    }
  }
}
