/**
 * Discord addresses as the core sees them, built and read only here. Community `discord:G`; channel
 * `discord:G:C`; message `discord:G:C:M`, where C is the channel the message is in (a thread's own id for
 * messages in a thread, so a reply or reaction reaches it without a lookup); user `discord:G:U`. A thread
 * started from a message has that message's id, so a question's address also names its thread.
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
};

const TWO_IDS = /^discord:(\d+):(\d+)$/;
const THREE_IDS = /^discord:(\d+):(\d+):(\d+)$/;

/** Reads a message address. */
export function parseDiscordMessage(address: string): { guild: string; channel: string; message: string } {
  const match = THREE_IDS.exec(address);
  if (!match) throw new Error(`Not a Discord message address: ${address}`);
  return { guild: match[1]!, channel: match[2]!, message: match[3]! };
}

/** Reads a channel address. */
export function parseDiscordChannel(address: string): { guild: string; channel: string } {
  const match = TWO_IDS.exec(address);
  if (!match) throw new Error(`Not a Discord channel address: ${address}`);
  return { guild: match[1]!, channel: match[2]! };
}

/** The user id in a user address. */
export function discordUserId(address: string): string {
  const match = TWO_IDS.exec(address);
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
