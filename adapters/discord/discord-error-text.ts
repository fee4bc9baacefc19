import { DiscordAPIError, HTTPError } from 'discord.js';

/**
 * One line about a failed Discord call that is safe to log: Discord's message, status and error code, but
 * never the request URL, which for interaction replies carries the interaction's token.
 */
export function describeDiscordError(error: unknown): string {
  if (error instanceof DiscordAPIError)
    return `Discord answered ${error.status} (code ${String(error.code)}): ${error.message}`;
  if (error instanceof HTTPError) return `Discord answered ${error.status}: ${error.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
