import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import type { HistoryResult, InboundMessage } from '../../src/port.js';
import { isRateLimited } from './slack-rate-limit.js';

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
 * shape with `toInbound` (which leaves bots out); oldest first.
 */
export async function fetchSlackHistory(
  client: webApi.WebClient,
  channel: string,
  since: number,
  toInbound: (raw: HistoryMessage) => Promise<InboundMessage | undefined>,
): Promise<HistoryResult> {
  const found: { ts: string; message: InboundMessage }[] = [];
  const oldest = (since / 1000).toFixed(6);
  const keep = async (raw: HistoryMessage) => {
    const message = await toInbound(raw);
    if (message) found.push({ ts: raw.ts, message });
  };
  // Slack's ts orders messages to the microsecond; InboundMessage.ts keeps only milliseconds.
  const oldestFirst = () => found.sort((a, b) => compareTs(a.ts, b.ts)).map((entry) => entry.message);
  let cursor: string | undefined;
  try {
    for (let pageNo = 0; pageNo < HISTORY_PAGES; pageNo++) {
      const page = pageSchema.parse(await client.conversations.history({ channel, oldest, limit: 200, cursor }));
      for (const raw of page.messages) {
        await keep(raw);
        if (raw.reply_count) {
          const thread = pageSchema.parse(await client.conversations.replies({ channel, ts: raw.ts, oldest, limit: 200 }));
          // The first message of a replies page is the parent, already kept.
          for (const reply of thread.messages.filter((m) => m.ts !== raw.ts)) await keep(reply);
        }
      }
      cursor = page.response_metadata?.next_cursor || undefined;
      if (!page.has_more || !cursor) return { messages: oldestFirst() };
    }
    return { messages: oldestFirst(), incomplete: `history beyond ${HISTORY_PAGES} pages was not fetched` };
  } catch (error) {
    const reason = isRateLimited(error)
      ? 'Slack rate-limited the history calls (apps outside the Marketplace get about one a minute)'
      : (error as Error).message;
    return { messages: oldestFirst(), incomplete: reason };
  }
}

/** The newest-first top-level messages of a channel since `since`, one page: enough to find a recent own post. */
export async function recentMessages(client: webApi.WebClient, channel: string, since: number): Promise<HistoryMessage[]> {
  return pageSchema.parse(await client.conversations.history({ channel, oldest: (since / 1000).toFixed(6), limit: 200 })).messages;
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
