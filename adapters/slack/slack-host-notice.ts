import type { webApi } from '@slack/bolt';
import type { Logger } from '../../src/log.js';
import type { HostNotice, HostNoticeResult } from '../../src/port.js';
import { describeSlackFailure, withRateLimitRetry } from './slack-rate-limit.js';
import { escapeOutbound } from './slack-text.js';

/**
 * Tells each configured host (SLACK_HOST_IDS) a notice in a direct message from the app. chat.postMessage
 * to a user id posts in the app's DM with them (the Messages tab of its App Home) and answers with that
 * DM's channel id, where files.uploadV2 then shares the files: no conversations.open, so no im:write.
 * Hosts are told one after another; one host's failure is reported and the others are still told.
 */
export async function notifySlackHosts(
  client: webApi.WebClient,
  hostIds: readonly string[],
  notice: HostNotice,
  log: Logger,
): Promise<HostNoticeResult> {
  if (hostIds.length === 0) return { reached: 0, failed: [], noHosts: 'no host is configured: set SLACK_HOST_IDS' };
  const failed: string[] = [];
  for (const hostId of hostIds) {
    const problem = await postNoticeWithFiles(client, hostId, notice, log);
    if (problem) failed.push(`${hostId}: ${problem}`);
  }
  return { reached: hostIds.length - failed.length, failed };
}

/**
 * Posts a notice with its files where `hostId` says: a user id (the app's DM with them) or a channel id.
 * Undefined when the text and every file arrived; otherwise what went wrong, in a few words.
 */
export async function postNoticeWithFiles(
  client: webApi.WebClient,
  hostId: string,
  notice: HostNotice,
  log: Logger,
): Promise<string | undefined> {
  let dm: string;
  try {
    // Not retried after a request error: the host might get the message twice. 429s are waited out.
    const posted = await withRateLimitRetry(
      () => client.chat.postMessage({ channel: hostId, text: escapeOutbound(notice.text), unfurl_links: false }),
      log,
    );
    dm = String(posted.channel);
  } catch (error) {
    return `the message could not be sent (${describeSlackFailure(error)})`;
  }
  const files = notice.files ?? [];
  if (files.length === 0) return undefined;
  try {
    const uploads = files.map((file) => ({
      file: typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : Buffer.from(file.content),
      filename: file.name,
      title: file.name,
    }));
    await withRateLimitRetry(() => client.filesUploadV2({ channel_id: dm, file_uploads: uploads }), log);
    return undefined;
  } catch (error) {
    const names = files.map((file) => file.name).join(', ');
    return `the message arrived but the files (${names}) did not (${describeSlackFailure(error)})`;
  }
}
