import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { TokenBucket } from '../token-bucket.js';

/** One Web API call the fake received. */
export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
  at: number;
}

/** A message the fake holds in a channel's history. */
export interface FakeSlackMessage {
  type: 'message';
  channel: string;
  user?: string;
  bot_id?: string;
  text: string;
  ts: string;
  thread_ts?: string;
  blocks?: unknown;
}

/** A user the fake knows. */
export interface FakeSlackUser {
  id: string;
  name: string;
  display: string;
  isAdmin?: boolean;
}

/**
 * A local Slack on 127.0.0.1: the Web API (form-encoded or JSON POSTs to /api/<method>, `{ok:true}` or
 * `{ok:false,error}`, 429s with Retry-After on demand) and a Socket Mode websocket (hello, events_api and
 * slash_commands envelopes, acks recorded by envelope_id). Every call is recorded for assertions.
 */
export class FakeSlack {
  readonly team = 'T0001';
  readonly botUserId = 'UBOT';
  readonly botId = 'BBOT';
  readonly calls: SlackCall[] = [];
  readonly history = new Map<string, FakeSlackMessage[]>();
  readonly users = new Map<string, FakeSlackUser>();
  readonly acks = new Set<string>();
  /** Throttles to answer: the next calls of a method get 429 with this Retry-After (seconds). */
  private readonly throttles = new Map<string, { count: number; retryAfter: number }>();
  private readonly server: Server;
  private readonly sockets = new WebSocketServer({ noServer: true });
  private readonly connected = new Set<WebSocket>();
  private tsCounter = 0;
  private tiers: { posts: Map<string, TokenBucket>; reactions: TokenBucket; postBurst: number; postMs: number } | undefined;
  /** 429s answered because a tier was exceeded, per method. */
  readonly rateLimited = new Map<string, number>();
  private port = 0;

  constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/socket')) return socket.destroy();
      this.sockets.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws));
    });
  }

  /** Starts listening on an ephemeral port of 127.0.0.1. */
  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Closes every socket and the server. */
  async stop(): Promise<void> {
    for (const ws of this.connected) ws.terminate();
    this.sockets.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The Web API base URL, as `slackApiUrl` wants it. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** How many Socket Mode connections are open. */
  get socketCount(): number {
    return this.connected.size;
  }

  /** Makes the next `count` calls of `method` fail with HTTP 429 and Retry-After. */
  throttle(method: string, count: number, retryAfterSeconds = 1): void {
    this.throttles.set(method, { count, retryAfter: retryAfterSeconds });
  }

  /**
   * Enforces Slack's tiers from now on: chat.postMessage about one a second per channel with small bursts,
   * reactions.add about 50 a minute per workspace; beyond them a 429 with Retry-After.
   */
  enforceTiers(options: { postBurst?: number; postMs?: number; reactionsPerMinute?: number; reactionBurst?: number } = {}): void {
    this.tiers = {
      posts: new Map(),
      reactions: new TokenBucket(options.reactionBurst ?? 3, 60_000 / (options.reactionsPerMinute ?? 50)),
      postBurst: options.postBurst ?? 3,
      postMs: options.postMs ?? 1000,
    };
  }

  private overTier(method: string, args: Record<string, unknown>): number {
    if (!this.tiers) return 0;
    if (method === 'reactions.add') return this.tiers.reactions.take();
    if (method !== 'chat.postMessage') return 0;
    const channel = String(args.channel);
    let bucket = this.tiers.posts.get(channel);
    if (!bucket) this.tiers.posts.set(channel, (bucket = new TokenBucket(this.tiers.postBurst, this.tiers.postMs)));
    return bucket.take();
  }

  /** Adds a workspace member. */
  addUser(user: FakeSlackUser): void {
    this.users.set(user.id, user);
  }

  /** Calls of one method, in order. */
  callsTo(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** A new message timestamp: the current time in seconds with microseconds, always increasing, like Slack's. */
  nextTs(): string {
    this.tsCounter = Math.max(this.tsCounter + 1, Date.now() * 1000);
    return (this.tsCounter / 1e6).toFixed(6);
  }

  /** A person writes in a channel (or a thread): stored in history and sent over Socket Mode. */
  userSays(fields: { channel: string; user: string; text: string; threadTs?: string; ts?: string }): FakeSlackMessage {
    const message: FakeSlackMessage = {
      type: 'message',
      channel: fields.channel,
      user: fields.user,
      text: fields.text,
      ts: fields.ts ?? this.nextTs(),
      ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}),
    };
    this.remember(message);
    this.sendEvent({ ...message, channel_type: 'channel', event_ts: message.ts, team: this.team });
    return message;
  }

  /** A person writes while no bot is connected: it only lands in history. */
  userSaysOffline(fields: { channel: string; user: string; text: string; threadTs?: string }): FakeSlackMessage {
    const message: FakeSlackMessage = {
      type: 'message',
      channel: fields.channel,
      user: fields.user,
      text: fields.text,
      ts: this.nextTs(),
      ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}),
    };
    this.remember(message);
    return message;
  }

  /** Sends an events_api envelope over every Socket Mode connection; returns the envelope id. */
  sendEvent(event: Record<string, unknown>, retryAttempt = 0): string {
    const envelope = {
      envelope_id: randomUUID(),
      type: 'events_api',
      accepts_response_payload: false,
      retry_attempt: retryAttempt,
      retry_reason: retryAttempt ? 'timeout' : '',
      payload: this.eventCallback(event),
    };
    for (const ws of this.connected) ws.send(JSON.stringify(envelope));
    return envelope.envelope_id;
  }

  /** The Events API body for an event, as Slack wraps it. */
  eventCallback(event: Record<string, unknown>): Record<string, unknown> {
    return {
      token: 'verification-token',
      team_id: this.team,
      api_app_id: 'A0001',
      event,
      type: 'event_callback',
      event_id: `Ev${randomUUID().slice(0, 8)}`,
      event_time: Math.floor(Date.now() / 1000),
    };
  }

  /** Sends a `/emcee` slash command envelope; returns its envelope id. */
  slashCommand(fields: { channel: string; user: string; text: string }): string {
    const envelope = {
      envelope_id: randomUUID(),
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        token: 'verification-token',
        team_id: this.team,
        team_domain: 'fake',
        channel_id: fields.channel,
        channel_name: 'chat',
        user_id: fields.user,
        user_name: this.users.get(fields.user)?.name ?? fields.user,
        command: '/emcee',
        text: fields.text,
        api_app_id: 'A0001',
        response_url: `http://127.0.0.1:${this.port}/respond/${randomUUID()}`,
        trigger_id: `trig.${randomUUID()}`,
      },
    };
    for (const ws of this.connected) ws.send(JSON.stringify(envelope));
    return envelope.envelope_id;
  }

  /** Closes the Socket Mode connections as Slack does when it recycles a server. */
  dropSockets(): void {
    for (const ws of this.connected) ws.send(JSON.stringify({ type: 'disconnect', reason: 'refresh_requested' }));
  }

  /** Signs and posts an Events API body to an HTTP-mode app, as Slack does. */
  static async postSigned(
    url: string,
    body: unknown,
    signingSecret: string,
    options: { timestamp?: number; retryNum?: number; signature?: string; contentType?: string; raw?: string } = {},
  ): Promise<{ status: number; text: string }> {
    const raw = options.raw ?? JSON.stringify(body);
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const signature =
      options.signature ?? `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${raw}`).digest('hex')}`;
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': options.contentType ?? 'application/json',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signature,
        ...(options.retryNum ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' } : {}),
      },
      body: raw,
    });
    return { status: response.status, text: await response.text() };
  }

  private remember(message: FakeSlackMessage): void {
    const list = this.history.get(message.channel) ?? [];
    list.push(message);
    this.history.set(message.channel, list);
  }

  private onSocket(ws: WebSocket): void {
    this.connected.add(ws);
    ws.on('close', () => this.connected.delete(ws));
    ws.on('message', (data) => {
      try {
        const ack = JSON.parse(String(data)) as { envelope_id?: string };
        if (ack.envelope_id) this.acks.add(ack.envelope_id);
      } catch {
        // Not JSON: Slack would ignore it too.
      }
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: this.connected.size, connection_info: { app_id: 'A0001' } }));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await new Promise<string>((resolve) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => resolve(body));
    });
    if (req.url?.startsWith('/respond/')) {
      this.calls.push({ method: 'response_url', args: JSON.parse(raw || '{}'), token: undefined, at: Date.now() });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      return;
    }
    const method = /^\/api\/([\w.]+)/.exec(req.url ?? '')?.[1];
    if (!method) {
      res.writeHead(404).end();
      return;
    }
    const args = parseBody(raw, req.headers['content-type']);
    const token = req.headers.authorization?.replace(/^Bearer /, '') ?? (args.token as string | undefined);
    this.calls.push({ method, args, token, at: Date.now() });
    const throttle = this.throttles.get(method);
    if (throttle && throttle.count > 0) {
      throttle.count--;
      res.writeHead(429, { 'retry-after': String(throttle.retryAfter), 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    const wait = this.overTier(method, args);
    if (wait > 0) {
      this.rateLimited.set(method, (this.rateLimited.get(method) ?? 0) + 1);
      res.writeHead(429, { 'retry-after': String(Math.ceil(wait / 1000)), 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    const reply = this.answer(method, args, token);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
  }

  private answer(method: string, args: Record<string, unknown>, token: string | undefined): Record<string, unknown> {
    if (!token || token === 'xoxb-invalid') return { ok: false, error: 'invalid_auth' };
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.com/', team: 'Fake', user: 'emcee', team_id: this.team, user_id: this.botUserId, bot_id: this.botId };
      case 'apps.connections.open':
        return { ok: true, url: `ws://127.0.0.1:${this.port}/socket` };
      case 'chat.postMessage': {
        const message: FakeSlackMessage = {
          type: 'message',
          channel: String(args.channel),
          user: this.botUserId,
          bot_id: this.botId,
          text: String(args.text ?? ''),
          ts: this.nextTs(),
          ...(args.thread_ts ? { thread_ts: String(args.thread_ts) } : {}),
          ...(args.blocks ? { blocks: args.blocks } : {}),
        };
        this.remember(message);
        return { ok: true, channel: message.channel, ts: message.ts, message };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'reactions.add':
        return { ok: true };
      case 'users.info': {
        const user = this.users.get(String(args.user));
        if (!user) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: { id: user.id, name: user.name, real_name: user.display, is_admin: user.isAdmin ?? false, is_owner: false, profile: { display_name: user.display, real_name: user.display } },
        };
      }
      case 'conversations.history': {
        const oldest = Number(args.oldest ?? 0);
        const list = (this.history.get(String(args.channel)) ?? []).filter((m) => Number(m.ts) > oldest && (!m.thread_ts || m.thread_ts === m.ts));
        return { ok: true, messages: [...list].reverse().map((m) => ({ ...m, reply_count: this.replies(m).length })), has_more: false };
      }
      case 'conversations.replies': {
        const parent = (this.history.get(String(args.channel)) ?? []).find((m) => m.ts === String(args.ts));
        if (!parent) return { ok: false, error: 'thread_not_found' };
        return { ok: true, messages: [parent, ...this.replies(parent)], has_more: false };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private replies(parent: FakeSlackMessage): FakeSlackMessage[] {
    return (this.history.get(parent.channel) ?? []).filter((m) => m.thread_ts === parent.ts && m.ts !== parent.ts);
  }
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return args;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
