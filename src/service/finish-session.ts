import type { CoreConfig } from '../config/core-config.js';
import type { Logger } from '../log.js';
import type { Platform } from '../port.js';
import { summarizeQuestions } from '../recap/llm-summary.js';
import { postChannelRecap, writeSessionRecap } from '../recap/session-recap.js';
import { sessionRecapInput } from '../recap/session-recap-input.js';
import type { SessionRunner } from '../session/session-runner.js';
import type { ChatStore } from '../store/chat-store.js';

/**
 * What happens when a chat ends, for every entry point: the short recap goes to the channel, the full one
 * (with the AI summary when one is configured) to files. Returns the files written.
 */
export async function finishSession(
  deps: { store: ChatStore; platform: Platform; log: Logger; config: CoreConfig },
  session: SessionRunner,
): Promise<string[]> {
  try {
    await postChannelRecap(deps.store, deps.platform, session);
  } catch (error) {
    deps.log.error('Could not post the recap in the channel', { session: session.id, error });
  }
  const extras = await summarizeQuestions(sessionRecapInput(deps.store, session.id), deps.config, deps.log);
  return writeSessionRecap(deps.store, session.id, deps.config.EMCEE_RECAP_DIR, extras);
}

/** Writes a finished session's recap files again (answers written before its close arrived after it). */
export async function rewriteRecapFiles(
  deps: { store: ChatStore; log: Logger; config: CoreConfig },
  session: SessionRunner,
): Promise<string[]> {
  return writeSessionRecap(deps.store, session.id, deps.config.EMCEE_RECAP_DIR);
}
