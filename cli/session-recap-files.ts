import type { Logger } from '../src/log.js';
import type { Platform } from '../src/port.js';
import { postChannelRecap, writeSessionRecap } from '../src/recap/session-recap.js';
import type { SessionRunner } from '../src/session/session-runner.js';
import type { ChatStore } from '../src/store/chat-store.js';

/**
 * What happens when a chat ends, for every entry point: the short recap goes to the channel, the full one
 * to files. Returns the files written.
 */
export async function finishSession(
  deps: { store: ChatStore; platform: Platform; log: Logger; recapDir: string },
  session: SessionRunner,
): Promise<string[]> {
  try {
    await postChannelRecap(deps.store, deps.platform, session);
  } catch (error) {
    deps.log.error('Could not post the recap in the channel', { session: session.id, error });
  }
  return writeSessionRecap(deps.store, session.id, deps.recapDir);
}
