import type { Logger } from '../src/log.js';
import type { PlatformAdapter } from '../src/port.js';
import type { Clock } from '../src/time/clock.js';

/** A platform Emcee can connect to, created only when its variables are set. */
export interface PlatformEntry {
  /** "slack" or "discord". */
  name: string;
  /** Whether the environment asks for this platform. */
  wanted(env: Record<string, string | undefined>): boolean;
  /** Validates its settings (errors name the variable) and creates the adapter, on the host's clock. */
  create(env: Record<string, string | undefined>, log: Logger, clock: Clock): Promise<PlatformAdapter>;
}

// Adapters are imported only when wanted, so the local demo never loads Bolt or discord.js.
export const PLATFORMS: PlatformEntry[] = [
  {
    name: 'slack',
    wanted: (env) => Boolean(env.SLACK_BOT_TOKEN),
    create: async (env, log, clock) => {
      const slack = await import('../adapters/slack/index.js');
      return slack.createSlackAdapter(slack.slackConfigFromEnv(env), log, clock);
    },
  },
  {
    name: 'discord',
    wanted: (env) => Boolean(env.DISCORD_TOKEN),
    create: async (env, log, clock) => {
      const discord = await import('../adapters/discord/index.js');
      return discord.createDiscordAdapter(discord.discordConfigFromEnv(env), log, clock);
    },
  },
];
