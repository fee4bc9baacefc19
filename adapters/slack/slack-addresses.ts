/**
 * Slack addresses as the core sees them: opaque strings built and read only here.
 * Channel `slack:T:C`; message `slack:T:C:ts`, or `slack:T:C:ts:threadTs` for a reply in a thread (so a
 * reply to it lands in the same thread); user `slack:T:U`.
 */
export const slackAddress = {
  channel: (team: string, channel: string) => `slack:${team}:${channel}`,
  message: (team: string, channel: string, ts: string, threadTs?: string) =>
    threadTs && threadTs !== ts ? `slack:${team}:${channel}:${ts}:${threadTs}` : `slack:${team}:${channel}:${ts}`,
  user: (team: string, user: string) => `slack:${team}:${user}`,
};

/** The parts of a message address. */
export interface SlackMessageRef {
  /** Workspace id (T…). */
  team: string;
  /** Channel id (C… or G…). */
  channel: string;
  /** The message's own timestamp, Slack's message id within the channel. */
  ts: string;
  /** The thread the message is in; its own ts when it starts one or stands alone. */
  threadTs: string;
}

/** Reads a message address; throws on anything this adapter did not build. */
export function parseMessageAddress(address: string): SlackMessageRef {
  const [platform, team, channel, ts, threadTs] = address.split(':');
  if (platform !== 'slack' || !team || !channel || !ts) throw new Error(`Not a Slack message address: ${address}`);
  return { team, channel, ts, threadTs: threadTs ?? ts };
}

/** Reads a channel address. */
export function parseChannelAddress(address: string): { team: string; channel: string } {
  const [platform, team, channel] = address.split(':');
  if (platform !== 'slack' || !team || !channel) throw new Error(`Not a Slack channel address: ${address}`);
  return { team, channel };
}

/** The Slack user id in a user address. */
export function userIdOf(address: string): string {
  const [platform, , user] = address.split(':');
  if (platform !== 'slack' || !user) throw new Error(`Not a Slack user address: ${address}`);
  return user;
}

/** The parts of a user address: the workspace and the Slack user id. */
export function parseUserAddress(address: string): { team: string; user: string } {
  const [platform, team, user] = address.split(':');
  if (platform !== 'slack' || !team || !user) throw new Error(`Not a Slack user address: ${address}`);
  return { team, user };
}
