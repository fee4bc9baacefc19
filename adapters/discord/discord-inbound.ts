import type { InboundAuthor, InboundEdit, InboundMessage, MessageAddress } from '../../src/port.js';
import { DIRECT, discordAddress, snowflakeTime } from './discord-addresses.js';
import { interactionAuthor } from './discord-interaction-author.js';
import {
  discordCommandInteractionSchema,
  discordMessageDeleteSchema,
  discordMessageSchema,
  discordMessageUpdateSchema,
  PERSON_MESSAGE_TYPES,
  THREAD_TYPES,
  type DiscordMessage,
} from './discord-payloads.js';

/** Why a payload was left out; the adapter logs it at debug level. */
export interface Ignored {
  /** Plain words, e.g. "a bot's message". */
  ignored: string;
}

/** What every reader needs: the guild the adapter serves and the bot's own user id. */
export interface ReadContext {
  /** The configured guild; other guilds' events are left out. */
  guildId: string;
  /** The bot's user id, once logged in. */
  selfId: string | undefined;
  /** Whether a direct message channel is one Emcee opened (a rehearsal's); other DMs are left out. */
  hearsDirect?: (channelId: string) => boolean;
}

// A message, edit or delete without a guild is in a DM: heard only when Emcee opened that DM.
function isHeardDirect(event: { guild_id?: string; channel_id: string }, context: ReadContext): boolean {
  return event.guild_id === undefined && context.hearsDirect?.(event.channel_id) === true;
}

/** A slash command as read from INTERACTION_CREATE, before its channel is resolved to a thread's parent. */
export interface ReadCommand {
  /** What answering the interaction needs. */
  interaction: { id: string; token: string; applicationId: string };
  /** The channel (or thread) the command was given in. */
  channelId: string;
  /** The thread's parent channel, when the payload says the command came from a thread. */
  parentId: string | undefined;
  /** The subcommand, e.g. "end". */
  name: string;
  /** Option values, in the order Discord sent them. */
  args: string[];
  /** Who gave it, with host standing from the permissions Discord computed. */
  by: InboundAuthor;
}

/**
 * Reads a person's message in the configured guild (MESSAGE_CREATE, or history with guild_id added) or in a
 * DM Emcee opened (`direct`).
 */
export function readMessage(
  raw: unknown,
  context: ReadContext,
): { message: DiscordMessage; direct: boolean } | Ignored {
  const parsed = discordMessageSchema.safeParse(raw);
  if (!parsed.success) return { ignored: `a malformed message (${parsed.error.issues[0]?.path.join('.') ?? '?'})` };
  const message = parsed.data;
  const direct = isHeardDirect(message, context);
  if (message.guild_id !== context.guildId && !direct) return { ignored: 'a message outside the configured server' };
  if (message.author.bot || message.webhook_id !== undefined || message.author.id === context.selfId) {
    return { ignored: "a bot's message" };
  }
  if (!PERSON_MESSAGE_TYPES.has(message.type)) return { ignored: `a system message (type ${message.type})` };
  return { message, direct };
}

/**
 * The core's view of a message. In a thread the message answers the thread's starting message — a thread
 * started from a question has the question's id — even when it is also a Discord reply to someone else's
 * answer there; elsewhere a Discord reply points at the message it replies to.
 */
export function toInboundMessage(
  message: DiscordMessage,
  where: { guildId: string; threadParent: string | undefined; isHost: boolean; direct?: boolean },
): InboundMessage {
  const { guildId, threadParent } = where;
  // A DM's channel and messages are addressed under @me; its people keep their address in the guild.
  const place = where.direct ? DIRECT : guildId;
  const reference = message.message_reference;
  const replyTo =
    threadParent !== undefined
      ? discordAddress.message(place, threadParent, message.channel_id)
      : reference?.message_id !== undefined && reference.type !== 1
        ? discordAddress.message(place, reference.channel_id ?? message.channel_id, reference.message_id)
        : undefined;
  const ts = Date.parse(message.timestamp);
  return {
    id: discordAddress.message(place, message.channel_id, message.id),
    channel: discordAddress.channel(place, threadParent ?? message.channel_id),
    community: discordAddress.community(guildId),
    author: {
      id: discordAddress.user(guildId, message.author.id),
      displayName: message.member?.nick ?? message.author.global_name ?? message.author.username,
      isBot: false,
      isHost: where.isHost,
    },
    text: message.content,
    ts: Number.isFinite(ts) ? ts : snowflakeTime(message.id),
    ...(replyTo ? { replyTo } : {}),
  };
}

/**
 * Reads MESSAGE_UPDATE as an edit. Only a changed text counts: Discord also sends updates when a link
 * unfurls or a thread is started from the message, and those have no new `edited_timestamp`.
 */
export function readEdit(raw: unknown, context: ReadContext): InboundEdit | Ignored {
  const parsed = discordMessageUpdateSchema.safeParse(raw);
  if (!parsed.success) return { ignored: 'a malformed message update' };
  const update = parsed.data;
  const direct = isHeardDirect(update, context);
  if (update.guild_id !== context.guildId && !direct) return { ignored: 'an update outside the configured server' };
  if (!update.author || update.author.bot || update.webhook_id !== undefined || update.author.id === context.selfId) {
    return { ignored: "an update of a bot's (or an unknown author's) message" };
  }
  if (update.content === undefined || !update.edited_timestamp) return { ignored: 'an update that is not an edit' };
  const editedAt = Date.parse(update.edited_timestamp);
  return {
    id: discordAddress.message(direct ? DIRECT : context.guildId, update.channel_id, update.id),
    text: update.content,
    editedAt: Number.isFinite(editedAt) ? editedAt : Date.now(),
  };
}

/** Reads MESSAGE_DELETE as the deleted message's address. */
export function readDelete(raw: unknown, context: ReadContext): { id: MessageAddress } | Ignored {
  const parsed = discordMessageDeleteSchema.safeParse(raw);
  if (!parsed.success) return { ignored: 'a malformed message delete' };
  const direct = isHeardDirect(parsed.data, context);
  if (parsed.data.guild_id !== context.guildId && !direct) return { ignored: 'a delete outside the configured server' };
  return { id: discordAddress.message(direct ? DIRECT : context.guildId, parsed.data.channel_id, parsed.data.id) };
}

/** Reads an `/emcee` slash command; host standing comes from the member's roles and computed permissions. */
export function readCommand(
  raw: unknown,
  context: ReadContext & { hostRoleId: string | undefined },
): ReadCommand | Ignored {
  const parsed = discordCommandInteractionSchema.safeParse(raw);
  if (!parsed.success) return { ignored: 'not a slash command (or a malformed one)' };
  const interaction = parsed.data;
  if (interaction.data.name !== 'emcee') return { ignored: `another command (/${interaction.data.name})` };
  if (interaction.guild_id !== context.guildId || !interaction.member)
    return { ignored: 'a command outside the configured server' };
  const channelId = interaction.channel?.id ?? interaction.channel_id;
  if (!channelId) return { ignored: 'a command without a channel' };
  const sub = interaction.data.options[0];
  const { member } = interaction;
  const inThread = interaction.channel !== undefined && THREAD_TYPES.has(interaction.channel.type);
  return {
    interaction: { id: interaction.id, token: interaction.token, applicationId: interaction.application_id },
    channelId,
    parentId: inThread ? (interaction.channel?.parent_id ?? undefined) : undefined,
    name: sub?.name ?? '',
    args: (sub?.options ?? []).map((option) => String(option.value)),
    by: interactionAuthor(member, context.guildId, context.hostRoleId),
  };
}

/** Type guard for the readers' results. */
export function isIgnored(value: object): value is Ignored {
  return 'ignored' in value;
}
