import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeDms, UploadedPart } from './fake-dms.js';
import type { FakeGateway } from './fake-gateway.js';
import type { FakeGuild, Json } from './fake-guild.js';
import type { FakeInteractions } from './fake-interactions.js';
import { discordPings, type DiscordPings } from './fake-pings.js';
import type { FakeRateLimits } from './fake-rate-limits.js';

/** One REST call the fake received (path without `/api/v10`, percent-decoded). */
export interface DiscordCall {
  /** GET, POST, PUT, PATCH or DELETE. */
  method: string;
  /** e.g. `/channels/123/messages`. */
  path: string;
  /** The JSON body, if any. */
  body: Json | undefined;
  /** When it arrived (epoch ms). */
  at: number;
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

/** How a failing call fails: see `FakeRest.failNext`. */
export type FakeFailure = 500 | 'reset' | 'reset-after';

const error = (status: number, code: number, message: string): Reply => ({ status, body: { message, code } });
const ok = (body: unknown, status = 200): Reply => ({ status, body });
const NO_CONTENT: Reply = { status: 204 };

/**
 * Discord's REST API v10 as far as Emcee and discord.js use it. Every call is recorded before anything
 * else, then rate limits apply, then the bot token is checked (interaction routes are authorised by the
 * token in their path instead), then the route answers as Discord documents it, with Discord's JSON error
 * codes for the mistakes a client could make (empty or too-long messages, unknown messages, a second
 * thread on one message, an external event without a location).
 */
export class FakeRest {
  /** Every call, in arrival order. */
  readonly calls: DiscordCall[] = [];
  /** The guild's registered application commands. */
  commands: Json[] = [];
  /** Scheduled events by id. */
  readonly scheduledEvents = new Map<string, Json>();
  /** Whom each message the bot posted notified, by message id. */
  readonly pings = new Map<string, DiscordPings>();
  /** Calls to carry out but never answer (a confirmation lost in a crash), as "METHOD path-pattern". */
  private readonly unanswered: { method: string; path: RegExp }[] = [];
  private readonly failures: { pathPart: string; count: number; how: FakeFailure }[] = [];

  constructor(
    private readonly deps: {
      guild: FakeGuild;
      gateway: FakeGateway;
      interactions: FakeInteractions;
      limits: FakeRateLimits;
      dms: FakeDms;
      token: string;
      gatewayUrl: () => string;
    },
  ) {}

  /** Carries out the next call matching `method` and `path` but never answers it: the caller waits until stop(). */
  loseNextAnswer(method: string, path: RegExp): void {
    this.unanswered.push({ method, path });
  }

  /**
   * Makes the next `count` calls whose path contains `pathPart` fail the way a network or Discord's edge
   * does: `500` answers HTTP 500 without acting; `reset` cuts the connection before acting; `reset-after`
   * acts (a post is stored) and then cuts the connection, so the caller never hears that it worked.
   */
  failNext(pathPart: string, count: number, how: FakeFailure): void {
    this.failures.push({ pathPart, count, how });
  }

  /** Handles one HTTP request. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const path = decodeURIComponent(url.pathname.replace(/^\/api\/v10/, ''));
    const { body, parts } = await readBody(Buffer.concat(chunks), req.headers['content-type'] ?? '');
    this.calls.push({ method, path, body, at: Date.now() });
    const failure = this.failures.find((f) => f.count > 0 && path.includes(f.pathPart));
    if (failure) failure.count--;
    if (failure?.how === 500) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('500: Internal Server Error');
      return;
    }
    if (failure?.how === 'reset') return void req.socket.destroy();
    const reply = this.answer(method, path, body, parts, url.searchParams, req.headers.authorization);
    const lost = this.unanswered.findIndex((u) => u.method === method && u.path.test(path));
    if (lost >= 0 && reply.status < 300) {
      this.unanswered.splice(lost, 1);
      return; // stop() closes the connection
    }
    if (failure?.how === 'reset-after') return void req.socket.destroy();
    res.writeHead(reply.status, {
      ...(reply.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...reply.headers,
    });
    res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
  }

  private answer(
    method: string,
    path: string,
    body: Json | undefined,
    parts: UploadedPart[],
    query: URLSearchParams,
    authorization: string | undefined,
  ): Reply {
    const verdict = this.deps.limits.check(method, path);
    if (verdict && verdict.waitMs > 0) {
      return {
        status: 429,
        body: { message: 'You are being rate limited.', retry_after: verdict.waitMs / 1000, global: false },
        headers: verdict.headers,
      };
    }
    const tokenInPath = /^\/(interactions|webhooks)\//.test(path);
    if (!tokenInPath && authorization !== `Bot ${this.deps.token}`)
      return { ...error(401, 0, '401: Unauthorized'), headers: verdict?.headers };
    return { ...this.route(method, path, body, parts, query), headers: verdict?.headers };
  }

  private route(
    method: string,
    path: string,
    body: Json | undefined,
    parts: UploadedPart[],
    query: URLSearchParams,
  ): Reply {
    const { guild, gateway, interactions, dms } = this.deps;
    const at = (pattern: RegExp, verb: string) => (method === verb ? pattern.exec(path) : null);
    let m: RegExpExecArray | null;

    if (at(/^\/gateway\/bot$/, 'GET')) {
      return ok({
        url: this.deps.gatewayUrl(),
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
    }
    if (at(/^\/users\/@me$/, 'GET')) return ok(guild.user(guild.botId));
    if ((m = at(/^\/users\/(\d+)$/, 'GET'))) {
      const known = guild.members.has(m[1]!) || guild.outsiders.has(m[1]!);
      return known ? ok(guild.user(m[1]!)) : error(404, 10013, 'Unknown User');
    }
    if (at(/^\/applications\/@me$/, 'GET'))
      return ok({ id: guild.applicationId, name: 'Emcee', flags: 0, bot: guild.user(guild.botId) });
    if ((m = at(/^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/, 'PUT'))) {
      if (m[1] !== guild.applicationId || m[2] !== guild.guildId) return error(403, 50001, 'Missing Access');
      if (!Array.isArray(body)) return error(400, 50035, 'Invalid Form Body');
      this.commands = (body as Json[]).map((command, i) => ({
        ...command,
        id: `30000000000000000${i + 1}`,
        application_id: guild.applicationId,
        guild_id: guild.guildId,
        version: '1',
        default_member_permissions: null,
        type: 1,
        nsfw: false,
      }));
      return ok(this.commands);
    }
    if (at(/^\/applications\/\d+\/guilds\/\d+\/commands$/, 'GET')) return ok(this.commands);
    if (at(/^\/applications\/\d+\/guilds\/\d+\/commands$/, 'POST')) {
      // Creating a command with a name that exists replaces it, as Discord does.
      const command = {
        ...body,
        id: guild.nextId(),
        application_id: guild.applicationId,
        guild_id: guild.guildId,
        version: '1',
        type: 1,
      };
      this.commands = [...this.commands.filter((c) => c.name !== body?.name), command];
      return ok(command, 201);
    }
    if ((m = at(/^\/applications\/\d+\/guilds\/\d+\/commands\/(\d+)$/, 'PATCH'))) {
      const index = this.commands.findIndex((c) => c.id === m![1]);
      if (index < 0) return error(404, 10063, 'Unknown application command');
      this.commands[index] = { ...this.commands[index], ...body };
      return ok(this.commands[index]);
    }
    if ((m = at(/^\/interactions\/(\d+)\/([^/]+)\/callback$/, 'POST')))
      return interactions.callback(m[1]!, m[2]!, body);
    if ((m = at(/^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/, 'PATCH')))
      return interactions.editOriginal(m[1]!, m[2]!, body);

    if (at(/^\/users\/@me\/channels$/, 'POST')) return dms.open(body);
    if ((m = at(/^\/channels\/(\d+)\/messages$/, 'POST'))) {
      return dms.has(m[1]!) ? dms.post(m[1]!, body, parts) : this.postMessage(m[1]!, body);
    }
    if ((m = at(/^\/channels\/(\d+)\/messages$/, 'GET'))) {
      return dms.has(m[1]!) ? dms.history(m[1]!, query) : this.history(m[1]!, query);
    }
    if ((m = at(/^\/channels\/(\d+)\/messages\/(\d+)\/reactions\/([^/]+)\/@me$/, 'PUT'))) {
      if (!guild.find(m[2]!) && !dms.find(m[2]!)) return error(404, 10008, 'Unknown Message');
      guild.reactions.set(m[2]!, [...(guild.reactions.get(m[2]!) ?? []), `${m[3]} by ${guild.botId}`]);
      return NO_CONTENT;
    }
    if ((m = at(/^\/channels\/(\d+)\/messages\/(\d+)\/threads$/, 'POST'))) {
      const [, channelId, messageId] = m as unknown as [string, string, string];
      if (!guild.find(messageId)) return error(404, 10008, 'Unknown Message');
      if (guild.threads.has(messageId)) return error(400, 160004, 'A thread has already been created for this message');
      const thread = guild.startThread(
        channelId,
        messageId,
        String(body?.name ?? 'thread').slice(0, 100),
        Number(body?.auto_archive_duration ?? 4320),
      );
      gateway.dispatch('THREAD_CREATE', { ...thread, newly_created: true });
      // The starter message now has a thread: Discord tells with a MESSAGE_UPDATE (no new edited_timestamp).
      const starter = guild.find(messageId)!;
      gateway.dispatch('MESSAGE_UPDATE', { ...guild.dispatchable(starter), flags: 32, thread });
      return ok(thread, 201);
    }
    if ((m = at(/^\/channels\/(\d+)$/, 'GET')))
      return guild.channel(m[1]!) ? ok(guild.channel(m[1]!)) : error(404, 10003, 'Unknown Channel');
    if (at(/^\/guilds\/\d+\/threads\/active$/, 'GET')) {
      // Archived threads are not active: Discord lists them only under each channel's archived threads.
      const archived = (thread: Json) => (thread.thread_metadata as Json | undefined)?.archived === true;
      const active = [...guild.threads.values()].filter((thread) => !archived(thread));
      return ok({ threads: active, members: [] });
    }
    if (at(/^\/guilds\/\d+\/roles$/, 'GET')) return ok(guild.roles());
    if ((m = at(/^\/guilds\/\d+\/members\/(\d+)$/, 'GET')))
      return guild.members.has(m[1]!) ? ok(guild.member(m[1]!)) : error(404, 10007, 'Unknown Member');

    if (at(/^\/guilds\/\d+\/scheduled-events$/, 'GET')) return ok([...this.scheduledEvents.values()]);
    if (at(/^\/guilds\/\d+\/scheduled-events$/, 'POST')) return this.saveEvent(guild.nextId(), body, true);
    if ((m = at(/^\/guilds\/\d+\/scheduled-events\/(\d+)$/, 'PATCH'))) {
      return this.scheduledEvents.has(m[1]!)
        ? this.saveEvent(m[1]!, body, false)
        : error(404, 10070, 'Unknown Guild Scheduled Event');
    }
    if ((m = at(/^\/guilds\/\d+\/scheduled-events\/(\d+)$/, 'DELETE'))) {
      return this.scheduledEvents.delete(m[1]!) ? NO_CONTENT : error(404, 10070, 'Unknown Guild Scheduled Event');
    }
    return error(404, 0, `No fake for ${method} ${path}`);
  }

  private postMessage(channelId: string, body: Json | undefined): Reply {
    const { guild, gateway } = this.deps;
    if (!guild.channelExists(channelId)) return error(404, 10003, 'Unknown Channel');
    const content = typeof body?.content === 'string' ? body.content : '';
    const embeds = Array.isArray(body?.embeds) ? body.embeds : [];
    if (content === '' && embeds.length === 0) return error(400, 50006, 'Cannot send an empty message');
    if (content.length > 2000)
      return error(400, 50035, 'Invalid Form Body (content: Must be 2000 or fewer in length.)');
    const users = ((body?.allowed_mentions as Json | undefined)?.users ?? []) as unknown[];
    if (users.length > 100)
      return error(400, 50035, 'Invalid Form Body (allowed_mentions.users: Must be 100 or fewer in length.)');
    const reference = body?.message_reference as Json | undefined;
    if (reference && !guild.find(String(reference.message_id)) && reference.fail_if_not_exists !== false) {
      return error(400, 50035, 'Invalid Form Body (message_reference: Unknown message)');
    }
    const nonce = typeof body?.nonce === 'string' || typeof body?.nonce === 'number' ? String(body.nonce) : undefined;
    if (nonce !== undefined && body?.enforce_nonce === true) {
      // Discord: the same author's message with this nonce (within a few minutes) is returned, not made again.
      const mine = (m: Json) => m.nonce === nonce && (m.author as Json).id === guild.botId;
      const earlier = guild.messages.get(channelId)?.find(mine);
      if (earlier) return ok(earlier);
    }
    const replyTo = reference ? { replyTo: String(reference.message_id) } : {};
    const message: Json = {
      ...guild.message({ author: guild.botId, content, channelId, embeds, ...replyTo }),
      ...(nonce !== undefined ? { nonce } : {}),
    };
    guild.remember(message);
    const replied = reference ? guild.find(String(reference.message_id)) : undefined;
    const repliedAuthor = (replied?.author as Json | undefined)?.id as string | undefined;
    const allowed = body?.allowed_mentions as Json | undefined;
    this.pings.set(String(message.id), discordPings(content, allowed, repliedAuthor));
    // The bot hears its own messages on the gateway, as on Discord.
    gateway.dispatch('MESSAGE_CREATE', guild.dispatchable(message));
    return ok(message);
  }

  private history(channelId: string, query: URLSearchParams): Reply {
    if (!this.deps.guild.channelExists(channelId)) return error(404, 10003, 'Unknown Channel');
    const after = BigInt(query.get('after') ?? '0');
    const limit = Math.min(100, Number(query.get('limit') ?? '50'));
    const list = (this.deps.guild.messages.get(channelId) ?? [])
      .filter((message) => BigInt(String(message.id)) > after)
      .slice(0, limit);
    // Discord answers newest first.
    return ok([...list].reverse());
  }

  private saveEvent(id: string, body: Json | undefined, creating: boolean): Reply {
    const before = creating ? undefined : this.scheduledEvents.get(id);
    const from = Number(before?.status ?? 1);
    // Discord's order: scheduled → active → completed, scheduled → canceled; a finished event stays finished.
    if (before && (from === 3 || from === 4)) return error(400, 180000, 'Cannot modify a finished event');
    if (body?.status !== undefined && body.status !== from) {
      const allowed = (from === 1 && (body.status === 2 || body.status === 4)) || (from === 2 && body.status === 3);
      const refusal = `Invalid Form Body (status: cannot go from ${from} to ${String(body.status)})`;
      if (creating || !allowed) return error(400, 50035, refusal);
    }
    const event = { ...before, ...body };
    if (
      event.entity_type === 3 &&
      (!(event.entity_metadata as Json | undefined)?.location || !event.scheduled_end_time)
    ) {
      return error(
        400,
        50035,
        'Invalid Form Body (external events need entity_metadata.location and scheduled_end_time)',
      );
    }
    if (!event.name || !event.scheduled_start_time || !event.privacy_level)
      return error(400, 50035, 'Invalid Form Body');
    const saved = {
      id,
      guild_id: this.deps.guild.guildId,
      creator_id: this.deps.guild.botId,
      status: 1,
      entity_id: null,
      channel_id: null,
      user_count: 0,
      ...event,
    };
    this.scheduledEvents.set(id, saved);
    return ok(saved);
  }
}

// A JSON body, or a multipart one as discord.js sends files: `payload_json` plus one part per file.
async function readBody(raw: Buffer, contentType: string): Promise<{ body: Json | undefined; parts: UploadedPart[] }> {
  if (raw.length === 0) return { body: undefined, parts: [] };
  if (contentType.includes('json')) return { body: JSON.parse(raw.toString('utf8')) as Json, parts: [] };
  if (!contentType.startsWith('multipart/form-data')) return { body: undefined, parts: [] };
  const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
  const parts: UploadedPart[] = [];
  let body: Json | undefined;
  for (const [key, value] of form.entries()) {
    if (typeof value === 'string') {
      if (key === 'payload_json') body = JSON.parse(value) as Json;
    } else {
      parts.push({ key, name: value.name, bytes: Buffer.from(await value.arrayBuffer()), type: value.type });
    }
  }
  return { body, parts };
}
