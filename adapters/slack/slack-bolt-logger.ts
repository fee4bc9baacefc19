import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/log.js';

// The Socket Mode client's two lines for one broken socket ("WebSocket error occurred: " with undici's
// often empty message, then "WebSocket error! SMWebsocketError"): the adapter logs the loss itself, once,
// at info and with the cause (slack-socket-watch.ts), so these are detail.
const SOCKET_ERROR = /^WebSocket error( occurred:|!)/;
// The Web API client's warning for each failed attempt; the retry (slack-rate-limit.ts) logs once per call.
const REQUEST_FAILED = /^http request failed\b/;

/**
 * Bolt's and the Socket Mode client's logs, through ours: one place decides what is shown, and tokens are
 * redacted there. Bolt's info chatter (reconnects) goes to debug, and so do the lines the adapter reports
 * better itself. No warning or error is logged without a message.
 */
export function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.WARN;
  const text = (msgs: unknown[]) => withMessage(msgs.map(describe).join(' '));
  const detail = (line: string) => SOCKET_ERROR.test(line) || REQUEST_FAILED.test(line);
  return {
    debug: (...msgs) => log.debug(text(msgs)),
    info: (...msgs) => log.debug(text(msgs)),
    warn: (...msgs) => {
      const line = text(msgs);
      if (detail(line)) log.debug(line);
      else log.warn(line);
    },
    error: (...msgs) => {
      const line = text(msgs);
      if (detail(line)) log.debug(line);
      else log.error(line);
    },
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

// "Something failed: " with nothing after the colon says nothing: say so instead of leaving it blank.
function withMessage(line: string): string {
  const trimmed = line.trimEnd();
  if (trimmed === '') return '(a Slack SDK message without text)';
  return trimmed.endsWith(':') ? `${trimmed} (no message given)` : trimmed;
}

function describe(value: unknown): string {
  if (value instanceof Error) return value.message || value.name;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value); // circular: the shape is not worth a crash
  }
}
