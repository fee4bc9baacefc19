import type { webApi } from '@slack/bolt';
import type { Logger } from '../../src/log.js';
import { withSlackRetry } from './slack-rate-limit.js';

/**
 * The direct messages Emcee hears: only the DMs it opened for a rehearsal (conversations.open, scope
 * im:write) or posts a chat in (a rehearsal resumed after a restart), never any other DM a person writes to
 * the app, which the `message.im` subscription would otherwise deliver too.
 */
export class SlackDirectChannels {
  private readonly heard = new Set<string>();

  /** Opens (or finds) the app's DM with a user and returns its channel id (D…); it is heard from now on. */
  async open(client: webApi.WebClient, userId: string, log: Logger): Promise<string> {
    // Opening the same DM again answers the same channel: safe to retry.
    const opened = await withSlackRetry('conversations.open', () => client.conversations.open({ users: userId }), log);
    const id = opened.channel?.id;
    if (!id) throw new Error(`Slack opened no direct message with ${userId}`);
    this.heard.add(id);
    return id;
  }

  /** The bot posts a chat in `channelId`: when it is a DM (D…), the person's answers there are heard. */
  notePosting(channelId: string): void {
    if (isDirectChannelId(channelId)) this.heard.add(channelId);
  }

  /** Whether messages in this DM reach the core. */
  hears(channelId: string): boolean {
    return this.heard.has(channelId);
  }
}

/** Whether a Slack conversation id is a one-to-one DM (D…), as opposed to a channel (C…) or private one (G…). */
export function isDirectChannelId(channelId: string): boolean {
  return channelId.startsWith('D');
}
