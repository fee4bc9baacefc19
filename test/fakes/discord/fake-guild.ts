/** A JSON object as Discord sends it. */
export type Json = Record<string, unknown>;

/** A member of the fake guild. */
export interface FakeMember {
  /** The user id (a snowflake). */
  id: string;
  /** The account name. */
  username: string;
  /** Role ids beyond @everyone. */
  roles?: string[];
  /** A bot account. */
  bot?: boolean;
  /** The display (global) name; by default the username (none for a bot), `null` for an account without one. */
  globalName?: string | null;
  /** A server nickname, shown instead of the username. */
  nick?: string;
  /** Direct messages from server members switched off: the bot's DMs fail with 50007. */
  dmsClosed?: boolean;
}

/** Discord's permission bits the fake hands out. */
export const PERMISSIONS = { MANAGE_EVENTS: 1n << 33n, ADMINISTRATOR: 1n << 3n };
/** Channel types: a guild text channel and a public thread. */
export const CHANNEL_TYPES = { GUILD_TEXT: 0, PUBLIC_THREAD: 11 };

const THREAD_TYPES = new Set([10, 11, 12]);

/**
 * What the fake Discord knows about its one guild — members, roles, channels, threads, messages — and
 * how Discord renders each as JSON (user, member, message, channel, GUILD_CREATE). Shapes follow the
 * documentation's objects, with the fields discord.js reads.
 */
export class FakeGuild {
  readonly guildId = '100000000000000001';
  readonly channelId = '100000000000000002';
  readonly applicationId = '100000000000000003';
  readonly botId = '100000000000000004';
  readonly hostRoleId = '100000000000000005';
  readonly managerRoleId = '100000000000000006';
  readonly otherChannelId = '100000000000000007';
  readonly ownerId = '100000000000000099';
  readonly members = new Map<string, FakeMember>();
  /** Discord users who are not in the server (someone who left): GET /users/:id knows them, the guild does not. */
  readonly outsiders = new Map<string, FakeMember>();
  /** Messages per channel id, oldest first. */
  readonly messages = new Map<string, Json[]>();
  /** Threads by id (a thread started from a message has the message's id). */
  readonly threads = new Map<string, Json>();
  /** Reactions per message id, as "emoji by user id". */
  readonly reactions = new Map<string, string[]>();
  private snowflake = 200000000000000000n;

  constructor() {
    this.members.set(this.botId, { id: this.botId, username: 'emcee', bot: true });
  }

  /** A new snowflake, increasing, whose timestamp bits are now (so `after=` history queries work). */
  nextId(): string {
    const now = (BigInt(Date.now()) - 1_420_070_400_000n) << 22n;
    this.snowflake = now > this.snowflake ? now : this.snowflake + 1n;
    return this.snowflake.toString();
  }

  /** The roles and their permissions: @everyone (no Manage Events), the host role, an events team. */
  roles(): Json[] {
    const role = (id: string, name: string, permissions: bigint, position: number) => ({
      id,
      name,
      permissions: permissions.toString(),
      position,
      color: 0,
      hoist: false,
      managed: false,
      mentionable: false,
      flags: 0,
    });
    return [
      role(this.guildId, '@everyone', 0n, 0),
      role(this.hostRoleId, 'Chat host', 0n, 1),
      role(this.managerRoleId, 'Events team', PERMISSIONS.MANAGE_EVENTS, 2),
    ];
  }

  /** A member's guild permissions, as interactions carry them (computed from roles; the owner has all). */
  permissionsOf(id: string): bigint {
    if (id === this.ownerId) return PERMISSIONS.ADMINISTRATOR | PERMISSIONS.MANAGE_EVENTS;
    const mine = new Set([this.guildId, ...(this.members.get(id)?.roles ?? [])]);
    return this.roles()
      .filter((r) => mine.has(String(r.id)))
      .reduce((bits, r) => bits | BigInt(String(r.permissions)), 0n);
  }

  /** Whether a channel id is the text channel, the other channel or a thread. */
  channelExists(id: string): boolean {
    return id === this.channelId || id === this.otherChannelId || this.threads.has(id);
  }

  /** A channel object as GET /channels/:id answers. */
  channel(id: string): Json | undefined {
    const thread = this.threads.get(id);
    if (thread) return thread;
    if (id !== this.channelId && id !== this.otherChannelId) return undefined;
    return {
      id,
      type: CHANNEL_TYPES.GUILD_TEXT,
      guild_id: this.guildId,
      name: id === this.channelId ? 'chat' : 'general',
      position: 0,
      permission_overwrites: [],
      nsfw: false,
      parent_id: null,
    };
  }

  /** The user object of a member. */
  user(id: string): Json {
    const member = this.members.get(id) ?? this.outsiders.get(id);
    if (!member) throw new Error(`the fake guild has no member ${id}`);
    const globalName = member.globalName !== undefined ? member.globalName : member.bot ? null : member.username;
    return {
      id,
      username: member.username,
      discriminator: '0',
      global_name: globalName,
      avatar: null,
      ...(member.bot ? { bot: true } : {}),
    };
  }

  /** The member object (with user) of a member. */
  member(id: string): Json {
    const member = this.members.get(id)!;
    return {
      user: this.user(id),
      nick: member.nick ?? null,
      roles: member.roles ?? [],
      joined_at: '2026-01-01T00:00:00.000000+00:00',
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
    };
  }

  /** A new message object; `replyTo` makes it a reply (type 19) with a message_reference. */
  message(fields: { author: string; content: string; channelId: string; replyTo?: string; embeds?: unknown[] }): Json {
    return {
      id: this.nextId(),
      type: fields.replyTo ? 19 : 0,
      channel_id: fields.channelId,
      author: this.user(fields.author),
      content: fields.content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: fields.embeds ?? [],
      pinned: false,
      flags: 0,
      components: [],
      ...(fields.replyTo
        ? {
            message_reference: {
              type: 0,
              message_id: fields.replyTo,
              channel_id: fields.channelId,
              guild_id: this.guildId,
            },
          }
        : {}),
    };
  }

  /** A message as MESSAGE_CREATE / MESSAGE_UPDATE carry it: with guild_id, member (minus user) and channel_type. */
  dispatchable(message: Json): Json {
    const { user: _user, ...member } = this.member(String((message.author as Json).id));
    const channelType = THREAD_TYPES.has(Number(this.threads.get(String(message.channel_id))?.type))
      ? CHANNEL_TYPES.PUBLIC_THREAD
      : CHANNEL_TYPES.GUILD_TEXT;
    return { ...message, guild_id: this.guildId, member, channel_type: channelType };
  }

  /** Keeps a message in its channel's history. */
  remember(message: Json): void {
    const channel = String(message.channel_id);
    this.messages.set(channel, [...(this.messages.get(channel) ?? []), message]);
  }

  /** A message by id, wherever it is. */
  find(messageId: string): Json | undefined {
    for (const list of this.messages.values()) {
      const found = list.find((m) => m.id === messageId);
      if (found) return found;
    }
    return undefined;
  }

  /** Replaces a stored message (an edit). */
  replace(message: Json): void {
    const list = this.messages.get(String(message.channel_id)) ?? [];
    const index = list.findIndex((m) => m.id === message.id);
    if (index >= 0) list[index] = message;
  }

  /** Drops a stored message (a delete). */
  forget(message: Json): void {
    const channel = String(message.channel_id);
    this.messages.set(
      channel,
      (this.messages.get(channel) ?? []).filter((m) => m.id !== message.id),
    );
  }

  /** A public thread started from a message: it takes the message's id. */
  startThread(parentId: string, messageId: string, name: string, autoArchive: number): Json {
    const thread = {
      id: messageId,
      type: CHANNEL_TYPES.PUBLIC_THREAD,
      guild_id: this.guildId,
      parent_id: parentId,
      name,
      owner_id: this.botId,
      last_message_id: null,
      message_count: 0,
      member_count: 1,
      rate_limit_per_user: 0,
      flags: 0,
      total_message_sent: 0,
      thread_metadata: {
        archived: false,
        auto_archive_duration: autoArchive,
        archive_timestamp: new Date().toISOString(),
        locked: false,
        create_timestamp: new Date().toISOString(),
      },
    };
    this.threads.set(messageId, thread);
    return thread;
  }

  /** GUILD_CREATE's `d`: the guild with its roles, channels, active threads and the bot's member. */
  guildCreate(): Json {
    return {
      id: this.guildId,
      name: 'Community',
      icon: null,
      owner_id: this.ownerId,
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
      joined_at: '2026-01-01T00:00:00.000000+00:00',
      large: false,
      unavailable: false,
      member_count: this.members.size,
      roles: this.roles(),
      emojis: [],
      stickers: [],
      channels: [this.channel(this.channelId), this.channel(this.otherChannelId)],
      threads: [...this.threads.values()],
      members: [this.member(this.botId)],
      voice_states: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }
}
