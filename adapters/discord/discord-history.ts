import { Routes, type REST } from 'discord.js';
import { z } from 'zod';
import type { HistoryResult, InboundMessage, MessageAddress } from '../../src/port.js';
import { DIRECT, discordAddress, snowflakeAt } from './discord-addresses.js';
import { isIgnored, readMessage, toInboundMessage } from './discord-inbound.js';
import { discordActiveThreadsSchema, discordMessageSchema, type DiscordMessage } from './discord-payloads.js';

const PAGE = 100;
const MAX_PAGES = 10;

/** What reading history needs from the adapter. */
export interface HistoryDeps {
  /** discord.js's REST client (rate limits and retries included). */
  rest: REST;
  /** Runs a read again after a transient failure, with back-off. */
  retry: <T>(what: string, call: () => Promise<T>) => Promise<T>;
  /** The configured guild. */
  guildId: string;
  /** The bot's own user id. */
  selfId: () => string | undefined;
  /** Whether the author of a message is a host; history messages carry no member, so this may look one up. */
  isHost: (message: DiscordMessage) => Promise<boolean>;
}

/**
 * Catch-up after downtime: the messages in a channel and its active threads since an instant, read with
 * GET /channels/:id/messages (oldest first, `after` a snowflake of that instant) and parsed like gateway
 * messages, so a backfilled answer has the same address as the live one would have had.
 */
export class DiscordHistory {
  constructor(private readonly deps: HistoryDeps) {}

  /**
   * Messages in `channelId`, its active threads and the threads of `threadIds` (the questions' threads,
   * which may be archived or missing from the list) written at or after `since`, oldest first. In a DM
   * Emcee opened (`direct`: no guild, no threads) the person there is read as a participant, as live.
   */
  async fetch(
    channelId: string,
    since: number,
    threadIds: readonly string[] = [],
    direct = false,
  ): Promise<HistoryResult> {
    const found: { id: bigint; message: InboundMessage }[] = [];
    const gaps: string[] = [];
    const sources: { id: string; threadParent: string | undefined; known: boolean }[] = [
      { id: channelId, threadParent: undefined, known: true },
    ];
    try {
      const threads = direct ? [] : await this.threadsOf(channelId);
      for (const thread of threads) sources.push({ id: thread, threadParent: channelId, known: true });
    } catch (error) {
      gaps.push(`threads could not be listed (${(error as Error).message})`);
    }
    for (const id of direct ? [] : threadIds) {
      // A question without a thread is not an error: it is simply not there.
      if (!sources.some((source) => source.id === id)) sources.push({ id, threadParent: channelId, known: false });
    }
    for (const source of sources) {
      let page;
      try {
        page = await this.read(source.id, since, MAX_PAGES, direct);
      } catch (error) {
        if (!source.known && isUnknownChannel(error)) continue;
        throw error;
      }
      if (!page.complete) gaps.push(`more than ${MAX_PAGES * PAGE} messages in ${source.id} were not fetched`);
      for (const raw of page.found) {
        const { guildId } = this.deps;
        const context = { guildId, selfId: this.deps.selfId(), hearsDirect: () => direct };
        const read = readMessage(direct ? raw : { ...raw, guild_id: guildId }, context);
        if (isIgnored(read)) continue;
        const isHost = !direct && (await this.deps.isHost(read.message));
        const message = toInboundMessage(read.message, { guildId, threadParent: source.threadParent, isHost, direct });
        found.push({ id: BigInt(read.message.id), message });
      }
    }
    // Snowflakes order messages across channels exactly, even within one millisecond.
    const messages = found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((entry) => entry.message);
    return gaps.length > 0 ? { messages, incomplete: gaps.join('; ') } : { messages };
  }

  /**
   * The bot's own message since `since` whose text starts like `text` (or `text` starts like it): in
   * `channelId`, else in one of its active threads (a reply to a message in a question's thread sits there).
   */
  async findOwnPost(
    channelId: string,
    since: number,
    text: string,
    direct = false,
  ): Promise<MessageAddress | undefined> {
    const self = this.deps.selfId();
    // A question's content is only its first line, so either may be the prefix of the other.
    const mine = (m: DiscordMessage) =>
      m.author.id === self && m.content !== '' && (text.startsWith(m.content) || m.content.startsWith(text));
    for (const place of [channelId, ...(direct ? [] : await this.threadsOf(channelId))]) {
      const found = (await this.read(place, since, 1, direct)).found.find(mine);
      if (found) return discordAddress.message(direct ? DIRECT : this.deps.guildId, found.channel_id, found.id);
    }
    return undefined;
  }

  // The active threads whose parent is `channelId`.
  private async threadsOf(channelId: string): Promise<string[]> {
    const route = Routes.guildActiveThreads(this.deps.guildId);
    const raw = await this.deps.retry('thread list', () => this.deps.rest.get(route));
    const active = discordActiveThreadsSchema.parse(raw);
    return active.threads.filter((thread) => thread.parent_id === channelId).map((thread) => thread.id);
  }

  // Pages forward from `since`; Discord returns each page newest first.
  private async read(
    channelId: string,
    since: number,
    maxPages = MAX_PAGES,
    direct = false,
  ): Promise<{ found: DiscordMessage[]; complete: boolean }> {
    const found: DiscordMessage[] = [];
    // `after` is exclusive: start just below the first snowflake of `since`, so a message at `since` counts.
    const first = BigInt(snowflakeAt(since));
    let after = (first > 0n ? first - 1n : 0n).toString();
    for (let page = 0; page < maxPages; page++) {
      const query = new URLSearchParams({ after, limit: String(PAGE) });
      const route = Routes.channelMessages(channelId);
      const raw = await this.deps.retry('history read', () => this.deps.rest.get(route, { query }));
      const batch = z.array(z.unknown()).parse(raw);
      const parsed = batch.flatMap((raw) => {
        const withGuild = direct ? raw : { guild_id: this.deps.guildId, ...(raw as object) };
        const result = discordMessageSchema.safeParse(withGuild);
        return result.success ? [result.data] : [];
      });
      parsed.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
      found.push(...parsed);
      if (batch.length < PAGE || parsed.length === 0) return { found, complete: true };
      after = parsed.at(-1)!.id;
    }
    return { found, complete: false };
  }
}

// Discord's "Unknown Channel" (10003): a question that never got a thread.
function isUnknownChannel(error: unknown): boolean {
  return (error as { code?: unknown }).code === 10003 || (error as { status?: unknown }).status === 404;
}
