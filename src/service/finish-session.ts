import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { CoreConfig } from '../config/core-config.js';
import type { Logger } from '../log.js';
import type { Platform } from '../port.js';
import { summarizeQuestions } from '../recap/llm-summary.js';
import { postChannelRecap, writeSessionRecap } from '../recap/session-recap.js';
import { sessionRecapInput } from '../recap/session-recap-input.js';
import type { SessionRunner } from '../session/session-runner.js';
import type { ChatStore } from '../store/chat-store.js';
import type { Clock } from '../time/clock.js';
import { deliverFollowUps } from './deliver-follow-ups.js';
import { tellHosts } from './tell-hosts.js';

/**
 * What happens when a chat ends, for every entry point: the short recap goes to the channel, the full one
 * (with the AI summary when one is configured) to files, the follow-up list to the hosts. Returns the files
 * written.
 */
export async function finishSession(
  deps: { store: ChatStore; platform: Platform; log: Logger; config: CoreConfig; clock: Clock },
  session: SessionRunner,
): Promise<string[]> {
  try {
    await postChannelRecap(deps.store, deps.platform, session);
  } catch (error) {
    deps.log.error('Could not post the recap in the channel', { session: session.id, error });
  }
  // A rehearsal shows the host the channel recap and keeps nothing: no files, no archive.
  if (session.rehearsal) return [];
  try {
    const input = sessionRecapInput(deps.store, session.id, { community: false });
    const extras = await summarizeQuestions(input, deps.config, deps.log);
    const paths = writeSessionRecap(deps.store, session.id, deps.config.EMCEE_RECAP_DIR, extras);
    if (session.script.recapDelivery !== 'none') await deliverRecapFiles(deps, session, paths);
    return paths;
  } finally {
    // The hosts get their follow-up list even when the recap files could not be written.
    try {
      await deliverFollowUps(deps, session);
    } catch (error) {
      deps.log.error('Could not make the follow-up list; "emcee followups" shows it', { session: session.id, error });
    }
  }
}

// The full recap goes where the series says: to the hosts in a direct message, or into the chat's channel (the
// hosts get it where the platform cannot share files there), as Markdown and HTML files.
async function deliverRecapFiles(
  deps: { store: ChatStore; platform: Platform; log: Logger },
  session: SessionRunner,
  paths: readonly string[],
): Promise<void> {
  const { script } = session;
  const counts = deps.store.messages.answerCounts(session.id, 0);
  const day = new Date(deps.store.sessions.get(session.id)?.started_at ?? Date.now()).toISOString().slice(0, 10);
  const files = paths
    .filter((path) => /\.(md|html)$/.test(path))
    .map((path) => ({
      name: `${script.id}-${day}${extname(path)}`,
      content: readFileSync(path),
      mimeType: path.endsWith('.md') ? 'text/markdown' : 'text/html',
    }));
  const text =
    `The recap of ${script.title} (${day}): ${counts.total} answer${counts.total === 1 ? '' : 's'} from ` +
    `${counts.participants} ${counts.participants === 1 ? 'person' : 'people'}. Markdown for a blog post, ` +
    `HTML to share.`;
  if (session.script.recapDelivery === 'channel' && deps.platform.shareFiles) {
    try {
      await deps.platform.shareFiles(session.channel, { text, files });
      return;
    } catch (error) {
      deps.log.warn('Could not share the recap files in the channel; sending them to the hosts', { error });
    }
  }
  await tellHosts(deps.platform, deps.log, { text, files });
}

/** Writes a finished session's recap files again (answers written before its close arrived after it). */
export async function rewriteRecapFiles(
  deps: { store: ChatStore; log: Logger; config: CoreConfig },
  session: SessionRunner,
): Promise<string[]> {
  return writeSessionRecap(deps.store, session.id, deps.config.EMCEE_RECAP_DIR);
}
