import { z } from 'zod';

/** A person's message in a channel or thread (no subtype, or one that is still a person speaking). */
export const userMessageSchema = z.object({
  type: z.literal('message'),
  subtype: z.enum(['thread_broadcast', 'file_share', 'me_message']).optional(),
  channel: z.string(),
  user: z.string(),
  text: z.string().default(''),
  ts: z.string(),
  thread_ts: z.string().optional(),
  bot_id: z.string().optional(),
});

/** `message_changed`: an edit. */
export const messageChangedSchema = z.object({
  type: z.literal('message'),
  subtype: z.literal('message_changed'),
  channel: z.string(),
  ts: z.string(),
  event_ts: z.string().optional(),
  message: z.object({
    user: z.string().optional(),
    bot_id: z.string().optional(),
    text: z.string().default(''),
    ts: z.string(),
    thread_ts: z.string().optional(),
    edited: z.object({ ts: z.string() }).optional(),
  }),
});

/** `message_deleted`: a deletion. */
export const messageDeletedSchema = z.object({
  type: z.literal('message'),
  subtype: z.literal('message_deleted'),
  channel: z.string(),
  deleted_ts: z.string(),
  previous_message: z.object({ thread_ts: z.string().optional(), bot_id: z.string().optional() }).optional(),
});

/** A `/emcee` slash command payload. */
export const slashCommandSchema = z.object({
  command: z.string(),
  text: z.string().default(''),
  user_id: z.string(),
  channel_id: z.string(),
  team_id: z.string(),
});

/** One of the message events the adapter acts on. */
export type SlackMessageEvent =
  | { kind: 'message'; event: z.infer<typeof userMessageSchema> }
  | { kind: 'edit'; event: z.infer<typeof messageChangedSchema> }
  | { kind: 'delete'; event: z.infer<typeof messageDeletedSchema> }
  | { kind: 'ignored'; why: string };

/** Sorts a raw `message` event into what the adapter does with it; bots and other subtypes are ignored. */
export function classifyMessageEvent(raw: unknown, botUserId: string | undefined): SlackMessageEvent {
  const subtype = (raw as { subtype?: unknown })?.subtype;
  if (subtype === 'message_changed') {
    const parsed = messageChangedSchema.safeParse(raw);
    if (!parsed.success) return { kind: 'ignored', why: 'malformed message_changed' };
    if (parsed.data.message.bot_id || parsed.data.message.user === botUserId) return { kind: 'ignored', why: 'bot edit' };
    return { kind: 'edit', event: parsed.data };
  }
  if (subtype === 'message_deleted') {
    const parsed = messageDeletedSchema.safeParse(raw);
    return parsed.success ? { kind: 'delete', event: parsed.data } : { kind: 'ignored', why: 'malformed message_deleted' };
  }
  const parsed = userMessageSchema.safeParse(raw);
  if (!parsed.success) return { kind: 'ignored', why: `subtype ${String(subtype ?? 'none')}` };
  if (parsed.data.bot_id || parsed.data.user === botUserId) return { kind: 'ignored', why: 'bot message' };
  return { kind: 'message', event: parsed.data };
}
