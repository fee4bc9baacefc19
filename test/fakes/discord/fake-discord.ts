import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeDms, type FakeAttachment } from './fake-dms.js';
import { FakeGateway, type GatewayLog } from './fake-gateway.js';
import { FakeGuild, type FakeMember, type Json } from './fake-guild.js';
import { FakeInteractions, type InteractionAnswer } from './fake-interactions.js';
import { FakeRateLimits } from './fake-rate-limits.js';
import type { DiscordPings } from './fake-pings.js';
import { FakeRest, type DiscordCall, type FakeFailure } from './fake-rest.js';

export type { DiscordCall, FakeAttachment, FakeFailure, FakeMember, InteractionAnswer };

/** GatewayIntentBits.DirectMessages: messages in DMs reach only a bot that asked for it. */
const DIRECT_MESSAGES_INTENT = 1 << 12;

/** The bot token the fake accepts. */
export const FAKE_TOKEN = 'fake-bot-token';

/**
 * A local Discord on 127.0.0.1 for the real discord.js: a REST server (recording every call, 429s on
 * demand or by Discord's limits) and a gateway websocket speaking the real protocol, on one port. Tests
 * play the members: `memberSays`, `memberEdits`, `memberDeletes`, `slashCommand`, `clickButton`,
 * `submitModal`; and the network: `dropConnection`, `requestReconnect`, `invalidateSession`, `throttle`.
 */
export class FakeDiscord {
  readonly guild = new FakeGuild();
  readonly guildId = this.guild.guildId;
  readonly channelId = this.guild.channelId;
  readonly otherChannelId = this.guild.otherChannelId;
  readonly applicationId = this.guild.applicationId;
  readonly botId = this.guild.botId;
  readonly hostRoleId = this.guild.hostRoleId;
  readonly managerRoleId = this.guild.managerRoleId;
  readonly ownerId = this.guild.ownerId;
  readonly members = this.guild.members;
  /** Messages per channel id, oldest first. */
  readonly messages = this.guild.messages;
  /** Threads by id. */
  readonly threads = this.guild.threads;
  /** The bot's direct messages: DM channels by member, their messages and attachments (with bytes). */
  readonly dms = new FakeDms(this.guild);
  private readonly limits = new FakeRateLimits();
  /** 429s answered, per kind. */
  readonly rateLimited = this.limits.rateLimited;
  private readonly gateway: FakeGateway;
  private readonly interactions = new FakeInteractions(this.guild);
  private readonly rest: FakeRest;
  private readonly server: Server;
  private port = 0;

  constructor() {
    this.gateway = new FakeGateway(this.guild, FAKE_TOKEN, () => this.gatewayUrl);
    this.rest = new FakeRest({
      guild: this.guild,
      gateway: this.gateway,
      interactions: this.interactions,
      limits: this.limits,
      dms: this.dms,
      token: FAKE_TOKEN,
      gatewayUrl: () => this.gatewayUrl,
    });
    this.server = createServer((req, res) => void this.rest.handle(req, res));
    this.server.on('upgrade', (req, socket, head) => this.gateway.upgrade(req, socket, head));
  }

  /** Listens on an ephemeral port of 127.0.0.1 (never any other address). */
  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Closes the gateway and the REST server. */
  async stop(): Promise<void> {
    this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The REST base, as discord.js's `rest.api` option (and EMCEE_DISCORD_API_URL) wants it. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  private get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** Every REST call so far. */
  get calls(): DiscordCall[] {
    return this.rest.calls;
  }

  /** Commands registered for the guild. */
  get commands(): Json[] {
    return this.rest.commands;
  }

  /** Whom each message the bot posted notified, by Discord's allowed_mentions rules. */
  get pings(): Map<string, DiscordPings> {
    return this.rest.pings;
  }

  /** Carries out the next call matching `method` and `path` but never answers it, as when the bot crashed waiting. */
  loseNextAnswer(method: string, path: RegExp): void {
    this.rest.loseNextAnswer(method, path);
  }

  /** Scheduled events by id. */
  get scheduledEvents(): Map<string, Json> {
    return this.rest.scheduledEvents;
  }

  /** IDENTIFYs, RESUMEs and heartbeats the gateway saw. */
  get handshakes(): GatewayLog {
    return this.gateway.log;
  }

  /** Whether a client is connected and identified. */
  get connected(): boolean {
    return this.gateway.connected;
  }

  /** Whether the application may use the Message Content intent (off: IDENTIFY closes with 4014). */
  get allowMessageContent(): boolean {
    return this.gateway.allowMessageContent;
  }

  /** Switches the Message Content intent on or off for the application. */
  set allowMessageContent(allowed: boolean) {
    this.gateway.allowMessageContent = allowed;
  }

  /** Sets the heartbeat interval HELLO announces (discord.js heartbeats at a random point of the first). */
  set heartbeatIntervalMs(ms: number) {
    this.gateway.heartbeatIntervalMs = ms;
  }

  /** Enforces Discord's limits from now on: 5 messages per 5 s per channel, about 4 reactions a second. */
  enforceLimits(): void {
    this.limits.enforce();
  }

  /**
   * Makes the next `count` REST calls whose path contains `pathPart` answer 429 (retry after `retryAfterS`, 1 s by
   * default).
   */
  throttle(pathPart: string, count: number, retryAfterS = 1): void {
    this.limits.throttle(pathPart, count, retryAfterS);
  }

  /** Makes the next `count` REST calls whose path contains `pathPart` fail: 500, or a reset before or after acting. */
  failNext(pathPart: string, count: number, how: FakeFailure): void {
    this.rest.failNext(pathPart, count, how);
  }

  /** Adds a guild member. */
  addMember(member: FakeMember): void {
    this.guild.members.set(member.id, member);
  }

  /** Adds a Discord user who is not in the server (GET /users/:id finds them; the guild's member routes do not). */
  addOutsider(user: FakeMember): void {
    this.guild.outsiders.set(user.id, user);
  }

  /** REST calls matching a method and a path pattern. */
  callsTo(method: string, path: RegExp): DiscordCall[] {
    return this.calls.filter((call) => call.method === method && path.test(call.path));
  }

  /** A new snowflake. */
  nextId(): string {
    return this.guild.nextId();
  }

  /**
   * A member writes in their DM with the bot (opened by POST /users/@me/channels), optionally as a reply.
   * Discord dispatches it as MESSAGE_CREATE without guild_id, and only to a bot that identified with the
   * DirectMessages intent.
   */
  memberSaysInDm(fields: { author: string; content: string; replyTo?: string }): Json {
    const message = this.dms.memberWrites(fields);
    const intents = Number(this.gateway.log.identifies.at(-1)?.intents ?? 0);
    if ((intents & DIRECT_MESSAGES_INTENT) === 0) return message;
    this.gateway.dispatch('MESSAGE_CREATE', this.dms.dispatchable(message));
    return message;
  }

  /** A member writes in the channel or a thread (optionally as a Discord reply); dispatched as MESSAGE_CREATE. */
  memberSays(fields: { author: string; content: string; channelId?: string; replyTo?: string }): Json {
    const message = this.guild.message({ ...fields, channelId: fields.channelId ?? this.channelId });
    this.guild.remember(message);
    this.gateway.dispatch('MESSAGE_CREATE', this.guild.dispatchable(message));
    return message;
  }

  /**
   * A member writes while the bot is disconnected, in a gap Discord will not replay (the bot's next
   * session is a new one): the message is only in history.
   */
  memberSaysUnseen(fields: { author: string; content: string; channelId?: string; replyTo?: string }): Json {
    const message = this.guild.message({ ...fields, channelId: fields.channelId ?? this.channelId });
    this.guild.remember(message);
    return message;
  }

  /** A member edits a message; dispatched as MESSAGE_UPDATE with the whole message, as Discord sends it. */
  memberEdits(message: Json, content: string): Json {
    const edited = { ...message, content, edited_timestamp: new Date().toISOString() };
    this.guild.replace(edited);
    this.gateway.dispatch('MESSAGE_UPDATE', this.guild.dispatchable(edited));
    return edited;
  }

  /** A member deletes a message; MESSAGE_DELETE carries only ids. */
  memberDeletes(message: Json): void {
    this.guild.forget(message);
    this.gateway.dispatch('MESSAGE_DELETE', { id: message.id, channel_id: message.channel_id, guild_id: this.guildId });
  }

  /**
   * A member runs `/emcee <sub>` (with `minutes` or `script`, in a channel or thread); returns the
   * interaction id. `expired` makes Discord refuse the answer, as when the bot took longer than 3 s.
   */
  slashCommand(fields: {
    user: string;
    sub: string;
    minutes?: number;
    script?: string;
    /** Any other string options, by name (e.g. `{ series: 'weekly-chat' }`). */
    text?: Record<string, string>;
    channelId?: string;
    expired?: boolean;
  }): string {
    const options = [
      ...(fields.minutes !== undefined ? [{ name: 'minutes', type: 4, value: fields.minutes }] : []),
      ...(fields.script !== undefined ? [{ name: 'script', type: 3, value: fields.script }] : []),
      ...Object.entries(fields.text ?? {}).map(([name, value]) => ({ name, type: 3, value })),
    ];
    const interaction = this.interactions.slashCommand({
      user: fields.user,
      sub: fields.sub,
      options,
      ...(fields.channelId ? { channelId: fields.channelId } : {}),
      ...(fields.expired ? { expired: true } : {}),
    });
    this.gateway.dispatch('INTERACTION_CREATE', interaction);
    return String(interaction.id);
  }

  /**
   * A member clicks the button `customId` on the message that answered interaction `on` (a command's or a
   * submission's reply, or a message a click updated); dispatched as INTERACTION_CREATE type 3. Returns the
   * click's interaction id.
   */
  clickButton(fields: { user: string; on: string; customId: string }): string {
    const interaction = this.interactions.click(fields);
    this.gateway.dispatch('INTERACTION_CREATE', interaction);
    return String(interaction.id);
  }

  /**
   * A member sends the modal that answered interaction `on`, typing `values` by text input custom_id (the
   * others keep what was pre-filled); dispatched as INTERACTION_CREATE type 5. Returns its interaction id.
   */
  submitModal(fields: { user: string; on: string; values: Record<string, string> }): string {
    const interaction = this.interactions.submitModal(fields);
    this.gateway.dispatch('INTERACTION_CREATE', interaction);
    return String(interaction.id);
  }

  /** The message an interaction was answered with, as it is now (content, components, flags). */
  answerMessage(id: string): Json | undefined {
    return this.interactions.answerMessage(id);
  }

  /** How an interaction was answered (callback type, ephemeral, text), once it was. */
  interactionAnswer(id: string): InteractionAnswer | undefined {
    return this.interactions.answer(id);
  }

  /** An interaction's token, to check it never reaches a log. */
  interactionToken(id: string): string {
    return this.interactions.token(id) ?? '';
  }

  /** Reactions the bot added to a message, as "emoji by user id". */
  reactionsOn(messageId: string): string[] {
    return this.guild.reactions.get(messageId) ?? [];
  }

  /**
   * Closes the gateway connection. By default with 4000, as Discord does when it cycles a server: the
   * client resumes. 4004 (the token was reset) and 4014 (an intent was switched off) end it for good.
   */
  dropConnection(code = 4000, reason = 'Unknown error.'): void {
    this.gateway.drop(code, reason);
  }

  /** Asks the client to reconnect and resume (opcode 7). */
  requestReconnect(): void {
    this.gateway.requestReconnect();
  }

  /** Invalidates the session (opcode 9): the client identifies again. */
  invalidateSession(): void {
    this.gateway.invalidateSession();
  }

  /** Sends any dispatch (kept for replay on RESUME). */
  dispatch(event: string, data: Json): void {
    this.gateway.dispatch(event, data);
  }
}
