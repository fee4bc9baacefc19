import { randomBytes } from 'node:crypto';
import { Routes, type REST } from 'discord.js';
import type { Logger } from '../../src/log.js';
import type { HostNotice, HostNoticeFile, HostNoticeResult } from '../../src/port.js';
import { describeDiscordError } from './discord-error-text.js';
import { discordIdSchema } from './discord-payloads.js';
import { DISCORD_LIMITS } from './discord-render.js';
import { withDiscordRetry } from './discord-retry.js';

/**
 * Tells each host of DISCORD_HOST_IDS a notice in a direct message: POST /users/@me/channels opens (or
 * finds) the DM, then the text goes there in as many messages as 2,000 characters need, the files attached
 * to the last. Both calls are safe to repeat (the DM is the same one; a post carries an enforced nonce), so
 * transient failures are retried. One host's failure (DMs closed, not in the server) never stops the others.
 */
export async function notifyDiscordHosts(
  rest: REST,
  hostIds: readonly string[],
  notice: HostNotice,
  log: Logger,
): Promise<HostNoticeResult> {
  if (hostIds.length === 0) return { reached: 0, failed: [], noHosts: 'no host is configured: set DISCORD_HOST_IDS' };
  const failed: string[] = [];
  for (const hostId of hostIds) {
    try {
      await tellHost(rest, hostId, notice, log);
    } catch (error) {
      failed.push(`${hostId}: ${describeDiscordError(error)}`);
    }
  }
  return { reached: hostIds.length - failed.length, failed };
}

async function tellHost(rest: REST, hostId: string, notice: HostNotice, log: Logger): Promise<void> {
  const open = () => rest.post(Routes.userChannels(), { body: { recipient_id: hostId } });
  const dm = discordIdSchema.parse(await withDiscordRetry('DM channel', open, log)).id;
  await postNoticeIn(rest, dm, notice, log);
}

/** Posts a notice in a channel (or a DM), in pieces of at most 2,000 characters, the files with the last. */
export async function postNoticeIn(rest: REST, dm: string, notice: HostNotice, log: Logger): Promise<void> {
  const parts = splitText(notice.text, DISCORD_LIMITS.messageLength);
  const files = notice.files ?? [];
  for (const [i, content] of parts.entries()) {
    const last = i === parts.length - 1;
    const body = {
      content,
      // A notice pings nobody, whatever its text quotes.
      allowed_mentions: { parse: [] },
      nonce: randomBytes(12).toString('hex'),
      enforce_nonce: true,
      ...(last && files.length ? { attachments: files.map((file, id) => ({ id, filename: file.name })) } : {}),
    };
    const attached = last && files.length ? { files: files.map(rawFile) } : {};
    const send = () => rest.post(Routes.channelMessages(dm), { body, ...attached });
    await withDiscordRetry('DM', send, log);
  }
}

function rawFile(file: HostNoticeFile, index: number) {
  const data = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : Buffer.from(file.content);
  return { key: `files[${index}]`, name: file.name, data, ...(file.mimeType ? { contentType: file.mimeType } : {}) };
}

/** Text in pieces of at most `max` characters, cut after a line where one fits, never inside a surrogate pair. */
export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max - 1) + 1;
    if (cut <= 0) cut = /[\uD800-\uDBFF]/.test(rest[max - 1]!) ? max - 1 : max;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  return [...parts, rest];
}
