/**
 * Discord addresses as the core sees them, built and read only here. Community `discord:G`; channel
 * `discord:G:C`; message `discord:G:C:M`, where C is the channel the message is in (a thread's own id for
 * messages in a thread, so a reply or reaction reaches it without a lookup); user `discord:G:U`. A thread
 * started from a message has that message's id, so a question's address also names its thread.
 * A direct message channel belongs to no guild: `discord:@me:C`, its messages `discord:@me:C:M` (Discord's
 * own "@me" for the bot's channels); the people in it keep their `discord:G:U` address.
 */
export const discordAddress = {
  /** `discord:G` */
  community: (guild: string) => `discord:${guild}`,
  /** `discord:G:C` */
  channel: (guild: string, channel: string) => `discord:${guild}:${channel}`,
  /** `discord:G:C:M`, C being the thread for a message in a thread */
  message: (guild: string, channel: string, message: string) => `discord:${guild}:${channel}:${message}`,
  /** `discord:G:U` */
  user: (guild: string, user: string) => `discord:${guild}:${user}`,
  /** `discord:@me:C`, a direct message channel */
  directChannel: (channel: string) => `discord:${DIRECT}:${channel}`,
};

/** What stands for the guild in the address of a direct message channel and its messages. */
export const DIRECT = '@me';

const USER = /^discord:(\d+):(\d+)$/;
// Channel and message addresses: a guild id, or @me for a direct message channel.
const CHANNEL = /^discord:(\d+|@me):(\d+)$/;
const MESSAGE = /^discord:(\d+|@me):(\d+):(\d+)$/;

/** Whether a channel or message address is in a direct message channel (`discord:@me:…`). */
export function isDirectAddress(address: string): boolean {
  return address.startsWith(`discord:${DIRECT}:`);
}

/** Reads a message address; `guild` is "@me" in a direct message channel. */
export function parseDiscordMessage(address: string): { guild: string; channel: string; message: string } {
  const match = MESSAGE.exec(address);
  if (!match) throw new Error(`Not a Discord message address: ${address}`);
  return { guild: match[1]!, channel: match[2]!, message: match[3]! };
}

/** Reads a channel address; `guild` is "@me" for a direct message channel. */
export function parseDiscordChannel(address: string): { guild: string; channel: string } {
  const match = CHANNEL.exec(address);
  if (!match) throw new Error(`Not a Discord channel address: ${address}`);
  return { guild: match[1]!, channel: match[2]! };
}

/** The user id in a user address. */
export function discordUserId(address: string): string {
  const match = USER.exec(address);
  if (!match) throw new Error(`Not a Discord user address: ${address}`);
  return match[2]!;
}

const DISCORD_EPOCH = 1_420_070_400_000n;

/** The smallest snowflake of an instant: "messages after this" in history fetches. */
export function snowflakeAt(ms: number): string {
  const sinceEpoch = BigInt(Math.max(0, Math.floor(ms))) - DISCORD_EPOCH;
  return ((sinceEpoch > 0n ? sinceEpoch : 0n) << 22n).toString();
}

/** When a snowflake was made, in epoch ms (its top bits count ms since Discord's epoch). */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}
