import type { SocketModeReceiver } from '@slack/bolt';
import type { ReconnectCatchUp } from '../shared/reconnect-catch-up.js';

type SocketModeClient = SocketModeReceiver['client'];

// After a refresh Slack asked for, the events it could not deliver come again; after a longer outage
// (the new socket took this long or more) they may not, so the adapter reads history.
const SHORT_REFRESH_MS = 30_000;

/**
 * Follows the Socket Mode client: a socket that closes is a lost connection; the next `hello` either ends
 * a refresh Slack asked for (a `disconnect` message: Slack sends again what it could not deliver) or
 * reopens after an outage (a cut, a missed ping), after which what was said meanwhile is read from
 * history. Only while `running` (between start and stop).
 */
export function watchSocket(client: SocketModeClient, catchUp: ReconnectCatchUp, running: () => boolean): void {
  let refresh: string | undefined;
  let failure: string | undefined;
  client.on('ws_message', (data: unknown, isBinary: boolean) => {
    if (isBinary) return;
    const message = parseFrame(data);
    if (message?.type === 'disconnect') refresh = message.reason ?? 'no reason given';
  });
  client.on('error', (error: unknown) => {
    failure ??= describeSocketError(error);
  });
  client.on('close', () => {
    if (!running()) return;
    catchUp.lost(refresh ? `Slack asked for a new socket: ${refresh}` : (failure ?? 'the socket closed'));
  });
  client.on('connected', () => {
    const wasRefresh = refresh !== undefined;
    refresh = failure = undefined;
    if (!running() || !catchUp.down) return;
    if (wasRefresh && catchUp.downForMs() < SHORT_REFRESH_MS) {
      catchUp.resumed('Slack sends again what it could not deliver');
      return;
    }
    void catchUp.freshSession('Socket Mode opened a new socket');
  });
}

/**
 * What broke a socket, in words: the Socket Mode client wraps undici's error event, whose own message is
 * often empty; the cause (a code such as ECONNRESET, "other side closed") is further down.
 */
export function describeSocketError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const { message, code, original, cause } = current as Record<string, unknown>;
    if (typeof message === 'string' && message.trim() && !parts.includes(message.trim())) parts.push(message.trim());
    if (typeof code === 'string' && !code.startsWith('slack_') && !parts.includes(code)) parts.push(code);
    current = original ?? cause;
  }
  if (parts.length === 0) return 'the socket was cut without a close frame or an error message';
  return `socket error: ${parts.join(', ')}`;
}

function parseFrame(data: unknown): { type?: string; reason?: string } | undefined {
  try {
    const text = typeof data === 'string' ? data : new TextDecoder().decode(data as ArrayBuffer);
    return JSON.parse(text) as { type?: string; reason?: string };
  } catch {
    return undefined;
  }
}

/** Resolves once the socket has closed (app.stop() resolves before), or after 2 s. */
export function waitForDisconnect(socketClient: SocketModeClient): Promise<void> {
  const client = socketClient as unknown as { websocket?: unknown; once(event: string, fn: () => void): void };
  if (!client.websocket) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 2000);
    client.once('disconnected', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
