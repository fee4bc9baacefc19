import { randomBytes } from 'node:crypto';
import { Events, RESTEvents, Routes, type Client } from 'discord.js';
import { UserError } from '../../src/errors/user-error.js';
import { silentLogger, type Logger } from '../../src/log.js';
import type {
  AnnouncementChange,
  ChannelAddress,
  ChatInbound,
  HistoryResult,
  HostNotice,
  HostNoticeResult,
  MessageAddress,
  OutboundMessage,
  PlatformAdapter,
  PlatformLimits,
  PostedMessage,
  QuestionDetails,
  Reaction,
  RunAnnouncement,
  UserAddress,
} from '../../src/port.js';
import { SystemClock, type Clock } from '../../src/time/clock.js';
import { POST_PRIORITY } from '../shared/post-priority.js';
import { PriorityPoster, type PostPriority } from '../shared/priority-poster.js';
import { ReactionsInFlight } from '../shared/reactions-in-flight.js';
import { ReconnectCatchUp } from '../shared/reconnect-catch-up.js';
import {
  DIRECT,
  discordAddress,
  discordUserId,
  isDirectAddress,
  parseDiscordChannel,
  parseDiscordMessage,
} from './discord-addresses.js';
import { connectDiscord, createDiscordClient } from './discord-client.js';
import { putGuildCommands } from './discord-commands.js';
import type { DiscordConfig } from './discord-config.js';
import { describeDiscordError } from './discord-error-text.js';
import { DiscordHistory } from './discord-history.js';
import { notifyDiscordHosts, postNoticeIn } from './discord-host-notice.js';
import { discordDisplayName } from './discord-names.js';
import { explainLoginError } from './discord-login-error.js';
import { discordIdSchema, discordPostedMessageSchema } from './discord-payloads.js';
import { DiscordReceiver } from './discord-receiver.js';
import { discordRetryPolicy, withDiscordRetry } from './discord-retry.js';
import { DISCORD_LIMITS, messageBody, threadName } from './discord-render.js';
import {
  changeScheduledEvent,
  createScheduledEvent,
  deleteScheduledEvent,
  findScheduledEvent,
} from './discord-scheduled-events.js';
import { discordTimestamp, neutraliseMentions } from './discord-text.js';

/**
 * Emcee on Discord through discord.js: questions as embeds (optionally with a thread each), answers from
 * the channel and its threads, `/emcee` slash commands answered ephemerally, and allowed_mentions on every
 * message so only the people meant are pinged. discord.js's REST client queues calls per route and waits
 * out 429s; the gateway client heartbeats and resumes after a disconnect.
 */
export class DiscordAdapter implements PlatformAdapter {
  /** "discord", in logs and in the store. */
  readonly name = 'discord';
  /** 2,000 characters a message; allowed_mentions takes at most 100 users. */
  readonly limits: PlatformLimits = {
    messageLength: DISCORD_LIMITS.messageLength,
    mentionsPerMessage: DISCORD_LIMITS.mentionsPerMessage,
  };
  /** `discord:<guild id>`. */
  readonly community: string;
  /** The channel of DISCORD_CHANNEL_ID. */
  readonly defaultChannel: ChannelAddress;
  /** The server (guild) this bot serves: links to its channels need it. */
  readonly guildId: string;
  private readonly client: Client;
  // discord.js queues per route in arrival order; ours lets a question overtake queued welcomes.
  private readonly poster: PriorityPoster;
  // discord.js paces reactions on its own queue; this keeps stop() from leaving them behind.
  private readonly reactions: ReactionsInFlight;
  private readonly receiver: DiscordReceiver;
  private readonly history: DiscordHistory;
  private readonly catchUp: ReconnectCatchUp;
  private running = false;
  // Why the gateway last closed, for the loss line: a close code, or Discord's opcode 9.
  private closeReason: string | undefined;

  constructor(
    private readonly config: DiscordConfig,
    private readonly log: Logger = silentLogger,
    clock: Clock = new SystemClock(),
  ) {
    this.community = discordAddress.community(config.guildId);
    this.guildId = config.guildId;
    this.defaultChannel = discordAddress.channel(config.guildId, config.channelId);
    const allowance = { burst: config.postBurst, refillMs: config.postIntervalMs };
    this.poster = new PriorityPoster(allowance, clock, discordRetryPolicy(log));
    this.reactions = new ReactionsInFlight(
      {
        // Applause stands in for reactions: it yields to every other post.
        applaud: async (channel, text) => {
          await this.send(this.channelId(channel), { kind: 'notice', text }, undefined, 'low');
        },
        onError: (error) => this.log.warn('A Discord applause post failed', { error: describeDiscordError(error) }),
        maxLength: DISCORD_LIMITS.messageLength,
      },
      clock,
    );
    this.client = createDiscordClient(config);
    const settings = { guildId: config.guildId, hostRoleId: config.hostRoleId, answerBudgetMs: config.answerBudgetMs };
    this.receiver = new DiscordReceiver(this.client, settings, log);
    this.history = new DiscordHistory({
      rest: this.client.rest,
      retry: (what, call) => withDiscordRetry(what, call, log),
      guildId: config.guildId,
      selfId: () => this.client.user?.id,
      isHost: (message) => this.receiver.isHost(message),
    });
    this.client.on(Events.Error, (error) =>
      this.log.error('Discord client error', { error: describeDiscordError(error) }),
    );
    // discord.js gives up only on close codes that need a person (a reset token, an intent switched off).
    this.client.on(Events.ShardDisconnect, (event) => {
      if (this.running)
        this.log.error(
          `Discord closed the connection for good: ${explainLoginError(new Error(`close code ${event.code}`)).message}`,
        );
    });
    this.catchUp = new ReconnectCatchUp({
      platform: 'Discord',
      fetchHistory: (channel, since, threads) => this.readHistory(channel, since, threads),
      deliver: (message) => this.receiver.deliverFromHistory(message),
      defaultChannel: () => this.defaultChannel,
      log,
    });
    this.watchConnection();
    this.client.rest.on(RESTEvents.Response, (request, response) => {
      if (request.method !== 'POST' || !/\/channels\/\d+\/messages$/.test(request.path)) return;
      // Discord's own count of posts left in the channel's window keeps our allowance honest.
      const remaining = response.headers.get('x-ratelimit-remaining');
      const resetAfter = response.headers.get('x-ratelimit-reset-after');
      if (remaining !== null && resetAfter !== null) this.poster.sync(Number(remaining), Number(resetAfter) * 1000);
    });
  }

  /** The discord.js client, for tests and tools that need more of Discord than the port offers. */
  get discord(): Client {
    return this.client;
  }

  /** Connects, checks the server and channel are reachable, and registers `/emcee` for the server. */
  async start(inbound: ChatInbound): Promise<void> {
    this.receiver.open(inbound);
    await connectDiscord(this.client, this.config.token, this.config.readyTimeoutMs);
    try {
      await this.checkPlace();
    } catch (error) {
      await this.client.destroy();
      throw error;
    }
    if (this.config.registerCommands) {
      await putGuildCommands(this.client.rest, this.client.application!.id, this.config.guildId).catch(
        (error: unknown) =>
          this.log.error(
            'Discord would not register /emcee for the server; invite the bot with the applications.commands scope ' +
              '(see the README). Chats still run on schedule.',
            { error: describeDiscordError(error) },
          ),
      );
    }
    // discord.js's shards exist once connected; their close codes make the loss line say why.
    for (const shard of this.client.ws.shards.values()) {
      shard.on('close', (event: { code: number }) => {
        this.closeReason ??= `the gateway closed with code ${event.code}`;
      });
    }
    this.running = true;
    this.log.info(`Connected to Discord server ${this.config.guildId} as ${this.client.user?.tag ?? 'the bot'}`);
  }

  /**
   * Disconnects from the gateway; resolves once the events already received have been handed on and every
   * acknowledgement has gone out: reactions for up to STOP_DRAIN_MS (reaction-pacer.ts), the rest in
   * applause posts.
   */
  async stop(): Promise<void> {
    this.running = false;
    try {
      // Events stop being handed on first, so every answer's reaction is queued before the drain; REST (and
      // its token, which client.destroy() clears) serves the reactions and applause until it is over.
      await this.receiver.close();
      await this.reactions.stop();
    } finally {
      await this.client.destroy();
    }
  }

  // ---- outbound -----------------------------------------------------------------------------------

  /** Posts in a channel; a question comes as an embed and, when asked for, opens a thread. */
  async post(channel: ChannelAddress, message: OutboundMessage): Promise<PostedMessage> {
    const channelId = this.channelId(channel);
    const direct = isDirectAddress(channel);
    // A chat posted in a DM (a rehearsal, maybe resumed after a restart) hears the person there.
    if (direct) this.receiver.hearDirect(channelId);
    const sent = await this.send(channelId, message);
    // A DM has no threads: answers there come as messages and replies.
    if (!direct && message.question && (message.question.openThread || this.config.threadsPerQuestion)) {
      await this.openThread(channelId, sent.id, message.question);
    }
    const address = discordAddress.message(direct ? DIRECT : this.config.guildId, sent.channel_id, sent.id);
    if (message.kind === 'question') this.catchUp.noteQuestion(channel, address);
    else this.catchUp.noteChannel(channel);
    return { address };
  }

  /** Replies in the message's own channel or thread, as a Discord reply that does not ping its author. */
  async reply(to: MessageAddress, message: OutboundMessage): Promise<PostedMessage> {
    const ref = parseDiscordMessage(to);
    const sent = await this.send(ref.channel, message, ref.message);
    return { address: discordAddress.message(ref.guild, sent.channel_id, sent.id) };
  }

  /** Adds the bot's reaction; discord.js paces it on the reactions route, apart from posts. */
  async react(to: MessageAddress, reaction: Reaction): Promise<void> {
    const ref = parseDiscordMessage(to);
    const route = Routes.channelMessageOwnReaction(ref.channel, ref.message, encodeURIComponent(reaction.unicode));
    const seen = this.receiver.authorOf(to);
    await this.reactions.add({
      channel: seen?.channel ?? discordAddress.channel(ref.guild, ref.channel),
      // Someone who asked to be quiet is named, not mentioned, in an applause.
      mention: seen ? (reaction.quietName ?? this.mention(seen.author)) : '',
      // Without the author an applause would thank nobody: such a reaction is waited for instead.
      ...(reaction.applause && seen ? { applause: reaction.applause } : {}),
      // Adding a reaction the bot already added changes nothing: safe to try again. One folded into an
      // applause (aborted) is not tried again: any failure after the abort is the abort.
      send: (signal) =>
        withDiscordRetry(
          'reaction',
          async () => {
            signal.throwIfAborted();
            try {
              await this.client.rest.put(route, { signal });
            } catch (error) {
              signal.throwIfAborted();
              throw error;
            }
          },
          this.log,
        ),
    });
  }

  /** `<@id>`, which pings only when the message's allowed_mentions lists the user (Discord shows the name itself). */
  mention(user: UserAddress, _displayName?: string): string {
    return `<@${discordUserId(user)}>`;
  }

  /** Participant text that can no longer ping anyone. */
  quote(text: string): string {
    return neutraliseMentions(text);
  }

  /** A Discord timestamp each member reads in their own timezone (no fallback needed). */
  formatTime(at: number, _fallback?: string): string {
    return discordTimestamp(at);
  }

  /** The person's server nickname, display name or username (a guest picked in a form). */
  async displayNameOf(user: UserAddress): Promise<string> {
    return discordDisplayName(this.client, this.config.guildId, discordUserId(user));
  }

  /** Whether a member hosts this server now (the host role, Manage Events, Administrator), asked afresh. */
  async isHost(user: UserAddress): Promise<boolean> {
    if (!user.startsWith(`${discordAddress.community(this.config.guildId)}:`)) return false;
    return this.receiver.isHostNow(discordUserId(user));
  }

  /** A channel id as a host copies it from Discord. */
  resolveChannel(id: string): ChannelAddress {
    return discordAddress.channel(this.config.guildId, id);
  }

  /**
   * The bot's DM with a member (POST /users/@me/channels: the same channel on every call), for a rehearsal:
   * posts go there and what the member writes there is heard (the DirectMessages intent).
   */
  async openDirectChannel(user: UserAddress): Promise<ChannelAddress> {
    const open = () => this.client.rest.post(Routes.userChannels(), { body: { recipient_id: discordUserId(user) } });
    const { id } = discordIdSchema.parse(await withDiscordRetry('DM channel', open, this.log));
    this.receiver.hearDirect(id);
    return discordAddress.directChannel(id);
  }

  /** A Scheduled Event (external, located at the channel) members can mark "Interested". */
  async announceRun(run: RunAnnouncement): Promise<string> {
    return createScheduledEvent(this.client.rest, this.config.guildId, run);
  }

  /** Moves an announcement and/or sets its status, with one PATCH (members keep their "Interested"). */
  async updateAnnouncement(id: string, change: AnnouncementChange): Promise<void> {
    await changeScheduledEvent(this.client.rest, this.config.guildId, id, change);
  }

  /** The Scheduled Event already made for a run (same channel and start), if Discord has one. */
  async findAnnouncement(run: RunAnnouncement): Promise<string | undefined> {
    return findScheduledEvent(this.client.rest, this.config.guildId, run);
  }

  /** Deletes an announcement; one already deleted counts as withdrawn. */
  async withdrawAnnouncement(id: string): Promise<void> {
    await deleteScheduledEvent(this.client.rest, this.config.guildId, id);
  }

  /** A direct message to each host of DISCORD_HOST_IDS, the files attached. */
  async notifyHosts(notice: HostNotice): Promise<HostNoticeResult> {
    return notifyDiscordHosts(this.client.rest, this.config.hostIds, notice, this.log);
  }

  /** Posts a notice with files (attachments) in a channel. */
  async shareFiles(channel: ChannelAddress, notice: HostNotice): Promise<void> {
    await postNoticeIn(this.client.rest, parseDiscordChannel(channel).channel, notice, this.log);
  }

  /** Messages in the channel, its active threads and the threads of `threads` since `since`, oldest first. */
  async fetchHistory(channel: ChannelAddress, since: number, threads: MessageAddress[] = []): Promise<HistoryResult> {
    // A restart's catch-up names the chat's channel and questions: a reconnect later reads them again.
    for (const question of threads) this.catchUp.noteQuestion(channel, question);
    this.catchUp.noteChannel(channel);
    if (isDirectAddress(channel)) this.receiver.hearDirect(this.channelId(channel));
    return this.readHistory(channel, since, threads);
  }

  private async readHistory(channel: ChannelAddress, since: number, threads: MessageAddress[]): Promise<HistoryResult> {
    const channelId = this.channelId(channel);
    // A thread started from a message has the message's id.
    const threadIds = threads
      .map(parseDiscordMessage)
      .filter((ref) => ref.channel === channelId)
      .map((ref) => ref.message);
    return this.history.fetch(channelId, since, threadIds, isDirectAddress(channel));
  }

  /** The bot's own post in the channel since `since` that starts like `text`, if Discord has one. */
  async findOwnPost(channel: ChannelAddress, since: number, text: string): Promise<MessageAddress | undefined> {
    return this.history.findOwnPost(this.channelId(channel), since, text, isDirectAddress(channel));
  }

  // A resumed session gets what it missed replayed by Discord; a new one (after opcode 9, or close code 4009
  // once the resume is refused) does not, so the adapter reads it from history. Only after start-up.
  private watchConnection(): void {
    // @discordjs/ws reports opcode 9 only in its debug output; the client then closes with 1000 itself.
    this.client.on(Events.Debug, (line) => {
      if (!line.includes('Invalid session; will attempt to resume: false')) return;
      this.closeReason ??= 'Discord invalidated the session';
    });
    this.client.on(Events.ShardReconnecting, () => {
      const reason = this.closeReason ?? 'the gateway closed';
      this.closeReason = undefined;
      if (this.running) this.catchUp.lost(reason);
    });
    this.client.on(Events.ShardResume, (_shard, replayed) => {
      if (this.running) this.catchUp.resumed(`session resumed, Discord replayed ${replayed} event(s)`);
    });
    this.client.on(Events.ShardReady, () => {
      if (!this.running) return;
      void this.catchUp.freshSession('Discord identified afresh');
    });
  }

  private async send(
    channelId: string,
    message: OutboundMessage,
    replyTo?: string,
    priority: PostPriority = POST_PRIORITY[message.kind],
  ): Promise<{ id: string; channel_id: string }> {
    // With enforce_nonce Discord answers a second try of the same post with the message the first one made,
    // so a retry after a reset connection never posts twice.
    const body = { ...messageBody(message, replyTo), nonce: randomBytes(12).toString('hex'), enforce_nonce: true };
    const answer = await this.poster.enqueue(
      priority,
      () => this.client.rest.post(Routes.channelMessages(channelId), { body }),
      { what: `Discord post (${message.kind})` },
    );
    return discordPostedMessageSchema.parse(answer);
  }

  // The thread gets the question message's id, which is how replies in it find their question.
  private async openThread(channelId: string, messageId: string, question: QuestionDetails): Promise<void> {
    const body = { name: threadName(question), auto_archive_duration: 1440 };
    const open = () => this.client.rest.post(Routes.threads(channelId, messageId), { body });
    await withDiscordRetry('thread', open, this.log)
      .catch((error: unknown) => {
        // A retry whose first try did open the thread.
        if ((error as { code?: unknown }).code === THREAD_ALREADY_CREATED) return;
        throw error;
      })
      .catch((error: unknown) =>
        this.log.warn('Could not open a thread for the question; answers in the channel still count', {
          error: describeDiscordError(error),
        }),
      );
  }

  private channelId(channel: ChannelAddress): string {
    const { guild, channel: id } = parseDiscordChannel(channel);
    if (guild !== this.config.guildId && guild !== DIRECT) {
      throw new Error(`${channel} is not in the configured Discord server ${this.config.guildId}`);
    }
    return id;
  }

  // A wrong id should stop start-up with the variable to fix, not fail at the first question.
  private async checkPlace(): Promise<void> {
    const guild = this.client.guilds.cache.get(this.config.guildId);
    if (!guild) {
      throw new UserError(
        'PLATFORM_PLACE_UNKNOWN',
        `The bot is not in the server DISCORD_GUILD_ID=${this.config.guildId}: check the id, ` +
          'or invite the bot with the URL in the README.',
      );
    }
    const channel =
      guild.channels.cache.get(this.config.channelId) ??
      (await guild.channels.fetch(this.config.channelId).catch(() => null));
    if (!channel?.isTextBased()) {
      throw new UserError(
        'PLATFORM_PLACE_UNKNOWN',
        `DISCORD_CHANNEL_ID=${this.config.channelId} is not a text channel the bot can see in that server: ` +
          "check the id and the channel's permissions.",
      );
    }
  }
}

// Discord's "A thread has already been created for this message".
const THREAD_ALREADY_CREATED = 160004;

/** Creates the Discord adapter from validated settings; `clock` paces posts (tests pass a manual one). */
export function createDiscordAdapter(
  config: DiscordConfig,
  log: Logger = silentLogger,
  clock: Clock = new SystemClock(),
): DiscordAdapter {
  return new DiscordAdapter(config, log, clock);
}
