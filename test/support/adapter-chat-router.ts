import { ChatRouter } from '../../src/chat-router.js';
import { silentLogger } from '../../src/log.js';
import type { PlatformAdapter } from '../../src/port.js';
import { postChannelRecap } from '../../src/recap/session-recap.js';
import { ScriptCatalog } from '../../src/script/script-catalog.js';
import { deliverFollowUps } from '../../src/service/deliver-follow-ups.js';
import type { ChatStore } from '../../src/store/chat-store.js';
import type { ManualClock } from '../../src/time/manual-clock.js';

/**
 * The engine behind a real adapter, as the entry points wire it; `ended` lists sessions that finished. With
 * `followUps`, the hosts get their follow-up list after each chat, as finishSession sends it.
 */
export function adapterChatRouter(
  adapter: PlatformAdapter,
  store: ChatStore,
  clock: ManualClock,
  scripts = 'prompts',
  options: { followUps?: boolean } = {},
) {
  const ended: number[] = [];
  const host = new ChatRouter({
    store,
    platform: adapter,
    clock,
    log: silentLogger,
    // These tests end chats and wait for the end; the grace before the thanks has tests of its own.
    closeGraceMs: 0,
    scripts: new ScriptCatalog(scripts),
    onEnded: async (session) => {
      await postChannelRecap(store, adapter, session);
      if (options.followUps) await deliverFollowUps({ store, platform: adapter, log: silentLogger, clock }, session);
      ended.push(session.id);
    },
  });
  return { host, ended };
}
