import { DiscordAPIError, type Client } from 'discord.js';

// Discord's "Unknown Member": the user is not (or no longer) in the server.
export const UNKNOWN_MEMBER = 10007;

/**
 * The name a person goes by in the server: their server nickname, else their display (global) name, else
 * their username. discord.js's cache answers for members seen in messages and interactions; anyone else is
 * read with one REST call (a single member needs no privileged intent), and someone who left the server by
 * their user profile. Other failures reject: the core then shows the id.
 */
export async function discordDisplayName(client: Client, guildId: string, userId: string): Promise<string> {
  const guild = client.guilds.cache.get(guildId);
  if (guild) {
    const member = await guild.members.fetch(userId).catch((error: unknown) => {
      if (error instanceof DiscordAPIError && error.code === UNKNOWN_MEMBER) return undefined;
      throw error;
    });
    if (member) return member.displayName;
  }
  return (await client.users.fetch(userId)).displayName;
}
