/**
 * Discord addresses as the core sees them, built and read only here. Channel `discord:G:C`; message
 * `discord:G:C:M`, where C is the channel the message is in (a thread's own id for messages in a thread);
 * user `discord:G:U`. A thread started from a message has that message's id, so the question's address
 * is also its thread's.
 */
export const discordAddress = {
  channel: (guild: string, channel: string) => `discord:${guild}:${channel}`,
  message: (guild: string, channel: string, message: string) => `discord:${guild}:${channel}:${message}`,
  user: (guild: string, user: string) => `discord:${guild}:${user}`,
};

/** Reads a message address. */
export function parseDiscordMessage(address: string): { guild: string; channel: string; message: string } {
  const [platform, guild, channel, message] = address.split(':');
  if (platform !== 'discord' || !guild || !channel || !message) throw new Error(`Not a Discord message address: ${address}`);
  return { guild, channel, message };
}

/** Reads a channel address. */
export function parseDiscordChannel(address: string): { guild: string; channel: string } {
  const [platform, guild, channel] = address.split(':');
  if (platform !== 'discord' || !guild || !channel) throw new Error(`Not a Discord channel address: ${address}`);
  return { guild, channel };
}

/** The user id in a user address. */
export function discordUserId(address: string): string {
  const [platform, , user] = address.split(':');
  if (platform !== 'discord' || !user) throw new Error(`Not a Discord user address: ${address}`);
  return user;
}

const DISCORD_EPOCH = 1_420_070_400_000n;

/** The smallest snowflake of an instant: "messages after this" in history fetches. */
export function snowflakeAt(ms: number): string {
  return ((BigInt(Math.max(0, Math.floor(ms))) - DISCORD_EPOCH) << 22n).toString();
}
