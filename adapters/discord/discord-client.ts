import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { DiscordConfig } from './discord-config.js';
import { discordRestAgent } from './discord-agent.js';
import { explainLoginError } from './discord-login-error.js';

/**
 * The gateway intents Emcee asks for: Guilds (channels, roles and thread create/update/list-sync events),
 * GuildMessages (messages in channels and threads), MessageContent (privileged: the text of answers),
 * GuildMessageReactions (reactions on messages) and DirectMessages (a host's answers in the DM a rehearsal
 * runs in; the receiver reads the raw dispatches, so discord.js needs no Partials.Channel for DMs it has
 * not cached).
 */
export const DISCORD_INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.MessageContent,
  GatewayIntentBits.GuildMessageReactions,
  GatewayIntentBits.DirectMessages,
] as const;

/** A discord.js client for Emcee: our intents, no mention parsing by default, the REST API where configured. */
export function createDiscordClient(config: Pick<DiscordConfig, 'apiUrl'>): Client {
  return new Client({
    intents: [...DISCORD_INTENTS],
    // A default that pings nobody, in case any call forgets its own allowed_mentions.
    allowedMentions: { parse: [] },
    // discord.js tries a 5xx, a reset or a 15 s timeout again at once, 3 times by default; once is enough
    // for a blip, and the adapter's own retries (discord-retry.ts) back off for anything longer.
    rest: { retries: 1, timeout: 15_000, agent: discordRestAgent(), ...(config.apiUrl ? { api: config.apiUrl } : {}) },
  });
}

/**
 * Logs in and waits for READY plus every guild's GUILD_CREATE. A refused intent or token rejects with an
 * error that says what to fix; the client is destroyed so nothing keeps retrying.
 */
export async function connectDiscord(client: Client, token: string, readyTimeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Discord did not get ready within ${readyTimeoutMs / 1000} s`)),
      readyTimeoutMs,
    );
    client.once(Events.ClientReady, () => resolve());
  });
  // Observed here so a timeout while login() is still pending is not an unhandled rejection.
  ready.catch(() => undefined);
  try {
    await client.login(token);
    await ready;
  } catch (error) {
    await client.destroy().catch(() => undefined);
    throw explainLoginError(error);
  } finally {
    clearTimeout(timer);
  }
}
