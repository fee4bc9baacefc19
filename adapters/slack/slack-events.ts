import { z } from 'zod';

// Subtypes that are still a person speaking: a reply also sent to the channel, a message with a file, /me.
const SPOKEN_SUBTYPES = ['thread_broadcast', 'file_share', 'me_message'] as const;

/** A person's message in a channel or thread (no subtype, or one that is still a person speaking). */
export const userMessageSchema = z.object({
  type: z.literal('message'),
  subtype: z.enum(SPOKEN_SUBTYPES).optional(),
  channel: z.string(),
  user: z.string(),
  text: z.string().default(''),
  ts: z.string(),
  thread_ts: z.string().optional(),
  bot_id: z.string().optional(),
});

/** The message inside a `message_changed` or `message_deleted` event. */
const innerMessageSchema = z.object({
  subtype: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  text: z.string().default(''),
  ts: z.string(),
  thread_ts: z.string().optional(),
  edited: z.object({ ts: z.string() }).optional(),
});

/** `message_changed`: an edit, an unfurl, a thread's reply count changing, or a deleted thread parent. */
export const messageChangedSchema = z.object({
  type: z.literal('message'),
  subtype: z.literal('message_changed'),
  channel: z.string(),
  ts: z.string(),
  event_ts: z.string().optional(),
  message: innerMessageSchema,
  previous_message: innerMessageSchema.partial({ ts: true }).optional(),
});

/** `message_deleted`: a deletion. Slack's documented example carries no `previous_message`. */
export const messageDeletedSchema = z.object({
  type: z.literal('message'),
  subtype: z.literal('message_deleted'),
  channel: z.string(),
  deleted_ts: z.string(),
  previous_message: innerMessageSchema.partial({ ts: true }).optional(),
});

/** A `/emcee` slash command payload (Socket Mode envelope payload or the form Slack posts). */
export const slashCommandSchema = z.object({
  command: z.string(),
  text: z.string().default(''),
  user_id: z.string(),
  channel_id: z.string(),
  team_id: z.string(),
  response_url: z.string().optional(),
  /** Opens a modal for the caller within 3 s of the command. */
  trigger_id: z.string().optional(),
});

/** A person's message, as the adapter reads it. */
export type UserMessageEvent = z.infer<typeof userMessageSchema>;

/** What a `message` event means to Emcee. */
export type SlackMessageEvent =
  | { kind: 'message'; event: UserMessageEvent }
  | { kind: 'edit'; channel: string; ts: string; threadTs?: string; text: string; editedAt: number }
  | { kind: 'delete'; channel: string; ts: string; threadTs?: string }
  | { kind: 'ignored'; why: string };

/**
 * Whether a `message` event comes from a direct message (`channel_type` im or mpim, as every message.*
 * event carries it) other than one `opened` says Emcee opened: such a DM is none of Emcee's business.
 */
export function isUnopenedDirectMessage(raw: unknown, opened: (channel: string) => boolean): boolean {
  const { channel_type: type, channel } = (raw ?? {}) as { channel_type?: unknown; channel?: unknown };
  if (type !== 'im' && type !== 'mpim') return false;
  return typeof channel !== 'string' || !opened(channel);
}

/** Sorts a raw `message` event into what the adapter does with it; bots and other subtypes are ignored. */
export function classifyMessageEvent(raw: unknown, botUserId: string | undefined): SlackMessageEvent {
  const subtype = (raw as { subtype?: unknown } | null)?.subtype;
  if (subtype === 'message_changed') return classifyChange(raw, botUserId);
  if (subtype === 'message_deleted') {
    const parsed = messageDeletedSchema.safeParse(raw);
    if (!parsed.success) return { kind: 'ignored', why: 'malformed message_deleted' };
    const { channel, deleted_ts, previous_message: previous } = parsed.data;
    if (previous && isBot(previous, botUserId)) return { kind: 'ignored', why: 'bot message deleted' };
    return { kind: 'delete', channel, ts: deleted_ts, threadTs: previous?.thread_ts };
  }
  const parsed = userMessageSchema.safeParse(raw);
  if (!parsed.success) return { kind: 'ignored', why: `subtype ${String(subtype ?? 'none')}` };
  if (isBot(parsed.data, botUserId)) return { kind: 'ignored', why: 'bot message' };
  return { kind: 'message', event: parsed.data };
}

function classifyChange(raw: unknown, botUserId: string | undefined): SlackMessageEvent {
  const parsed = messageChangedSchema.safeParse(raw);
  if (!parsed.success) return { kind: 'ignored', why: 'malformed message_changed' };
  const { channel, message, previous_message: previous } = parsed.data;
  // A thread parent deleted while replies remain is not a message_deleted but a tombstone in its place.
  if (message.subtype === 'tombstone') return { kind: 'delete', channel, ts: message.ts, threadTs: message.thread_ts };
  if (isBot(message, botUserId) || (previous && isBot(previous, botUserId)))
    return { kind: 'ignored', why: 'bot edit' };
  // Unfurls and reply counts change a message without its author editing the text.
  if (previous && previous.text === message.text) return { kind: 'ignored', why: 'text unchanged' };
  const editedAt = Number(message.edited?.ts ?? parsed.data.event_ts ?? parsed.data.ts);
  return {
    kind: 'edit',
    channel,
    ts: message.ts,
    threadTs: message.thread_ts,
    text: message.text,
    editedAt: Math.round(editedAt * 1000),
  };
}

function isBot(message: { user?: string; bot_id?: string; subtype?: string }, botUserId: string | undefined): boolean {
  return (
    Boolean(message.bot_id) ||
    message.subtype === 'bot_message' ||
    (botUserId !== undefined && message.user === botUserId)
  );
}
