import {
  ChannelType,
  Client,
  EmbedBuilder,
  Events,
  GuildScheduledEventEntityType,
  GuildScheduledEventPrivacyLevel,
  GatewayIntentBits,
  MessageFlags,
  Partials,
  PermissionFlagsBits,
  RESTEvents,
  type ChatInputCommandInteraction,
  type GuildMember,
  type Interaction,
  type Message,
  type PartialMessage,
  type SendableChannels,
  type TextBasedChannel,
} from 'discord.js';
import type { Logger } from '../../src/log.js';
import type {
  ChannelAddress,
  ChatInbound,
  HistoryResult,
  InboundAuthor,
  InboundMessage,
  MessageAddress,
  OutboundMessage,
  PlatformAdapter,
  PostedMessage,
  Reaction,
  RunAnnouncement,
  UserAddress,
} from '../../src/port.js';
import { discordAddress, discordUserId, parseDiscordChannel, parseDiscordMessage, snowflakeAt } from './discord-addresses.js';
import { EMCEE_COMMAND } from './discord-commands.js';
import type { DiscordConfig } from './discord-config.js';
import { POST_PRIORITY } from '../shared/post-priority.js';
import { PriorityPoster } from '../shared/priority-poster.js';
import { discordTimestamp, neutraliseMentions } from './discord-text.js';

const HISTORY_PAGES = 10;

/**
 * Emcee on Discord through discord.js: questions as embeds (optionally with a thread each), answers from
 * the channel and its threads, `/emcee` slash commands, and allowed_mentions on every message so only the
 * people meant are pinged. discord.js itself queues REST calls per route and waits out 429s.
 */
export class DiscordAdapter implements PlatformAdapter {
  readonly name = 'discord';
  readonly limits = { messageLength: 2000, mentionsPerMessage: 100 };
  private readonly client: Client;
  // discord.js queues per route in arrival order; ours lets a question overtake queued welcomes.
  private readonly poster: PriorityPoster;
  private inbound: ChatInbound | undefined;

  constructor(
    private readonly config: DiscordConfig,
    private readonly log: Logger,
  ) {
    this.poster = new PriorityPoster({ burst: config.postBurst, refillMs: config.postIntervalMs });
    this.client = new Client({
      intents: [
        GatewayIntentBits.Guilds,
        GatewayIntentBits.GuildMessages,
        GatewayIntentBits.MessageContent,
        GatewayIntentBits.GuildMessageReactions,
      ],
      partials: [Partials.Message, Partials.Channel],
      allowedMentions: { parse: [] },
      ...(config.apiUrl ? { rest: { api: config.apiUrl } } : {}),
    });
    this.client.on(Events.MessageCreate, (message) => void this.onMessage(message).catch((error: unknown) => this.fail('messageCreate', error)));
    this.client.on(Events.MessageUpdate, (_old, message) => void this.onEdit(message).catch((error: unknown) => this.fail('messageUpdate', error)));
    this.client.on(Events.MessageDelete, (message) => void this.onDelete(message).catch((error: unknown) => this.fail('messageDelete', error)));
    this.client.on(Events.InteractionCreate, (interaction) => void this.onInteraction(interaction).catch((error: unknown) => this.fail('interaction', error)));
    this.client.on(Events.Error, (error) => this.fail('client', error));
    this.client.rest.on(RESTEvents.Response, (request, response) => {
      if (request.method !== 'POST' || !/\/channels\/\d+\/messages$/.test(request.path)) return;
      const remaining = response.headers.get('x-ratelimit-remaining');
      const resetAfter = response.headers.get('x-ratelimit-reset-after');
      if (remaining !== null && resetAfter !== null) this.poster.sync(Number(remaining), Number(resetAfter) * 1000);
    });
  }

  get community(): string {
    return `discord:${this.config.guildId}`;
  }

  get defaultChannel(): ChannelAddress {
    return discordAddress.channel(this.config.guildId, this.config.channelId);
  }

  /** The discord.js client, for tests and for Scheduled Events. */
  get discord(): Client {
    return this.client;
  }

  async start(inbound: ChatInbound): Promise<void> {
    this.inbound = inbound;
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('Discord did not get ready in time')), this.config.readyTimeoutMs);
      this.client.once(Events.ClientReady, () => {
        clearTimeout(timer);
        resolve();
      });
      // A disallowed intent closes the gateway with 4014 before READY; discord.js reports it as an error.
      this.client.ws.on('error' as never, (error: Error) => {
        clearTimeout(timer);
        reject(error);
      });
      this.client.once(Events.Error, (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    try {
      await this.client.login(this.config.token);
      await ready;
    } catch (error) {
      await this.client.destroy().catch(() => undefined);
      throw explainLoginError(error);
    }
    if (this.config.registerCommands) await registerDiscordCommands(this.client, this.config.guildId);
    this.log.info(`Connected to Discord server ${this.config.guildId} as ${this.client.user?.tag ?? 'the bot'}`);
  }

  async stop(): Promise<void> {
    await this.client.destroy();
  }

  // ---- outbound -----------------------------------------------------------------------------------

  async post(channel: ChannelAddress, message: OutboundMessage): Promise<PostedMessage> {
    const target = await this.sendable(parseDiscordChannel(channel).channel);
    const sent: Message = await this.poster.enqueue<Message>(POST_PRIORITY[message.kind], () => target.send(this.render(message)));
    if (message.question?.openThread && 'startThread' in sent) {
      await sent
        .startThread({ name: `Q${message.question.number}: ${message.question.text}`.slice(0, 100), autoArchiveDuration: 1440 })
        .catch((error: unknown) => this.log.warn('Could not open a thread for the question', { error }));
    }
    return { address: discordAddress.message(this.config.guildId, sent.channelId, sent.id) };
  }

  async reply(to: MessageAddress, message: OutboundMessage): Promise<PostedMessage> {
    const ref = parseDiscordMessage(to);
    const target = await this.sendable(ref.channel);
    const sent: Message = await this.poster.enqueue<Message>(POST_PRIORITY[message.kind], () =>
      target.send({ ...this.render(message), reply: { messageReference: ref.message, failIfNotExists: false } }),
    );
    return { address: discordAddress.message(this.config.guildId, sent.channelId, sent.id) };
  }

  async react(to: MessageAddress, reaction: Reaction): Promise<void> {
    const ref = parseDiscordMessage(to);
    const channel = await this.sendable(ref.channel);
    await (channel as TextBasedChannel).messages.react(ref.message, reaction.unicode);
  }

  mention(user: UserAddress): string {
    return `<@${discordUserId(user)}>`;
  }

  quote(text: string): string {
    return neutraliseMentions(text);
  }

  formatTime(at: number): string {
    return discordTimestamp(at);
  }

  resolveChannel(id: string): ChannelAddress {
    return discordAddress.channel(this.config.guildId, id);
  }

  /** A Scheduled Event (external, located at the channel) members can mark "Interested". */
  async announceRun(run: RunAnnouncement): Promise<string> {
    const guild = await this.client.guilds.fetch(this.config.guildId);
    const channelId = parseDiscordChannel(run.channel).channel;
    const event = await guild.scheduledEvents.create({
      name: run.title.slice(0, 100),
      description: run.description.slice(0, 1000),
      scheduledStartTime: new Date(run.start),
      scheduledEndTime: new Date(run.end),
      privacyLevel: GuildScheduledEventPrivacyLevel.GuildOnly,
      entityType: GuildScheduledEventEntityType.External,
      entityMetadata: { location: `https://discord.com/channels/${this.config.guildId}/${channelId}` },
    });
    return event.id;
  }

  async withdrawAnnouncement(id: string): Promise<void> {
    const guild = await this.client.guilds.fetch(this.config.guildId);
    await guild.scheduledEvents.delete(id);
  }

  async fetchHistory(channel: ChannelAddress, since: number): Promise<HistoryResult> {
    const parentId = parseDiscordChannel(channel).channel;
    const messages: InboundMessage[] = [];
    let incomplete: string | undefined;
    const sources: string[] = [parentId];
    try {
      const guild = await this.client.guilds.fetch(this.config.guildId);
      const active = await guild.channels.fetchActiveThreads();
      for (const thread of active.threads.values()) if (thread.parentId === parentId) sources.push(thread.id);
    } catch (error) {
      incomplete = `threads could not be listed (${(error as Error).message})`;
    }
    for (const source of sources) {
      const target = (await this.sendable(source)) as TextBasedChannel;
      let after = snowflakeAt(since);
      for (let page = 0; ; page++) {
        if (page >= HISTORY_PAGES) {
          incomplete = `history beyond ${HISTORY_PAGES * 100} messages per channel was not fetched`;
          break;
        }
        const batch = await target.messages.fetch({ after, limit: 100, cache: false });
        const sorted = [...batch.values()].sort((a, b) => a.createdTimestamp - b.createdTimestamp);
        for (const message of sorted) {
          const inbound = await this.toInbound(message);
          if (inbound) messages.push(inbound);
        }
        if (batch.size < 100) break;
        after = sorted.at(-1)!.id;
      }
    }
    messages.sort((a, b) => a.ts - b.ts);
    return incomplete ? { messages, incomplete } : { messages };
  }

  async findOwnPost(channel: ChannelAddress, since: number, text: string): Promise<MessageAddress | undefined> {
    const target = (await this.sendable(parseDiscordChannel(channel).channel)) as TextBasedChannel;
    const batch = await target.messages.fetch({ after: snowflakeAt(since), limit: 100, cache: false });
    const found = [...batch.values()].find(
      (m) => m.author.id === this.client.user?.id && m.content !== '' && (text.startsWith(m.content) || m.content.startsWith(text)),
    );
    return found ? discordAddress.message(this.config.guildId, found.channelId, found.id) : undefined;
  }

  private render(message: OutboundMessage) {
    const allowedMentions = { parse: [] as [], users: (message.mentions ?? []).map(discordUserId), repliedUser: false };
    if (!message.question) return { content: message.text.slice(0, this.limits.messageLength), allowedMentions };
    const { number, text, hashtag, hint } = message.question;
    const embed = new EmbedBuilder()
      .setTitle(`Q${number} · ${hashtag}`)
      .setDescription(`**${text}**`.slice(0, 4096))
      .setFooter({ text: hint.slice(0, 2048) })
      .setColor(0x3b5bdb);
    // The first line (e.g. "Q1: … #Chat") stays as plain text for clients that hide embeds.
    return { content: message.text.split('\n')[0]!.slice(0, this.limits.messageLength), embeds: [embed], allowedMentions };
  }

  private async sendable(channelId: string): Promise<SendableChannels> {
    const channel = this.client.channels.cache.get(channelId) ?? (await this.client.channels.fetch(channelId));
    if (!channel || !channel.isSendable()) throw new Error(`Discord channel ${channelId} is not a text channel Emcee can post in.`);
    return channel;
  }

  // ---- inbound ------------------------------------------------------------------------------------

  private async onMessage(message: Message): Promise<void> {
    const inbound = await this.toInbound(message);
    if (inbound) await this.inbound?.handleMessage(inbound);
  }

  // A message in the chat's channel or one of its threads, in the core's shape; bots are left out.
  private async toInbound(message: Message): Promise<InboundMessage | undefined> {
    if (message.author.bot || message.guildId !== this.config.guildId) return undefined;
    const channel = message.channel;
    const inThread = channel.type === ChannelType.PublicThread || channel.type === ChannelType.PrivateThread;
    const parentId = inThread ? (channel.parentId ?? channel.id) : channel.id;
    const reference = message.reference?.messageId;
    // In a thread started from a question, the thread id is the question's message id.
    const replyTo = reference
      ? discordAddress.message(this.config.guildId, message.reference?.channelId ?? channel.id, reference)
      : inThread
        ? discordAddress.message(this.config.guildId, parentId, channel.id)
        : undefined;
    return {
      id: discordAddress.message(this.config.guildId, channel.id, message.id),
      channel: discordAddress.channel(this.config.guildId, parentId),
      community: this.community,
      author: this.author(message.author.id, message.member, message.author.globalName ?? message.author.username),
      text: message.content,
      ts: message.createdTimestamp,
      ...(replyTo ? { replyTo } : {}),
    };
  }

  private async onEdit(message: Message | PartialMessage): Promise<void> {
    if (message.author?.bot || message.content === null || message.guildId !== this.config.guildId) return;
    await this.inbound?.handleEdit({
      id: discordAddress.message(this.config.guildId, message.channelId, message.id),
      text: message.content,
      editedAt: message.editedTimestamp ?? Date.now(),
    });
  }

  private async onDelete(message: Message | PartialMessage): Promise<void> {
    if (message.guildId !== this.config.guildId) return;
    await this.inbound?.handleDelete(discordAddress.message(this.config.guildId, message.channelId, message.id));
  }

  private async onInteraction(interaction: Interaction): Promise<void> {
    if (!interaction.isChatInputCommand() || interaction.commandName !== 'emcee' || !this.inbound) return;
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const reply = await this.inbound.handleCommand({
      channel: discordAddress.channel(this.config.guildId, interaction.channelId),
      community: this.community,
      by: this.commandAuthor(interaction),
      name: interaction.options.getSubcommand(),
      args: commandArgs(interaction),
    });
    await interaction.editReply({ content: reply.text, allowedMentions: { parse: [] } });
  }

  private commandAuthor(interaction: ChatInputCommandInteraction): InboundAuthor {
    const roles = interaction.member && 'roles' in interaction.member ? interaction.member.roles : undefined;
    const roleIds = Array.isArray(roles) ? roles : roles ? [...roles.cache.keys()] : [];
    const isHost =
      Boolean(interaction.memberPermissions?.has(PermissionFlagsBits.ManageEvents)) ||
      (this.config.hostRoleId !== undefined && roleIds.includes(this.config.hostRoleId));
    return {
      id: discordAddress.user(this.config.guildId, interaction.user.id),
      displayName: interaction.user.globalName ?? interaction.user.username,
      isBot: false,
      isHost,
    };
  }

  private author(userId: string, member: GuildMember | null, fallbackName: string): InboundAuthor {
    const isHost =
      (member !== null && this.config.hostRoleId !== undefined && member.roles.cache.has(this.config.hostRoleId)) ||
      Boolean(member?.permissions.has(PermissionFlagsBits.ManageEvents));
    return {
      id: discordAddress.user(this.config.guildId, userId),
      displayName: member?.displayName ?? fallbackName,
      isBot: false,
      isHost,
    };
  }

  private fail(where: string, error: unknown): void {
    this.log.error(`Discord ${where} failed`, { error });
  }
}

function commandArgs(interaction: ChatInputCommandInteraction): string[] {
  const minutes = interaction.options.getInteger('minutes');
  const script = interaction.options.getString('script');
  return [...(script ? [script] : []), ...(minutes !== null ? [String(minutes)] : [])];
}

/** Registers `/emcee` for the guild (a bulk overwrite, so re-running is harmless). */
export async function registerDiscordCommands(client: Client, guildId: string): Promise<void> {
  if (!client.application) throw new Error('Discord did not tell the application id; is the bot logged in?');
  await client.application.commands.set([EMCEE_COMMAND], guildId);
}

/** Creates the Discord adapter from validated settings. */
export function createDiscordAdapter(config: DiscordConfig, log: Logger): DiscordAdapter {
  return new DiscordAdapter(config, log);
}

function explainLoginError(error: unknown): Error {
  const text = error instanceof Error ? `${error.name} ${error.message} ${(error as { code?: string }).code ?? ''}` : String(error);
  if (/disallowed intents/i.test(text)) {
    return new Error(
      'Discord refused the Message Content intent. In the Developer Portal open your application → Bot → ' +
        'Privileged Gateway Intents, switch on MESSAGE CONTENT INTENT and save; Emcee cannot read answers without it.',
    );
  }
  if (/TokenInvalid|invalid token|401|Authentication failed/i.test(text)) {
    return new Error('Discord refused DISCORD_TOKEN: copy the bot token again (Developer Portal → Bot → Reset Token).');
  }
  return error instanceof Error ? error : new Error(text);
}
