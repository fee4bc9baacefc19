import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { TokenBucket } from '../token-bucket.js';
import { FakeSlackFiles } from './fake-slack-files.js';
import { applyResponse, blockActionsPayload } from './fake-slack-clicks.js';
import {
  answerMethod,
  type FakeEphemeral,
  type FakeSlackMessage,
  type FakeSlackState,
  type FakeSlackUser,
} from './fake-slack-methods.js';
import { FakeSlackViews } from './fake-slack-views.js';
import { postSigned, type SignedPostOptions } from './signed-request.js';

export type { FakeSlackMessage, FakeSlackUser } from './fake-slack-methods.js';
export type { FakeSlackFile } from './fake-slack-files.js';
export type { FakeView, ViewInput } from './fake-slack-views.js';

/** One Web API call the fake received. */
export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
  /** How the body came: Bolt's WebClient posts form-encoded, other clients JSON. */
  contentType: string;
  at: number;
}

/** One Socket Mode envelope the fake sent, and whether the app acknowledged it. */
export interface SentEnvelope {
  envelope_id: string;
  type: 'events_api' | 'slash_commands' | 'interactive';
  payload: Record<string, unknown>;
  retry_attempt?: number;
  /** When the ack arrived (epoch ms); Slack redelivers an event not acked within 3 s. */
  ackedAt?: number;
  /** What the app put in its ack's `payload`, if anything (a slash command's immediate reply). */
  ackPayload?: unknown;
  /** The envelope that carried this one's payload again, once it was redelivered. */
  redeliveredAs?: string;
}

// Slack retries an unacknowledged event three times; a slash command it does not retry (the user sees an error).
const MAX_EVENT_RETRIES = 3;

/** How a failing call fails: see `FakeSlack.failNext`. */
export type FakeFailure = 500 | 'reset' | 'reset-after';

/** Slack's tiers as the fake enforces them (see enforceTiers). */
export interface TierOptions {
  /** Posts per channel that may go back to back (3). */
  postBurst?: number;
  /** Time to earn one more post (1000 ms). */
  postMs?: number;
  /** reactions.add per workspace (50 a minute). */
  reactionsPerMinute?: number;
  /** Reactions that may go back to back (3). */
  reactionBurst?: number;
  /** The time the limits refill by (the wall clock); a test on a manual clock passes its own. */
  now?: () => number;
}

/**
 * A local Slack on 127.0.0.1: the Web API (form-encoded or JSON POSTs to /api/<method>, `{ok:true}` or
 * `{ok:false,error}`, 429s with Retry-After on demand) and a Socket Mode websocket (hello, events_api and
 * slash_commands envelopes, acks recorded by envelope_id), plus the upload URLs of files.getUploadURLExternal
 * (`files`). A post to a user id goes to the app's DM with them (`dms`). Every call is recorded for assertions.
 */
export class FakeSlack implements FakeSlackState {
  readonly team = 'T0001';
  readonly botUserId = 'UBOT';
  readonly botId = 'BBOT';
  readonly calls: SlackCall[] = [];
  readonly history = new Map<string, FakeSlackMessage[]>();
  readonly users = new Map<string, FakeSlackUser>();
  readonly reactions = new Map<string, string[]>();
  readonly ephemerals: FakeEphemeral[] = [];
  /** The app's DM channel with each user it has one with, by user id. */
  readonly dms = new Map<string, string>();
  /** Channel ids the workspace does not have: reading them answers channel_not_found. */
  readonly unknownChannels = new Set<string>();
  /** External uploads; `files.shared` lists every file shared, with its bytes and channel. */
  readonly files = new FakeSlackFiles(() => `http://127.0.0.1:${this.port}`);
  /** Modals: the triggers handed out, the views opened, submissions built and settled. */
  readonly views = new FakeSlackViews(this.team);
  /** Envelope ids the app acknowledged. */
  readonly acks = new Set<string>();
  /** Every envelope sent, by id. */
  readonly envelopes = new Map<string, SentEnvelope>();
  /** Bodies posted to slash commands' response_url. */
  readonly responses: Record<string, unknown>[] = [];
  /** 429s answered because a tier was exceeded, per method. */
  readonly rateLimited = new Map<string, number>();
  /** The ephemeral message each click's response_url answers for. */
  private readonly clickedVia = new Map<string, FakeEphemeral>();
  /** Methods whose next call is carried out but never answered (a confirmation lost in a crash). */
  private readonly unanswered = new Set<string>();
  /** Throttles to answer: the next calls of a method get 429 with this Retry-After (seconds). */
  private readonly throttles = new Map<string, { count: number; retryAfter: number }>();
  private readonly failures = new Map<string, { count: number; how: FakeFailure }>();
  private readonly server: Server;
  private readonly sockets = new WebSocketServer({ noServer: true });
  private readonly connected = new Set<WebSocket>();
  private tsCounter = 0;
  private tiers:
    | { posts: Map<string, TokenBucket>; reactions: TokenBucket; postBurst: number; postMs: number; now: () => number }
    | undefined;
  private listening = 0;
  private refusing = false;

  constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/socket')) return socket.destroy();
      this.sockets.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws));
    });
  }

  /** The port it listens on, once started. */
  get port(): number {
    return this.listening;
  }

  /** Starts listening on an ephemeral port of 127.0.0.1 (never any other address). */
  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.listening = (this.server.address() as AddressInfo).port;
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

  /** A response_url for slash commands that records what is posted to it. */
  responseUrl(): string {
    return `http://127.0.0.1:${this.port}/respond/${randomUUID()}`;
  }

  /** How many Socket Mode connections are open. */
  get socketCount(): number {
    return this.connected.size;
  }

  /**
   * Makes the next `count` calls of `method` fail the way a network or Slack's edge does: `500` answers
   * HTTP 500 without acting; `reset` cuts the connection before acting; `reset-after` acts (a post is
   * stored) and then cuts the connection, so the caller never hears that it worked.
   */
  failNext(method: string, count: number, how: FakeFailure): void {
    this.failures.set(method, { count, how });
  }

  /** Makes the next `count` calls of `method` fail with HTTP 429 and Retry-After. */
  throttle(method: string, count: number, retryAfterSeconds = 1): void {
    this.throttles.set(method, { count, retryAfter: retryAfterSeconds });
  }

  /**
   * Carries out the next call of `method` but never answers it, as when the bot crashed before the answer
   * came: the message is in history, the caller waits until the fake stops.
   */
  loseNextAnswer(method: string): void {
    this.unanswered.add(method);
  }

  /**
   * Enforces Slack's tiers from now on: chat.postMessage about one a second per channel with small bursts,
   * reactions.add about 50 a minute per workspace; beyond them a 429 with Retry-After.
   */
  enforceTiers(options: TierOptions = {}): void {
    const now = options.now ?? Date.now;
    this.tiers = {
      posts: new Map(),
      reactions: new TokenBucket(options.reactionBurst ?? 3, 60_000 / (options.reactionsPerMinute ?? 50), now),
      now,
      postBurst: options.postBurst ?? 3,
      postMs: options.postMs ?? 1000,
    };
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

  /** Stores a message in its channel's history. */
  remember(message: FakeSlackMessage): void {
    const list = this.history.get(message.channel) ?? [];
    list.push(message);
    this.history.set(message.channel, list);
  }

  /** A person writes in a channel (or a thread): stored in history and sent over Socket Mode. */
  userSays(fields: { channel: string; user: string; text: string; threadTs?: string; ts?: string }): FakeSlackMessage {
    const message = this.userSaysOffline(fields);
    this.sendEvent(this.messageEvent(message));
    return message;
  }

  /**
   * A person writes in the app's DM with them (opened by conversations.open or a post to their id): the
   * `message` event carries channel_type "im", as Slack's message.im does.
   */
  userSaysInDm(fields: { user: string; text: string; threadTs?: string }): FakeSlackMessage {
    const dm = this.dms.get(fields.user);
    if (!dm) throw new Error(`the app has no DM with ${fields.user}`);
    return this.userSays({ ...fields, channel: dm });
  }

  /** "im" for the app's DMs, "channel" otherwise: what a message event's channel_type says. */
  channelTypeOf(channel: string): 'im' | 'channel' {
    return [...this.dms.values()].includes(channel) ? 'im' : 'channel';
  }

  /** A person writes while no bot is connected (or over HTTP, sent separately): it only lands in history. */
  userSaysOffline(fields: {
    channel: string;
    user: string;
    text: string;
    threadTs?: string;
    ts?: string;
  }): FakeSlackMessage {
    const message: FakeSlackMessage = {
      type: 'message',
      channel: fields.channel,
      user: fields.user,
      text: fields.text,
      ts: fields.ts ?? this.nextTs(),
      ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}),
    };
    this.remember(message);
    return message;
  }

  /** The `message` event Slack sends for a stored message (a thread reply carries parent_user_id). */
  messageEvent(message: FakeSlackMessage): Record<string, unknown> {
    const parent = message.thread_ts
      ? this.history.get(message.channel)?.find((m) => m.ts === message.thread_ts)
      : undefined;
    return {
      ...message,
      ...(parent?.user ? { parent_user_id: parent.user } : {}),
      team: this.team,
      channel_type: this.channelTypeOf(message.channel),
      event_ts: message.ts,
    };
  }

  /** A person edits a stored message: `message_changed` with the new and the previous message. */
  editEvent(channel: string, ts: string, text: string): Record<string, unknown> {
    const message = this.history.get(channel)?.find((m) => m.ts === ts);
    if (!message) throw new Error(`no message ${ts} in ${channel}`);
    const previous = { ...message };
    message.text = text;
    message.edited = { user: message.user ?? '', ts: this.nextTs() };
    const eventTs = this.nextTs();
    return {
      type: 'message',
      subtype: 'message_changed',
      hidden: true,
      channel,
      ts: eventTs,
      event_ts: eventTs,
      channel_type: this.channelTypeOf(channel),
      message: { ...message },
      previous_message: previous,
    };
  }

  /** A person deletes a stored message: `message_deleted` with the previous message. */
  deleteEvent(channel: string, ts: string): Record<string, unknown> {
    const list = this.history.get(channel) ?? [];
    const index = list.findIndex((m) => m.ts === ts);
    if (index < 0) throw new Error(`no message ${ts} in ${channel}`);
    const [previous] = list.splice(index, 1);
    const eventTs = this.nextTs();
    return {
      type: 'message',
      subtype: 'message_deleted',
      hidden: true,
      channel,
      ts: eventTs,
      event_ts: eventTs,
      deleted_ts: ts,
      channel_type: this.channelTypeOf(channel),
      previous_message: previous,
    };
  }

  /** Sends an events_api envelope over every Socket Mode connection; returns the envelope id. */
  sendEvent(event: Record<string, unknown>, retryAttempt = 0): string {
    return this.sendEnvelope('events_api', this.eventCallback(event), retryAttempt);
  }

  /** Sends an envelope's payload again under a new envelope id, as Slack does when an ack came late. */
  redeliver(envelopeId: string): string {
    const first = this.envelopes.get(envelopeId);
    if (!first) throw new Error(`no envelope ${envelopeId}`);
    first.redeliveredAs = this.sendEnvelope(first.type, first.payload, (first.retry_attempt ?? 0) + 1);
    return first.redeliveredAs;
  }

  /** The Events API body for an event, as Slack wraps it. */
  eventCallback(event: Record<string, unknown>): Record<string, unknown> {
    return {
      token: 'verification-token',
      team_id: this.team,
      api_app_id: 'A0001',
      event,
      type: 'event_callback',
      event_id: `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: this.team, user_id: this.botUserId, is_bot: true, is_enterprise_install: false }],
      is_ext_shared_channel: false,
    };
  }

  /** Sends a `/emcee` slash command envelope; returns its envelope id. */
  slashCommand(fields: { channel: string; user: string; text: string }): string {
    return this.sendEnvelope('slash_commands', {
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
      is_enterprise_install: 'false',
      response_url: this.responseUrl(),
      trigger_id: this.views.issueTrigger(fields.user),
    });
  }

  /**
   * The block_actions payload of `user` clicking the button `actionId` in the latest ephemeral message
   * showing it to them; its response_url acts on that message (see applyResponse).
   */
  clickPayload(user: string, actionId: string): Record<string, unknown> {
    const button = `"action_id":${JSON.stringify(actionId)}`;
    const shows = (m: FakeEphemeral) => JSON.stringify(m.blocks ?? []).includes(button);
    const message = [...this.ephemerals].reverse().find((m) => m.user === user && shows(m));
    if (!message) throw new Error(`${user} sees no button ${actionId}`);
    const responseUrl = this.responseUrl();
    this.clickedVia.set(responseUrl.slice(responseUrl.lastIndexOf('/') + 1), message);
    const person = this.users.get(user) ?? { id: user, name: user };
    const triggerId = this.views.issueTrigger(user);
    return blockActionsPayload({ team: this.team, user: person, message, actionId, responseUrl, triggerId });
  }

  /**
   * Sends an interactive payload (block_actions, view_submission) as a Socket Mode `interactive` envelope;
   * the app's answer is the ack's payload, and a view_submission's answer is applied to its view.
   */
  sendInteractive(payload: Record<string, unknown>): string {
    return this.sendEnvelope('interactive', payload);
  }

  /** Asks the Socket Mode clients to reconnect, as Slack does when it recycles a server. */
  dropSockets(): void {
    for (const ws of this.connected) ws.send(JSON.stringify({ type: 'disconnect', reason: 'refresh_requested' }));
  }

  /** Cuts every Socket Mode connection without a close frame, as a network outage does. */
  cutSockets(): void {
    for (const ws of this.connected) ws.terminate();
  }

  /**
   * While refusing, new Socket Mode connections are cut as soon as they open (before `hello`): the app
   * stays disconnected until `refuseSockets(false)`, as during an outage.
   */
  refuseSockets(refuse = true): void {
    this.refusing = refuse;
  }

  /** Signs and posts an Events API body to an HTTP-mode app, as Slack does. */
  static postSigned(
    url: string,
    body: unknown,
    signingSecret: string,
    options: SignedPostOptions = {},
  ): Promise<{ status: number; text: string }> {
    return postSigned(url, body, signingSecret, options);
  }

  private sendEnvelope(type: SentEnvelope['type'], payload: Record<string, unknown>, retryAttempt = 0): string {
    const envelope: SentEnvelope = { envelope_id: randomUUID(), type, payload };
    const wire: Record<string, unknown> = { ...envelope, accepts_response_payload: type !== 'events_api' };
    if (type === 'events_api') {
      envelope.retry_attempt = retryAttempt;
      Object.assign(wire, { retry_attempt: retryAttempt, retry_reason: retryAttempt ? 'timeout' : '' });
    }
    this.envelopes.set(envelope.envelope_id, envelope);
    for (const ws of this.connected) ws.send(JSON.stringify(wire));
    return envelope.envelope_id;
  }

  private onSocket(ws: WebSocket): void {
    if (this.refusing) return void ws.terminate();
    this.connected.add(ws);
    ws.on('close', () => this.connected.delete(ws));
    ws.on('message', (data) => {
      let ack: { envelope_id?: string; payload?: unknown };
      try {
        ack = JSON.parse(String(data)) as typeof ack;
      } catch {
        return; // Not JSON: Slack ignores it too.
      }
      if (!ack.envelope_id) return;
      this.acks.add(ack.envelope_id);
      const sent = this.envelopes.get(ack.envelope_id);
      if (sent)
        Object.assign(sent, { ackedAt: Date.now(), ...(ack.payload !== undefined ? { ackPayload: ack.payload } : {}) });
      const submitted = sent?.type === 'interactive' && sent.payload.type === 'view_submission';
      if (submitted) this.views.settle((sent.payload.view as { id: string }).id, ack.payload);
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.connected.size,
        debug_info: { host: 'fake', approximate_connection_time: 18060 },
        connection_info: { app_id: 'A0001' },
      }),
    );
    // Events sent while no connection was open, or never acknowledged on one that dropped, come again.
    for (const envelope of [...this.envelopes.values()]) {
      const unacked = envelope.type === 'events_api' && envelope.ackedAt === undefined && !envelope.redeliveredAs;
      if (unacked && (envelope.retry_attempt ?? 0) < MAX_EVENT_RETRIES) this.redeliver(envelope.envelope_id);
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const bytes = await new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => resolve(Buffer.concat(chunks)));
    });
    // An upload URL of files.getUploadURLExternal: the body is the file's bytes, not a Web API call.
    if (req.url?.startsWith('/upload/')) return this.files.receive(req, res, bytes);
    const raw = bytes.toString('utf8');
    if (req.url?.startsWith('/respond/')) {
      const body = parseBody(raw, req.headers['content-type']);
      this.responses.push(body);
      const clicked = this.clickedVia.get(req.url.slice('/respond/'.length));
      if (clicked) applyResponse(this.ephemerals, clicked, body, () => this.nextTs());
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const method = /^\/api\/([\w.]+)/.exec(req.url ?? '')?.[1];
    if (!method || req.method !== 'POST') {
      res.writeHead(404).end();
      return;
    }
    const contentType = req.headers['content-type'] ?? '';
    const args = parseBody(raw, contentType);
    // Slack takes the token from the Authorization header, or from the form body.
    const token = req.headers.authorization?.replace(/^Bearer /, '') ?? (args.token as string | undefined);
    delete args.token;
    this.calls.push({ method, args, token, contentType, at: Date.now() });
    const retryAfter = this.retryAfter(method, args);
    if (retryAfter !== undefined) {
      res.writeHead(429, { 'retry-after': String(retryAfter), 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    const failure = this.failures.get(method);
    const how = failure && failure.count > 0 ? failure.how : undefined;
    if (failure && how !== undefined) failure.count--;
    if (how === 500) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
      return;
    }
    if (how === 'reset') return void req.socket.destroy();
    const reply = answerMethod(this, method, args, token);
    if (this.unanswered.delete(method)) return; // stop() closes the connection
    if (how === 'reset-after') return void req.socket.destroy();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
  }

  // Seconds to wait when this call is over a throttle or a tier, else undefined.
  private retryAfter(method: string, args: Record<string, unknown>): number | undefined {
    const throttle = this.throttles.get(method);
    if (throttle && throttle.count > 0) {
      throttle.count--;
      return throttle.retryAfter;
    }
    if (!this.tiers) return undefined;
    let wait = 0;
    if (method === 'reactions.add') wait = this.tiers.reactions.take();
    if (method === 'chat.postMessage') {
      const channel = String(args.channel);
      let bucket = this.tiers.posts.get(channel);
      if (!bucket)
        this.tiers.posts.set(
          channel,
          (bucket = new TokenBucket(this.tiers.postBurst, this.tiers.postMs, this.tiers.now)),
        );
      wait = bucket.take();
    }
    if (wait <= 0) return undefined;
    this.rateLimited.set(method, (this.rateLimited.get(method) ?? 0) + 1);
    return Math.ceil(wait / 1000);
  }
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  // Form-encoded: Slack's SDKs send nested values (blocks) as JSON strings inside the form.
  for (const [key, value] of new URLSearchParams(raw)) args[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  return args;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
