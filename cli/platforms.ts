import type { Logger } from '../src/log.js';
import type { PlatformAdapter } from '../src/port.js';

/** A platform Emcee can connect to, created only when its variables are set. */
export interface PlatformEntry {
  /** "slack" or "discord". */
  name: string;
  /** Whether the environment asks for this platform. */
  wanted(env: Record<string, string | undefined>): boolean;
  /** Validates its settings (errors name the variable) and creates the adapter. */
  create(env: Record<string, string | undefined>, log: Logger): Promise<PlatformAdapter>;
}

// Adapters are imported only when wanted, so the local demo never loads Bolt or discord.js.
export const PLATFORMS: PlatformEntry[] = [
  {
    name: 'slack',
    wanted: (env) => Boolean(env.SLACK_BOT_TOKEN),
    create: async (env, log) => {
      const slack = await import('../adapters/slack/index.js');
      return slack.createSlackAdapter(slack.slackConfigFromEnv(env), log);
    },
  },
  {
    name: 'discord',
    wanted: (env) => Boolean(env.DISCORD_TOKEN),
    create: async (env, log) => {
      const discord = await import('../adapters/discord/index.js');
      return discord.createDiscordAdapter(discord.discordConfigFromEnv(env), log);
    },
  },
];
