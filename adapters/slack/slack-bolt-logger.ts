import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/log.js';

/**
 * Bolt's and the Socket Mode client's logs, through ours: one place decides what is shown, and tokens are
 * redacted there. Bolt's info chatter (reconnects) goes to debug.
 */
export function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.WARN;
  const text = (msgs: unknown[]) => msgs.map(describe).join(' ');
  return {
    debug: (...msgs) => log.debug(text(msgs)),
    info: (...msgs) => log.debug(text(msgs)),
    warn: (...msgs) => log.warn(text(msgs)),
    error: (...msgs) => log.error(text(msgs)),
    setLevel: (next) => void (level = next),
    getLevel: () => level,
    setName: () => undefined,
  };
}

function describe(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value); // circular: the shape is not worth a crash
  }
}
