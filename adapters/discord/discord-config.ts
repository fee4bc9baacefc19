import { z } from 'zod';
import { readAs, readSettings, settingFor, settingsError, settingsShape } from '../../src/config/setting-spec.js';

/**
 * The REST base as discord.js's `rest.api` wants it (it adds `/v10` itself): "http://host:4000",
 * "http://host:4000/api", "…/api/" and "…/api/v10" all mean the same API, since people copy either form.
 */
export function discordApiBase(url: string): string {
  const trimmed = url
    .trim()
    .replace(/\/+$/, '')
    .replace(/\/api\/v\d+$/, '/api');
  return trimmed.endsWith('/api') ? trimmed : `${trimmed}/api`;
}

const snowflake = (what: string) =>
  z.string().regex(/^\d{15,21}$/, `${what} (Developer Mode on, then right-click → Copy ID)`);

/** The Discord adapter's environment variables, declared once (config, errors, .env.example, README). */
export const DISCORD_SETTINGS = [
  settingFor('token', {
    name: 'DISCORD_TOKEN',
    schema: z
      .string()
      .min(10, 'the bot token (Developer Portal → your app → Bot → Reset Token)')
      .regex(/^[^\s"']+$/, 'the bot token alone, without "Bot ", quotes or spaces'),
    description: 'the bot token; setting it turns Discord on',
    secret: true,
  }),
  settingFor('guildId', {
    name: 'DISCORD_GUILD_ID',
    schema: snowflake('the server id'),
    description: 'the server (guild) id',
    example: '112233445566778899',
  }),
  settingFor('channelId', {
    name: 'DISCORD_CHANNEL_ID',
    schema: snowflake('the chat channel id'),
    description: 'the channel chats run in',
    example: '112233445566778800',
  }),
  settingFor('hostRoleId', {
    name: 'DISCORD_HOST_ROLE_ID',
    schema: snowflake('a role id').optional(),
    description: 'a role whose members are hosts (members with Manage Events are hosts anyway)',
  }),
  settingFor('hostIds', {
    name: 'DISCORD_HOST_IDS',
    schema: z.array(snowflake('user ids, comma-separated')).default([]),
    read: readAs.list,
    // Not the host role's members: listing them needs the privileged Server Members intent.
    description: 'user ids of the hosts, comma-separated, told privately of skipped scripts, missed chats and recaps',
    example: '112233445566778801,112233445566778802',
  }),
  settingFor('threadsPerQuestion', {
    name: 'DISCORD_THREADS_PER_QUESTION',
    schema: z.boolean({ error: 'yes or no' }).default(false),
    read: readAs.yesNo,
    description: 'open a thread for every question even when the script does not ask for one',
  }),
  settingFor('apiUrl', {
    name: 'EMCEE_DISCORD_API_URL',
    schema: z.url({ error: 'a URL such as http://127.0.0.1:4000/api' }).transform(discordApiBase).optional(),
    description:
      'where the Discord REST API is, with or without the final /api ' +
      "(tests and proxies only; Discord's own by default)",
  }),
] as const;

/** Settings of the Discord adapter. The entry point builds them from the environment with `discordConfigFromEnv`. */
export const discordConfigSchema = z.object({
  ...settingsShape(DISCORD_SETTINGS),
  /** Put `/emcee` on the guild at start-up (a bulk overwrite, harmless to repeat). */
  registerCommands: z.boolean().default(true),
  /** How long start-up waits for the gateway's READY and the guild. */
  readyTimeoutMs: z.number().int().positive().default(30_000),
  /** Posts that may go out back to back in a channel (Discord allows 5 per 5 s). */
  postBurst: z.number().int().min(1).default(5),
  /** Time to earn one more post. */
  postIntervalMs: z.number().min(0).default(1000),
  /** How long a command or click waits for the core before it is answered anyway (Discord allows 3 s). */
  answerBudgetMs: z.number().int().positive().max(2800).default(2000),
});

/** Validated Discord settings. */
export type DiscordConfig = z.infer<typeof discordConfigSchema>;

/** Reads the Discord settings from environment variables; the error names each variable to fix. */
export function discordConfigFromEnv(env: Record<string, string | undefined>): DiscordConfig {
  const result = discordConfigSchema.safeParse(readSettings(DISCORD_SETTINGS, env));
  if (result.success) return result.data;
  throw settingsError('Discord', result.error.issues, DISCORD_SETTINGS, env, 'see README, "Discord"');
}
