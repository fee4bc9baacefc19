import { DiscordAPIError, GatewayDispatchEvents, Routes, type Client } from 'discord.js';
import type { Logger } from '../../src/log.js';
import type {
  ChannelAddress,
  ChatInbound,
  CommandReply,
  InboundMessage,
  MessageAddress,
  UserAddress,
} from '../../src/port.js';
import { RecentKeys } from '../shared/recent-keys.js';
import { discordAddress } from './discord-addresses.js';
import { describeDiscordError } from './discord-error-text.js';
import { guildPermissions, isDiscordHost } from './discord-hosts.js';
import { UNKNOWN_MEMBER } from './discord-names.js';
import {
  isIgnored,
  readCommand,
  readDelete,
  readEdit,
  readMessage,
  toInboundMessage,
  type ReadContext,
} from './discord-inbound.js';
import { discordChannelSchema, THREAD_TYPES, type DiscordMessage } from './discord-payloads.js';
import { cachedNames, DiscordUi } from './discord-ui.js';

// Far more answers than a chat's acknowledgements could lag behind.
const REMEMBERED_AUTHORS = 20_000;

/** What the receiver needs to know about the adapter's settings. */
export interface ReceiverSettings {
  /** The configured guild. */
  guildId: string;
  /** The host role, if configured. */
  hostRoleId: string | undefined;
  /** How long a command or click waits for the core before it is answered anyway (see discord-ui.ts). */
  answerBudgetMs?: number;
}

/**
 * Turns gateway dispatches into calls on the core's inbound handle. It reads the raw payloads discord.js
 * forwards (validated with zod, see discord-inbound.ts) rather than discord.js's objects, so one parser
 * serves the gateway, REST history and the documented fixtures. Messages, edits and deletes are handed on
 * one at a time in arrival order — an edit never overtakes the message it edits, even when finding a
 * thread's parent takes a REST call; slash commands run beside them, so a long `/emcee end` holds up
 * nothing.
 */
export class DiscordReceiver {
  private inbound: ChatInbound | undefined;
  private queue: Promise<void> = Promise.resolve();
  private readonly commands = new Set<Promise<void>>();
  // Thread id → parent channel id (null: not a thread). Threads never change parent.
  private readonly threadParents = new Map<string, string | null>();
  // Messages handed on, so a catch-up from history after a reconnect hands on only what was missed.
  private readonly delivered = new RecentKeys();
  // Who wrote the messages handed on, so an applause standing in for their reactions can name them.
  private readonly authors = new Map<string, { author: UserAddress; channel: ChannelAddress }>();
  // Forms, buttons and paged lists: clicks and submitted modals, and how a command's reply is shown.
  private readonly ui: DiscordUi;
  // The DMs Emcee opened for rehearsals (or posts a chat in): the only direct messages handed on.
  private readonly directChannels = new Set<string>();

  constructor(
    private readonly client: Client,
    private readonly settings: ReceiverSettings,
    private readonly log: Logger,
  ) {
    this.ui = new DiscordUi({
      rest: client.rest,
      guildId: settings.guildId,
      hostRoleId: settings.hostRoleId,
      inbound: () => this.inbound,
      chatChannel: async (channelId, parentId) => parentId ?? (await this.threadParent(channelId)) ?? channelId,
      names: cachedNames(client, settings.guildId),
      log,
      ...(settings.answerBudgetMs === undefined ? {} : { answerBudgetMs: settings.answerBudgetMs }),
    });
    const ws = client.ws;
    ws.on(GatewayDispatchEvents.MessageCreate, (data: unknown) => this.inOrder(() => this.onMessage(data)));
    ws.on(GatewayDispatchEvents.MessageUpdate, (data: unknown) => this.inOrder(() => this.onEdit(data)));
    ws.on(GatewayDispatchEvents.MessageDelete, (data: unknown) => this.inOrder(() => this.onDelete(data)));
    ws.on(GatewayDispatchEvents.InteractionCreate, (data: unknown) => this.beside(() => this.onInteraction(data)));
  }

  /** The author and chat channel of a message handed on lately, if this process handed it on. */
  authorOf(address: MessageAddress): { author: UserAddress; channel: ChannelAddress } | undefined {
    return this.authors.get(address);
  }

  /** Hands on what a person writes in this DM from now on (a rehearsal's; other DMs stay unheard). */
  hearDirect(channelId: string): void {
    this.directChannels.add(channelId);
  }

  /** Starts handing events to `inbound`. */
  open(inbound: ChatInbound): void {
    this.inbound = inbound;
  }

  /** Stops handing events on; resolves once those already received have been handled. */
  async close(): Promise<void> {
    await this.queue;
    await Promise.all([...this.commands]);
    this.inbound = undefined;
  }

  /**
   * Hands on a message read from history after a reconnect, in line with live events, unless it was
   * already handed on; resolves true when it was handed on now.
   */
  deliverFromHistory(message: InboundMessage): Promise<boolean> {
    return new Promise((resolve) => {
      this.inOrder(async () => {
        let handed = false;
        try {
          handed = await this.handOn(message);
        } finally {
          resolve(handed);
        }
      });
    });
  }

  /** Whether a message's author may host; history messages carry no member, so their roles are looked up. */
  async isHost(message: DiscordMessage): Promise<boolean> {
    const roles = message.member?.roles ?? (await this.memberRoles(message.author.id));
    return this.rolesMakeHost(message.author.id, roles);
  }

  /** The parent channel of a thread, or undefined for a channel that is not a thread. */
  async threadParent(channelId: string, channelType?: number): Promise<string | undefined> {
    if (channelType !== undefined && !THREAD_TYPES.has(channelType)) return undefined;
    if (!this.threadParents.has(channelId)) {
      // discord.js has already applied THREAD_CREATE and GUILD_CREATE's thread list; otherwise ask.
      const cached = this.client.channels.cache.get(channelId);
      const parent = cached
        ? cached.isThread()
          ? cached.parentId
          : null
        : await this.client.rest.get(Routes.channel(channelId)).then((raw) => {
            const channel = discordChannelSchema.parse(raw);
            return THREAD_TYPES.has(channel.type) ? (channel.parent_id ?? null) : null;
          });
      this.threadParents.set(channelId, parent);
    }
    return this.threadParents.get(channelId) ?? undefined;
  }

  private get context(): ReadContext {
    const hearsDirect = (id: string) => this.directChannels.has(id);
    return { guildId: this.settings.guildId, selfId: this.client.user?.id, hearsDirect };
  }

  private inOrder(handle: () => Promise<void>): void {
    this.queue = this.queue
      .then(handle)
      .catch((error: unknown) =>
        this.log.error('A Discord event could not be handled', { error: describeDiscordError(error) }),
      );
  }

  private beside(handle: () => Promise<void>): void {
    const running = handle()
      .catch((error: unknown) =>
        this.log.error('A Discord command could not be answered', { error: describeDiscordError(error) }),
      )
      .finally(() => this.commands.delete(running));
    this.commands.add(running);
  }

  private async onMessage(data: unknown): Promise<void> {
    const read = readMessage(data, this.context);
    if (isIgnored(read)) return this.log.debug(`Discord: left out ${read.ignored}`);
    if (!this.inbound) return;
    const { message, direct } = read;
    const { guildId } = this.settings;
    // A DM has no guild member to read roles from, so no host flag; in a rehearsal's DM the core counts the
    // host's answers as a participant's anyway (answer-intake.ts). DMs have no threads.
    if (direct) {
      await this.handOn(toInboundMessage(message, { guildId, threadParent: undefined, isHost: false, direct }));
      return;
    }
    const threadParent = await this.threadParent(message.channel_id, message.channel_type);
    const isHost = await this.isHost(message);
    await this.handOn(toInboundMessage(message, { guildId, threadParent, isHost }));
  }

  // Once per address; a failure frees the address, so a later delivery gets another chance.
  private async handOn(message: InboundMessage): Promise<boolean> {
    const inbound = this.inbound;
    if (!inbound || !this.delivered.claim(message.id)) return false;
    this.authors.set(message.id, { author: message.author.id, channel: message.channel });
    if (this.authors.size > REMEMBERED_AUTHORS) this.authors.delete(this.authors.keys().next().value!);
    try {
      await inbound.handleMessage(message);
      return true;
    } catch (error) {
      this.delivered.release(message.id);
      throw error;
    }
  }

  private async onEdit(data: unknown): Promise<void> {
    const edit = readEdit(data, this.context);
    if (isIgnored(edit)) return this.log.debug(`Discord: left out ${edit.ignored}`);
    await this.inbound?.handleEdit(edit);
  }

  private async onDelete(data: unknown): Promise<void> {
    const deleted = readDelete(data, this.context);
    if (isIgnored(deleted)) return this.log.debug(`Discord: left out ${deleted.ignored}`);
    await this.inbound?.handleDelete(deleted.id);
  }

  private async onInteraction(data: unknown): Promise<void> {
    if (DiscordUi.handles(data)) return this.inbound ? this.ui.handle(data) : undefined;
    const command = readCommand(data, { ...this.context, hostRoleId: this.settings.hostRoleId });
    if (isIgnored(command)) return this.log.debug(`Discord: left out ${command.ignored}`);
    const inbound = this.inbound;
    if (!inbound) return;
    // A modal can only be the first answer, so the core is asked first (within Discord's 3 s; see discord-ui.ts).
    await this.ui.answerCommand(command.interaction, async () => {
      // A command given inside a question's thread concerns the chat in the thread's channel.
      const channelId = command.parentId ?? (await this.threadParent(command.channelId)) ?? command.channelId;
      try {
        return await inbound.handleCommand({
          channel: discordAddress.channel(this.settings.guildId, channelId),
          community: discordAddress.community(this.settings.guildId),
          by: command.by,
          name: command.name,
          args: command.args,
        });
      } catch (error) {
        this.log.error(`/emcee ${command.name} failed`, { error: describeDiscordError(error) });
        const text = 'Something went wrong with that command; the details are in Emcee’s log.';
        return { ok: false, text } satisfies CommandReply;
      }
    });
  }

  /**
   * Whether a member hosts the server now, their roles fetched afresh (not from the cache), so a role taken away
   * counts at once; someone who left is no host. Rejects when Discord cannot be asked.
   */
  async isHostNow(userId: string): Promise<boolean> {
    const guild = this.client.guilds.cache.get(this.settings.guildId);
    if (!guild) throw new Error('Emcee is not connected to the Discord server yet');
    const member = await guild.members.fetch({ user: userId, force: true }).catch((error: unknown) => {
      if (error instanceof DiscordAPIError && error.code === UNKNOWN_MEMBER) return undefined;
      throw error;
    });
    if (!member) return false;
    return this.rolesMakeHost(
      userId,
      [...member.roles.cache.keys()].filter((id) => id !== this.settings.guildId),
    );
  }

  private async memberRoles(userId: string): Promise<string[]> {
    const guild = this.client.guilds.cache.get(this.settings.guildId);
    // discord.js keeps members it has seen (every MESSAGE_CREATE carries one) and fetches the rest.
    const member = await guild?.members.fetch(userId).catch(() => undefined);
    return member ? [...member.roles.cache.keys()].filter((id) => id !== this.settings.guildId) : [];
  }

  private rolesMakeHost(userId: string, roles: readonly string[]): boolean {
    const guild = this.client.guilds.cache.get(this.settings.guildId);
    const permissions = guildPermissions(
      roles,
      (roleId) => guild?.roles.cache.get(roleId)?.permissions.bitfield,
      this.settings.guildId,
      guild?.ownerId === userId,
    );
    return isDiscordHost({ roles, permissions }, this.settings.hostRoleId);
  }
}
