import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import type { Logger } from '../../src/log.js';
import type { InboundAuthor } from '../../src/port.js';
import type { Clock } from '../../src/time/clock.js';
import { slackAddress } from './slack-addresses.js';
import { withSlackRetry } from './slack-rate-limit.js';

/** The part of `users.info` Emcee reads. */
const userInfoSchema = z.object({
  user: z
    .object({
      name: z.string().optional(),
      real_name: z.string().optional(),
      is_admin: z.boolean().optional(),
      is_owner: z.boolean().optional(),
      is_bot: z.boolean().optional(),
      deleted: z.boolean().optional(),
      profile: z.object({ display_name: z.string().optional(), real_name: z.string().optional() }).optional(),
    })
    .optional(),
});

// Long enough that a busy chat asks once per person; short enough that a newly made admin becomes a host.
const CACHE_MS = 60 * 60_000;

/**
 * Who wrote a message: display name and host rights from `users.info` (Tier 4), cached per user. Hosts are
 * the configured user ids plus workspace admins and owners.
 */
export class SlackPeople {
  private readonly cache = new Map<string, { at: number; author: Promise<InboundAuthor> }>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly hostIds: readonly string[],
    private readonly log: Logger,
    private readonly clock: Clock,
  ) {}

  /** The author with this Slack user id in workspace `team`. */
  author(team: string, user: string): Promise<InboundAuthor> {
    const cached = this.cache.get(user);
    if (cached && this.clock.now() - cached.at < CACHE_MS) return cached.author;
    const author = this.lookUp(team, user);
    this.cache.set(user, { at: this.clock.now(), author });
    return author;
  }

  /**
   * Whether a person hosts the workspace now: a configured host id, or an admin or owner as `users.info` says
   * at this moment (no cache: the website's console asks before each host action). Rejects when Slack cannot
   * be asked, unless the id is configured.
   */
  async isHostNow(user: string): Promise<boolean> {
    if (this.hostIds.includes(user)) return true;
    let answer: unknown;
    try {
      answer = await withSlackRetry('users.info', () => this.client.users.info({ user }), this.log, 3);
    } catch (error) {
      if ((error as { data?: { error?: string } }).data?.error === 'user_not_found') return false;
      throw error;
    }
    const { user: u } = userInfoSchema.parse(answer);
    return Boolean(u?.is_admin || u?.is_owner) && !u?.is_bot && !u?.deleted;
  }

  private async lookUp(team: string, user: string): Promise<InboundAuthor> {
    const id = slackAddress.user(team, user);
    const configuredHost = this.hostIds.includes(user);
    try {
      const answer = await withSlackRetry('users.info', () => this.client.users.info({ user }), this.log, 3);
      const { user: u } = userInfoSchema.parse(answer);
      return {
        id,
        displayName: u?.profile?.display_name || u?.profile?.real_name || u?.real_name || u?.name || user,
        isBot: Boolean(u?.is_bot),
        isHost: configuredHost || Boolean(u?.is_admin || u?.is_owner),
      };
    } catch (error) {
      // Not cached: the next message asks again. Meanwhile the raw id stands in for the name.
      this.cache.delete(user);
      this.log.warn('users.info failed; using the raw user id', { error });
      return { id, displayName: user, isBot: false, isHost: configuredHost };
    }
  }
}
