import { z } from 'zod';

/**
 * The parts of Discord's gateway and REST payloads the adapter reads, validated: discord.js hands
 * dispatches on as plain JSON, and a field Discord renames or drops should be a logged "ignored", not a
 * crash deep in the core. Unknown fields pass through untouched. Shapes follow Discord's documentation
 * (see fixtures/ for the documented examples these are tested against).
 */

const snowflake = z.string().regex(/^\d{1,20}$/);

/** A user object, as it appears as a message author or inside a member. */
export const discordUserSchema = z.object({
  id: snowflake,
  username: z.string(),
  global_name: z.string().nullish(),
  bot: z.boolean().optional(),
});

/** The partial guild member MESSAGE_CREATE and interactions carry; interactions add `permissions`. */
export const discordMemberSchema = z.object({
  nick: z.string().nullish(),
  roles: z.array(snowflake).default([]),
  permissions: z.string().regex(/^\d+$/).optional(),
});

const messageReferenceSchema = z.object({
  // 0 = a reply, 1 = a forward (not a reply to anything in this channel).
  type: z.number().int().optional(),
  message_id: snowflake.optional(),
  channel_id: snowflake.optional(),
  guild_id: snowflake.optional(),
});

/** A message: MESSAGE_CREATE's `d`, or one item of GET /channels/:id/messages (no guild_id, no member). */
export const discordMessageSchema = z.object({
  id: snowflake,
  channel_id: snowflake,
  guild_id: snowflake.optional(),
  author: discordUserSchema,
  member: discordMemberSchema.optional(),
  content: z.string(),
  timestamp: z.string(),
  edited_timestamp: z.string().nullish(),
  type: z.number().int(),
  webhook_id: snowflake.optional(),
  message_reference: messageReferenceSchema.optional(),
  channel_type: z.number().int().optional(),
});

/** A validated message. */
export type DiscordMessage = z.infer<typeof discordMessageSchema>;

/** MESSAGE_UPDATE's `d`: Discord sends the whole message now, but older updates (embed unfurls) were partial. */
export const discordMessageUpdateSchema = z.object({
  id: snowflake,
  channel_id: snowflake,
  guild_id: snowflake.optional(),
  author: discordUserSchema.optional(),
  content: z.string().optional(),
  edited_timestamp: z.string().nullish(),
  webhook_id: snowflake.optional(),
});

/** MESSAGE_DELETE's `d`. */
export const discordMessageDeleteSchema = z.object({
  id: snowflake,
  channel_id: snowflake,
  guild_id: snowflake.optional(),
});

const valueOptionSchema = z.object({
  name: z.string(),
  type: z.number().int(),
  value: z.union([z.string(), z.number(), z.boolean()]),
});

const subcommandSchema = z.object({
  name: z.string(),
  // 1 = SUB_COMMAND
  type: z.literal(1),
  options: z.array(valueOptionSchema).default([]),
});

/** INTERACTION_CREATE's `d` for a slash command (type 2, APPLICATION_COMMAND) in a guild. */
export const discordCommandInteractionSchema = z.object({
  id: snowflake,
  application_id: snowflake,
  type: z.literal(2),
  token: z.string().min(1),
  guild_id: snowflake.optional(),
  channel_id: snowflake.optional(),
  channel: z.object({ id: snowflake, type: z.number().int(), parent_id: snowflake.nullish() }).optional(),
  member: discordMemberSchema.extend({ user: discordUserSchema }).optional(),
  data: z.object({
    name: z.string(),
    options: z.array(subcommandSchema).default([]),
  }),
});

/** A validated slash-command interaction. */
export type DiscordCommandInteraction = z.infer<typeof discordCommandInteractionSchema>;

/** A channel as GET /channels/:id and THREAD_CREATE describe it: enough to find a thread's parent. */
export const discordChannelSchema = z.object({
  id: snowflake,
  type: z.number().int(),
  parent_id: snowflake.nullish(),
});

/** A message Discord accepted: what POST /channels/:id/messages answers (the fields the adapter keeps). */
export const discordPostedMessageSchema = z.object({ id: snowflake, channel_id: snowflake });

/** GET /guilds/:id/threads/active. */
export const discordActiveThreadsSchema = z.object({ threads: z.array(discordChannelSchema) });

/** Anything Discord answers with an id (a scheduled event, the current application). */
export const discordIdSchema = z.object({ id: snowflake });

/** Channel types that are threads: announcement, public and private threads. */
export const THREAD_TYPES: ReadonlySet<number> = new Set([10, 11, 12]);

/** Message types that are a person writing: DEFAULT and REPLY (joins, pins, thread notices are not). */
export const PERSON_MESSAGE_TYPES: ReadonlySet<number> = new Set([0, 19]);
