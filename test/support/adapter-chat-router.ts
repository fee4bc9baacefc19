import type { PlatformAdapter } from '../../src/port.js';
import { postChannelRecap } from '../../src/recap/session-recap.js';
import { ScriptCatalog } from '../../src/script/script-catalog.js';
import { deliverFollowUps } from '../../src/service/deliver-follow-ups.js';
import type { ChatStore } from '../../src/store/chat-store.js';
import type { ManualClock } from '../../src/time/manual-clock.js';
import { silentLogger } from '../../src/log.js';
import { finishingChatRouter } from './finishing-chat-router.js';

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
  const { router: host, ended } = finishingChatRouter(
    { store, platform: adapter, clock, scripts: new ScriptCatalog(scripts) },
    async (session) => {
      await postChannelRecap(store, adapter, session);
      if (options.followUps) await deliverFollowUps({ store, platform: adapter, log: silentLogger, clock }, session);
    },
  );
  return { host, ended };
}
