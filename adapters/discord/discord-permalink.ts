import { parseDiscordMessage } from './discord-addresses.js';

/**
 * The link that opens a message in Discord (the app or the browser), the form Discord's own "Copy Message Link"
 * gives: https://discord.com/channels/<guild>/<channel>/<message>, "@me" standing for the guild in a direct
 * message. A message in a thread names the thread as its channel, as its address does. Undefined for anything
 * that is not a Discord message address.
 */
export function discordPermalink(address: string): string | undefined {
  try {
    const { guild, channel, message } = parseDiscordMessage(address);
    return `https://discord.com/channels/${guild}/${channel}/${message}`;
  } catch {
    return undefined;
  }
}
