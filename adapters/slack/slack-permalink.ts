import { parseMessageAddress } from './slack-addresses.js';

/**
 * The link that opens a message in Slack, in the form chat.getPermalink answers (documented with that method):
 * https://<workspace>.slack.com/archives/<channel>/p<ts without its dot>, and for a reply in a thread
 * `?thread_ts=<parent ts>&cid=<channel>` after it. The workspace's address comes from auth.test's `url`, which the
 * adapter keeps when it starts; without it (the website served alone, with no bot connected) the link opens the
 * channel through Slack's documented app_redirect deep link, which needs only the workspace and channel ids.
 * Undefined for anything that is not a Slack message address.
 */
export function slackPermalink(address: string, workspaceUrl?: string): string | undefined {
  let ref: ReturnType<typeof parseMessageAddress>;
  try {
    ref = parseMessageAddress(address);
  } catch {
    return undefined;
  }
  const { team, channel, ts, threadTs } = ref;
  if (!/^\d+\.\d+$/.test(ts)) return undefined;
  const base = workspaceUrl && /^https:\/\/[^/?#]+\/?$/.test(workspaceUrl) ? workspaceUrl.replace(/\/$/, '') : '';
  if (!base) return `https://slack.com/app_redirect?team=${enc(team)}&channel=${enc(channel)}`;
  const link = `${base}/archives/${enc(channel)}/p${ts.replace('.', '')}`;
  return threadTs === ts ? link : `${link}?thread_ts=${enc(threadTs)}&cid=${enc(channel)}`;
}

function enc(part: string): string {
  return encodeURIComponent(part);
}
