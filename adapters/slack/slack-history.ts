import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import type { Logger } from '../../src/log.js';
import type { HistoryResult, InboundMessage } from '../../src/port.js';
import { retryTransient } from '../shared/transient-retry.js';
import { isRateLimited, slackRetryPolicy } from './slack-rate-limit.js';

// Apps outside the Marketplace may call conversations.history/replies about once a minute (since 2025),
// so a catch-up reads a few pages at most and says what it left.
const HISTORY_PAGES = 5;

/** A message as conversations.history and .replies return it (the fields Emcee reads). */
export const historyMessageSchema = z.object({
  user: z.string().optional(),
  bot_id: z.string().optional(),
  subtype: z.string().optional(),
  text: z.string().default(''),
  ts: z.string(),
  thread_ts: z.string().optional(),
  reply_count: z.number().optional(),
  latest_reply: z.string().optional(),
});

/** A raw history message. */
export type HistoryMessage = z.infer<typeof historyMessageSchema>;

const pageSchema = z.object({
  messages: z.array(historyMessageSchema).default([]),
  has_more: z.boolean().optional(),
  response_metadata: z.object({ next_cursor: z.string().optional() }).optional(),
});

/**
 * Reads a channel and the threads in it since `since` (epoch ms), turning each message into the core's
 * shape with `toInbound` (which leaves bots out); oldest first. A thread is read when its parent is in
 * the channel since `since` with replies, or when its parent's ts is in `threadTs` (the questions): a
 * question asked before `since` may have answers in its thread written after it.
 */
export async function fetchSlackHistory(
  client: webApi.WebClient,
  channel: string,
  since: number,
  toInbound: (raw: HistoryMessage) => Promise<InboundMessage | undefined>,
  threadTs: readonly string[],
  log: Logger,
): Promise<HistoryResult> {
  // Reads are safe to repeat: a reset or a 5xx is tried again; a 429 ends the catch-up (see above).
  const policy = slackRetryPolicy(log);
  const read = <T>(what: string, call: () => Promise<T>) => retryTransient(`Slack ${what}`, call, policy);
  // By address: a reply also sent to the channel comes from both history and its thread.
  const messages = new Map<string, { slackTs: string; message: InboundMessage }>();
  const oldest = (since / 1000).toFixed(6);
  const keep = async (raw: HistoryMessage) => {
    const message = await toInbound(raw);
    if (message) messages.set(message.id, { slackTs: raw.ts, message });
  };
  const threads = new Set(threadTs);
  const done = (incomplete?: string): HistoryResult => {
    // Slack's ts counts microseconds: it orders messages of one millisecond, which `message.ts` cannot.
    const sorted = [...messages.values()].sort((a, b) => compareTs(a.slackTs, b.slackTs)).map((entry) => entry.message);
    return incomplete ? { messages: sorted, incomplete } : { messages: sorted };
  };
  let incomplete: string | undefined;
  try {
    let cursor: string | undefined;
    for (let pageNo = 0; ; pageNo++) {
      if (pageNo === HISTORY_PAGES) {
        incomplete = `history beyond ${HISTORY_PAGES} pages was not fetched`;
        break;
      }
      const raw = await read('conversations.history', () =>
        client.conversations.history({ channel, oldest, limit: 200, cursor }),
      );
      const page = pageSchema.parse(raw);
      for (const raw of page.messages) {
        await keep(raw);
        if (raw.reply_count) threads.add(raw.ts);
        // A known question without replies needs no call of its own (the call is scarce: see above).
        else threads.delete(raw.ts);
      }
      cursor = page.response_metadata?.next_cursor || undefined;
      if (!page.has_more || !cursor) break;
    }
    for (const parent of threads) await readThread(client, channel, parent, oldest, keep, read);
    return done(incomplete);
  } catch (error) {
    const reason = isRateLimited(error)
      ? 'Slack rate-limited the history calls (apps outside the Marketplace get about one a minute)'
      : (error as Error).message;
    return done(incomplete ? `${incomplete}; ${reason}` : reason);
  }
}

// The replies in one thread newer than `oldest`; Slack puts the parent first on every page, whatever its age.
async function readThread(
  client: webApi.WebClient,
  channel: string,
  parent: string,
  oldest: string,
  keep: (raw: HistoryMessage) => Promise<void>,
  read: <T>(what: string, call: () => Promise<T>) => Promise<T>,
): Promise<void> {
  let cursor: string | undefined;
  for (let pageNo = 0; pageNo < HISTORY_PAGES; pageNo++) {
    let page;
    try {
      const replies = await read('conversations.replies', () =>
        client.conversations.replies({ channel, ts: parent, oldest, limit: 200, cursor }),
      );
      page = pageSchema.parse(replies);
    } catch (error) {
      // A question deleted since: nothing to read there. Anything else stops the catch-up.
      if (slackError(error) === 'thread_not_found' || slackError(error) === 'message_not_found') return;
      throw error;
    }
    for (const reply of page.messages) if (reply.ts !== parent && Number(reply.ts) > Number(oldest)) await keep(reply);
    cursor = page.response_metadata?.next_cursor || undefined;
    if (!page.has_more || !cursor) return;
  }
}

function slackError(error: unknown): string | undefined {
  return (error as { data?: { error?: string } }).data?.error;
}

/** The newest-first top-level messages of a channel since `since`, one page: enough to find a recent own post. */
export async function recentMessages(
  client: webApi.WebClient,
  channel: string,
  since: number,
): Promise<HistoryMessage[]> {
  return pageSchema.parse(
    await client.conversations.history({ channel, oldest: (since / 1000).toFixed(6), limit: 200 }),
  ).messages;
}

/** A thread's replies since `since` (epoch ms), without its parent: one page, enough to find a recent own post. */
export async function threadReplies(
  client: webApi.WebClient,
  channel: string,
  threadTs: string,
  since: number,
): Promise<HistoryMessage[]> {
  const oldest = (since / 1000).toFixed(6);
  const page = pageSchema.parse(await client.conversations.replies({ channel, ts: threadTs, oldest, limit: 200 }));
  return page.messages.filter((m) => m.ts !== threadTs);
}

/** Orders two Slack timestamps ("1712345678.000100") exactly, as whole microseconds. */
export function compareTs(a: string, b: string): number {
  const micros = (ts: string) => {
    const [seconds = '0', fraction = ''] = ts.split('.');
    return BigInt(seconds) * 1_000_000n + BigInt(fraction.padEnd(6, '0').slice(0, 6) || '0');
  };
  const difference = micros(a) - micros(b);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

/**
 * The bot's message with exactly `text` in the channel (or the thread) since `since`, to tell whether a
 * post whose answer was lost did land. One call, no retry: if it fails, the caller posts again (a
 * duplicate is better than a lost question).
 */
export async function findOwnMessage(
  client: webApi.WebClient,
  want: { channel: string; text: string; threadTs: string | undefined; since: number; bot: string | undefined },
): Promise<string | undefined> {
  const { channel, threadTs } = want;
  const oldest = ((want.since - 2000) / 1000).toFixed(6);
  const page = threadTs
    ? await client.conversations.replies({ channel, ts: threadTs, oldest, limit: 50 })
    : await client.conversations.history({ channel, oldest, limit: 50 });
  const messages = historyMessageSchema.array().parse(page.messages ?? []);
  return messages.find((m) => m.user === want.bot && m.text === want.text && m.ts !== threadTs)?.ts;
}
