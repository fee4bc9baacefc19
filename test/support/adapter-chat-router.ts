import type { PlatformAdapter } from '../../src/port.js';
import { postChannelRecap } from '../../src/recap/session-recap.js';
import { ScriptCatalog } from '../../src/script/script-catalog.js';
import type { ChatStore } from '../../src/store/chat-store.js';
import type { ManualClock } from '../../src/time/manual-clock.js';
import { finishingChatRouter } from './finishing-chat-router.js';

/** The engine behind a real adapter, as the entry points wire it; `ended` lists sessions that finished. */
export function adapterChatRouter(adapter: PlatformAdapter, store: ChatStore, clock: ManualClock, scripts = 'prompts') {
  const { router: host, ended } = finishingChatRouter(
    { store, platform: adapter, clock, scripts: new ScriptCatalog(scripts) },
    (session) => postChannelRecap(store, adapter, session),
  );
  return { host, ended };
}
