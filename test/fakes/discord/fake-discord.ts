import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { WindowLimit } from '../window-limit.js';

/** One REST call the fake received. */
export interface DiscordCall {
  method: string;
  path: string;
  body: Record<string, unknown> | undefined;
  at: number;
}

/** A member of the fake guild. */
export interface FakeMember {
  id: string;
  username: string;
  roles?: string[];
  bot?: boolean;
}

const MANAGE_EVENTS = 1n << 33n;
const INTENT_MESSAGE_CONTENT = 1 << 15;

/**
 * A local Discord on 127.0.0.1: a REST server (recording every call, 429s on demand) and a gateway
 * websocket speaking the real protocol — HELLO, IDENTIFY, READY, GUILD_CREATE, heartbeats, RESUME with
 * replay, and dispatches for messages, threads and slash commands.
 */
export class FakeDiscord {
  readonly guildId = '100000000000000001';
  readonly channelId = '100000000000000002';
  readonly applicationId = '100000000000000003';
  readonly botId = '100000000000000004';
  readonly hostRoleId = '100000000000000005';
  readonly managerRoleId = '100000000000000006';
  readonly calls: DiscordCall[] = [];
  readonly members = new Map<string, FakeMember>();
  /** Messages per channel id, oldest first. */
  readonly messages = new Map<string, Record<string, unknown>[]>();
  readonly threads = new Map<string, Record<string, unknown>>();
  /** Intents the application may use; leaving out Message Content makes IDENTIFY fail with 4014. */
  allowMessageContent = true;
  private readonly throttles = new Map<string, number>();
  private limits: { messages: Map<string, WindowLimit>; reactions: WindowLimit } | undefined;
  /** 429s answered because a limit was exceeded, per kind. */
  readonly rateLimited = new Map<string, number>();
  private readonly server: Server;
  private readonly gateway = new WebSocketServer({ noServer: true });
  private socket: WebSocket | undefined;
  private seq = 0;
  private readonly sent: { s: number; payload: Record<string, unknown> }[] = [];
  private sessionId = randomUUID();
  private snowflake = 200000000000000000n;
  private port = 0;
  /** How many IDENTIFYs and RESUMEs the gateway saw. */
  readonly handshakes = { identify: 0, resume: 0 };

  constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('upgrade', (req, socket, head) => this.gateway.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws)));
    this.addMember({ id: this.botId, username: 'emcee', bot: true });
  }

  /** Listens on an ephemeral port of 127.0.0.1. */
  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Closes the gateway and the REST server. */
  async stop(): Promise<void> {
    this.socket?.terminate();
    this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The REST base, as discord.js's `rest.api` option wants it. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** Whether a gateway connection is open. */
  get connected(): boolean {
    return this.socket?.readyState === 1;
  }

  /** Enforces Discord's limits from now on: 5 messages per 5 s per channel, about 4 reactions a second. */
  enforceLimits(): void {
    this.limits = { messages: new Map(), reactions: new WindowLimit(1, 250) };
  }

  private overLimit(method: string, path: string): { wait: number; kind: string; headers: Record<string, string> } | undefined {
    if (!this.limits) return undefined;
    let m: RegExpExecArray | null;
    let bucket: WindowLimit | undefined;
    let kind = '';
    if (method === 'PUT' && /\/reactions\//.test(path)) {
      bucket = this.limits.reactions;
      kind = 'reactions';
    } else if (method === 'POST' && (m = /^\/channels\/(\d+)\/messages$/.exec(path))) {
      bucket = this.limits.messages.get(m[1]!);
      if (!bucket) this.limits.messages.set(m[1]!, (bucket = new WindowLimit(5, 5000)));
      kind = `messages`;
    }
    if (!bucket) return undefined;
    const wait = bucket.take();
    const state = bucket.state();
    // The headers discord.js reads to pace itself before it hits a 429, as Discord sends them.
    const headers = {
      'x-ratelimit-limit': String(state.limit),
      'x-ratelimit-remaining': String(state.remaining),
      'x-ratelimit-reset-after': String(state.resetAfterMs / 1000),
      'x-ratelimit-reset': String((Date.now() + state.resetAfterMs) / 1000),
      'x-ratelimit-bucket': kind,
    };
    return { wait, kind, headers };
  }

  /** Adds a guild member. */
  addMember(member: FakeMember): void {
    this.members.set(member.id, member);
  }

  /** Makes the next `count` REST calls whose path contains `pathPart` answer 429. */
  throttle(pathPart: string, count: number): void {
    this.throttles.set(pathPart, count);
  }

  /** REST calls matching a method and a path pattern. */
  callsTo(method: string, path: RegExp): DiscordCall[] {
    return this.calls.filter((c) => c.method === method && path.test(c.path));
  }

  /** A new snowflake, increasing. */
  nextId(): string {
    this.snowflake += 1n << 22n;
    return this.snowflake.toString();
  }

  /** A member writes a message in the channel or a thread; dispatched over the gateway. */
  memberSays(fields: { author: string; content: string; channelId?: string; replyTo?: string }): Record<string, unknown> {
    const channelId = fields.channelId ?? this.channelId;
    const message = this.message(fields.author, fields.content, channelId, fields.replyTo);
    this.remember(message);
    this.dispatch('MESSAGE_CREATE', { ...message, guild_id: this.guildId, member: this.memberPayload(fields.author) });
    return message;
  }

  /** A member edits a message. */
  memberEdits(message: Record<string, unknown>, content: string): void {
    const edited = { ...message, content, edited_timestamp: new Date().toISOString() };
    const list = this.messages.get(String(message.channel_id)) ?? [];
    const index = list.findIndex((m) => m.id === message.id);
    if (index >= 0) list[index] = edited;
    this.dispatch('MESSAGE_UPDATE', { ...edited, guild_id: this.guildId });
  }

  /** A member deletes a message. */
  memberDeletes(message: Record<string, unknown>): void {
    this.dispatch('MESSAGE_DELETE', { id: message.id, channel_id: message.channel_id, guild_id: this.guildId });
  }

  /** A member runs `/emcee <sub> [minutes]`; returns the interaction id. */
  slashCommand(fields: { user: string; sub: string; minutes?: number; script?: string }): string {
    const id = this.nextId();
    const options = [
      ...(fields.minutes !== undefined ? [{ name: 'minutes', type: 4, value: fields.minutes }] : []),
      ...(fields.script !== undefined ? [{ name: 'script', type: 3, value: fields.script }] : []),
    ];
    this.dispatch('INTERACTION_CREATE', {
      id,
      application_id: this.applicationId,
      type: 2,
      token: `itoken-${id}`,
      version: 1,
      guild_id: this.guildId,
      channel_id: this.channelId,
      channel: { id: this.channelId, type: 0, guild_id: this.guildId, name: 'chat' },
      member: { ...this.memberPayload(fields.user), permissions: this.permissionsOf(fields.user).toString() },
      app_permissions: '0',
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: {},
      context: 0,
      data: { id: '300000000000000001', name: 'emcee', type: 1, options: [{ name: fields.sub, type: 1, options }] },
    });
    return id;
  }

  /** Closes the gateway as Discord does when it cycles a server; the client should RESUME. */
  dropConnection(): void {
    this.socket?.close(4000, 'cycling');
  }

  /** Sends a dispatch (buffered while disconnected and replayed on RESUME). */
  dispatch(event: string, data: Record<string, unknown>): void {
    const payload = { op: 0, t: event, s: ++this.seq, d: data };
    this.sent.push({ s: payload.s, payload });
    if (this.connected) this.socket!.send(JSON.stringify(payload));
  }

  private message(author: string, content: string, channelId: string, replyTo?: string): Record<string, unknown> {
    const member = this.members.get(author)!;
    return {
      id: this.nextId(),
      type: replyTo ? 19 : 0,
      channel_id: channelId,
      author: { id: member.id, username: member.username, discriminator: '0', global_name: member.username, avatar: null, ...(member.bot ? { bot: true } : {}) },
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      flags: 0,
      ...(replyTo ? { message_reference: { message_id: replyTo, channel_id: channelId, guild_id: this.guildId } } : {}),
    };
  }

  private memberPayload(id: string): Record<string, unknown> {
    const member = this.members.get(id)!;
    return {
      user: { id, username: member.username, discriminator: '0', global_name: member.username, avatar: null, ...(member.bot ? { bot: true } : {}) },
      roles: member.roles ?? [],
      joined_at: '2026-01-01T00:00:00.000Z',
      deaf: false,
      mute: false,
      flags: 0,
    };
  }

  private permissionsOf(id: string): bigint {
    return (this.members.get(id)?.roles ?? []).includes(this.managerRoleId) ? MANAGE_EVENTS : 0n;
  }

  private remember(message: Record<string, unknown>): void {
    const channel = String(message.channel_id);
    this.messages.set(channel, [...(this.messages.get(channel) ?? []), message]);
  }

  private guild(): Record<string, unknown> {
    const role = (id: string, name: string, permissions: bigint, position: number) => ({
      id, name, permissions: permissions.toString(), position, color: 0, hoist: false, managed: false, mentionable: false, flags: 0,
    });
    return {
      id: this.guildId,
      name: 'Community',
      icon: null,
      owner_id: '100000000000000099',
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      features: [],
      mfa_level: 0,
      system_channel_flags: 0,
      premium_tier: 0,
      preferred_locale: 'en-US',
      nsfw_level: 0,
      joined_at: '2026-01-01T00:00:00.000Z',
      large: false,
      unavailable: false,
      member_count: this.members.size,
      roles: [
        role(this.guildId, '@everyone', 0n, 0),
        role(this.hostRoleId, 'Chat host', 0n, 1),
        role(this.managerRoleId, 'Events team', MANAGE_EVENTS, 2),
      ],
      emojis: [],
      stickers: [],
      channels: [{ id: this.channelId, type: 0, name: 'chat', position: 0, permission_overwrites: [], guild_id: this.guildId }],
      threads: [...this.threads.values()],
      members: [this.memberPayload(this.botId)],
      voice_states: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
    };
  }

  private onSocket(ws: WebSocket): void {
    this.socket = ws;
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
    ws.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as { op: number; d: Record<string, unknown> | number | null };
      if (frame.op === 1) ws.send(JSON.stringify({ op: 11 }));
      if (frame.op === 2) this.identify(ws, frame.d as Record<string, unknown>);
      if (frame.op === 6) this.resume(ws, frame.d as { session_id: string; seq: number });
    });
  }

  private identify(ws: WebSocket, data: Record<string, unknown>): void {
    this.handshakes.identify++;
    if (data.token !== 'fake-bot-token') return void ws.close(4004, 'Authentication failed.');
    if ((Number(data.intents) & INTENT_MESSAGE_CONTENT) !== 0 && !this.allowMessageContent) {
      return void ws.close(4014, 'Disallowed intent(s).');
    }
    this.sessionId = randomUUID();
    this.sent.length = 0;
    this.seq = 0;
    const ready = {
      v: 10,
      user: { id: this.botId, username: 'emcee', discriminator: '0', bot: true, avatar: null, global_name: null },
      guilds: [{ id: this.guildId, unavailable: true }],
      session_id: this.sessionId,
      resume_gateway_url: `ws://127.0.0.1:${this.port}`,
      application: { id: this.applicationId, flags: 0 },
      private_channels: [],
    };
    this.dispatch('READY', ready);
    this.dispatch('GUILD_CREATE', this.guild());
  }

  private resume(ws: WebSocket, data: { session_id: string; seq: number }): void {
    this.handshakes.resume++;
    if (data.session_id !== this.sessionId) return void ws.send(JSON.stringify({ op: 9, d: false }));
    for (const { s, payload } of this.sent) if (s > data.seq) ws.send(JSON.stringify(payload));
    this.dispatch('RESUMED', {});
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await new Promise<string>((resolve) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => resolve(body));
    });
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname.replace(/^\/api\/v10/, '');
    const body = raw && req.headers['content-type']?.includes('json') ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
    this.calls.push({ method: req.method ?? 'GET', path: decodeURIComponent(path), body, at: Date.now() });
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      if (value === undefined) return void res.writeHead(status, headers).end();
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(value));
    };
    for (const [part, count] of this.throttles) {
      if (count > 0 && path.includes(part)) {
        this.throttles.set(part, count - 1);
        return json(429, { message: 'You are being rate limited.', retry_after: 0.3, global: false }, { 'retry-after': '1', 'x-ratelimit-scope': 'user' });
      }
    }
    const over = this.overLimit(req.method ?? 'GET', path);
    if (over && over.wait > 0) {
      this.rateLimited.set(over.kind, (this.rateLimited.get(over.kind) ?? 0) + 1);
      return json(429, { message: 'You are being rate limited.', retry_after: over.wait / 1000, global: false }, { ...over.headers, 'retry-after': String(Math.ceil(over.wait / 1000)), 'x-ratelimit-scope': 'user' });
    }
    if (over) for (const [name, value] of Object.entries(over.headers)) res.setHeader(name, value);
    // Interaction callbacks and webhook edits are authorised by the interaction token in the path, as on Discord.
    const tokenInPath = /^\/(interactions|webhooks)\//.test(path);
    if (!tokenInPath && req.headers.authorization !== 'Bot fake-bot-token') return json(401, { message: '401: Unauthorized', code: 0 });
    this.route(req.method ?? 'GET', path, body, url, json);
  }

  private route(
    method: string,
    path: string,
    body: Record<string, unknown> | undefined,
    url: URL,
    json: (status: number, value: unknown, headers?: Record<string, string>) => void,
  ): void {
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/gateway/bot') {
      return json(200, { url: `ws://127.0.0.1:${this.port}`, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } });
    }
    if (method === 'GET' && path === '/users/@me') return json(200, { id: this.botId, username: 'emcee', discriminator: '0', bot: true });
    if (method === 'PUT' && (m = /^\/applications\/\d+\/guilds\/\d+\/commands$/.exec(path))) {
      return json(200, ((body as unknown as Record<string, unknown>[]) ?? []).map((c, i) => ({ ...c, id: `30000000000000000${i + 1}`, application_id: this.applicationId, guild_id: this.guildId, version: '1', default_member_permissions: null, type: 1 })));
    }
    if (method === 'POST' && /^\/interactions\/\d+\/[\w-]+\/callback$/.test(path)) return json(204, undefined);
    if (method === 'PATCH' && (m = /^\/webhooks\/\d+\/([\w-]+)\/messages\/@original$/.exec(path))) {
      return json(200, { ...this.message(this.botId, String(body?.content ?? ''), this.channelId), flags: 64, webhook_id: this.applicationId });
    }
    if (method === 'POST' && (m = /^\/channels\/(\d+)\/messages$/.exec(path))) {
      const message = { ...this.message(this.botId, String(body?.content ?? ''), m[1]!), embeds: body?.embeds ?? [], ...(body?.message_reference ? { message_reference: body.message_reference, type: 19 } : {}) };
      this.remember(message);
      return json(200, message);
    }
    if (method === 'PUT' && /^\/channels\/\d+\/messages\/\d+\/reactions\/[^/]+\/@me$/.test(path)) return json(204, undefined);
    if (method === 'POST' && (m = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path))) {
      const thread = {
        id: m[2], type: 11, guild_id: this.guildId, parent_id: m[1], name: String(body?.name ?? 'thread'), owner_id: this.botId,
        message_count: 0, member_count: 1, rate_limit_per_user: 0, flags: 0,
        thread_metadata: { archived: false, auto_archive_duration: Number(body?.auto_archive_duration ?? 1440), archive_timestamp: new Date().toISOString(), locked: false },
      };
      this.threads.set(thread.id!, thread);
      this.dispatch('THREAD_CREATE', { ...thread, newly_created: true });
      return json(201, thread);
    }
    if (method === 'GET' && (m = /^\/channels\/(\d+)\/messages$/.exec(path))) {
      const after = BigInt(url.searchParams.get('after') ?? '0');
      const limit = Number(url.searchParams.get('limit') ?? '50');
      const list = (this.messages.get(m[1]!) ?? []).filter((msg) => BigInt(String(msg.id)) > after).slice(0, limit);
      return json(200, [...list].reverse());
    }
    if (method === 'GET' && (m = /^\/channels\/(\d+)$/.exec(path))) {
      const thread = this.threads.get(m[1]!);
      if (thread) return json(200, thread);
      if (m[1] === this.channelId) return json(200, { id: this.channelId, type: 0, name: 'chat', guild_id: this.guildId, position: 0, permission_overwrites: [] });
      return json(404, { message: 'Unknown Channel', code: 10003 });
    }
    if (method === 'GET' && (m = /^\/guilds\/\d+\/threads\/active$/.exec(path))) return json(200, { threads: [...this.threads.values()], members: [] });
    if (method === 'DELETE' && /^\/guilds\/\d+\/scheduled-events\/\d+$/.test(path)) return json(204, undefined);
    if ((method === 'POST' || method === 'PATCH') && /^\/guilds\/\d+\/scheduled-events(\/\d+)?$/.test(path)) {
      const id = /\/(\d+)$/.exec(path)?.[1] ?? this.nextId();
      return json(200, { id, guild_id: this.guildId, creator_id: this.botId, status: 1, entity_type: 3, privacy_level: 2, ...body, entity_metadata: body?.entity_metadata ?? null, channel_id: null });
    }
    json(404, { message: `No fake for ${method} ${path}`, code: 0 });
  }
}
