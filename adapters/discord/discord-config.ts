import { z } from 'zod';
import { envConfigError } from '../shared/env-config-error.js';

const snowflake = (what: string) => z.string().regex(/^\d{15,21}$/, `${what} (Developer Mode on, then right-click → Copy ID)`);

/** Settings of the Discord adapter. The entry point builds them from the environment with `discordConfigFromEnv`. */
export const discordConfigSchema = z.object({
  token: z.string().min(10, 'the bot token (Developer Portal → your app → Bot → Reset Token)'),
  guildId: snowflake('the server id'),
  channelId: snowflake('the chat channel id'),
  hostRoleId: snowflake('a role id').optional(),
  apiUrl: z.url().optional(),
  registerCommands: z.boolean().default(true),
  readyTimeoutMs: z.number().int().positive().default(30_000),
  postBurst: z.number().int().min(1).default(5),
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
