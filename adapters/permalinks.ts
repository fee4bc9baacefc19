import { discordPermalink } from './discord/discord-permalink.js';
import { slackPermalink } from './slack/slack-permalink.js';

/** What some platforms need besides the address to link to a message. */
export interface PermalinkContext {
  /** The Slack workspace's address from auth.test (SlackAdapter.workspaceUrl), once the bot has connected. */
  slackWorkspaceUrl?: string;
}

/**
 * A link that opens a stored message where it was written, chosen by its address's platform: Slack or Discord.
 * The local room and anything unknown have none (undefined). The entry points pass it to the website as
 * `permalinkOf`; it loads no platform library, so `emcee web` can use it without a bot.
 */
export function permalinkFor(address: string, context: PermalinkContext = {}): string | undefined {
  if (address.startsWith('slack:')) return slackPermalink(address, context.slackWorkspaceUrl);
  if (address.startsWith('discord:')) return discordPermalink(address);
  return undefined;
}

/** What links to a channel need besides its id. */
export interface ChannelLinkContext {
  /** The Slack workspace's address from auth.test. */
  slackWorkspaceUrl?: string;
  /** The Discord server (guild) the bot serves. */
  discordGuildId?: string;
}

/**
 * A link that opens a chat's channel (calendar entries name where the chat happens), from the schedule's platform
 * name and the channel id there; undefined where none can be made.
 */
export function channelLinkFor(platform: string, channelId: string, context: ChannelLinkContext): string | undefined {
  const channel = encodeURIComponent(channelId);
  if (platform === 'slack') {
    const base = context.slackWorkspaceUrl?.replace(/\/+$/, '');
    return base?.startsWith('https://') ? `${base}/archives/${channel}` : undefined;
  }
  if (platform === 'discord' && context.discordGuildId) {
    return `https://discord.com/channels/${encodeURIComponent(context.discordGuildId)}/${channel}`;
  }
  return undefined;
}
