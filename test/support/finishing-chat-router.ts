import { ChatRouter, type ChatRouterDeps } from '../../src/chat-router.js';
import type { CoreConfig } from '../../src/config/core-config.js';
import { silentLogger } from '../../src/log.js';
import { finishSession } from '../../src/service/finish-session.js';
import type { SessionRunner } from '../../src/session/session-runner.js';
import type { ManualClock } from '../../src/time/manual-clock.js';

/**
 * The engine as the entry points wire it, for tests that end chats and wait for the end: the thanks follow the
 * closing at once (the grace before them has tests of its own), then `finish` runs — finishSession with the given
 * settings, as the chat service does, or the test's own end. `ended` lists the sessions finished, in order.
 */
export function finishingChatRouter(
  deps: Pick<ChatRouterDeps, 'store' | 'platform' | 'scripts' | 'recapDir'> & { clock: ManualClock },
  finish: CoreConfig | ((session: SessionRunner) => Promise<unknown>),
): { router: ChatRouter; ended: number[] } {
  const ended: number[] = [];
  const { store, platform, clock } = deps;
  const end =
    typeof finish === 'function'
      ? finish
      : (session: SessionRunner) =>
          finishSession({ store, platform, log: silentLogger, config: finish, clock }, session);
  const router = new ChatRouter({
    ...deps,
    log: silentLogger,
    closeGraceMs: 0,
    onEnded: async (session) => {
      await end(session);
      ended.push(session.id);
    },
  });
  return { router, ended };
}
