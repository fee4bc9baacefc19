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
