import { z } from 'zod';
import { envConfigError } from '../shared/env-config-error.js';

const snowflake = (what: string) => z.string().regex(/^\d{15,21}$/, `${what} (Developer Mode on, then right-click → Copy ID)`);

/** Settings of the Discord adapter. The entry point builds them from the environment with `discordConfigFromEnv`. */
export const discordConfigSchema = z.object({
  token: z
    .string()
    .min(10, 'the bot token (Developer Portal → your app → Bot → Reset Token)')
    .regex(/^[^\s"']+$/, 'the bot token alone, without "Bot ", quotes or spaces'),
  guildId: snowflake('the server id'),
  channelId: snowflake('the chat channel id'),
  hostRoleId: snowflake('a role id').optional(),
  /** Where the REST API is (tests, proxies); discord.js appends `/v10/…`. */
  apiUrl: z.url().optional(),
  /** Open a thread for every question even when the script does not ask for one. */
  threadsPerQuestion: z.boolean().default(false),
  /** Put `/emcee` on the guild at start-up (a bulk overwrite, harmless to repeat). */
  registerCommands: z.boolean().default(true),
  /** How long start-up waits for the gateway's READY and the guild. */
  readyTimeoutMs: z.number().int().positive().default(30_000),
  /** Posts that may go out back to back in a channel (Discord allows 5 per 5 s). */
  postBurst: z.number().int().min(1).default(5),
  /** Time to earn one more post. */
  postIntervalMs: z.number().min(0).default(1000),
});

/** Validated Discord settings. */
export type DiscordConfig = z.infer<typeof discordConfigSchema>;

const ENV_NAMES: Record<string, string> = {
  token: 'DISCORD_TOKEN',
  guildId: 'DISCORD_GUILD_ID',
  channelId: 'DISCORD_CHANNEL_ID',
  hostRoleId: 'DISCORD_HOST_ROLE_ID',
  apiUrl: 'EMCEE_DISCORD_API_URL',
};

/** Reads the Discord settings from environment variables; the error names each variable to fix. */
export function discordConfigFromEnv(env: Record<string, string | undefined>): DiscordConfig {
  const value = (name: string) => (env[name] === '' ? undefined : env[name]);
  const result = discordConfigSchema.safeParse({
    token: value('DISCORD_TOKEN'),
    guildId: value('DISCORD_GUILD_ID'),
    channelId: value('DISCORD_CHANNEL_ID'),
    hostRoleId: value('DISCORD_HOST_ROLE_ID'),
    apiUrl: value('EMCEE_DISCORD_API_URL'),
  });
  if (result.success) return result.data;
  throw envConfigError('Discord', result.error.issues, ENV_NAMES, env);
}
