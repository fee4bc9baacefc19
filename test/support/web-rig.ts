import { startWebServer, type RunningWeb } from '../../web/start-web-server.js';
import type { WebDeps } from '../../web/web-deps.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { ManualClock } from '../../src/time/manual-clock.js';
import { capturingLogger } from './capturing-logger.js';

/** A website on 127.0.0.1 over a store, for route and browser tests. */
export interface WebRig {
  /** The site's deps (change the store through them). */
  deps: WebDeps;
  /** The running server. */
  web: RunningWeb;
  /** Its base URL, e.g. http://127.0.0.1:41234. */
  url: string;
  /** Stops the server and closes the store. */
  close(): Promise<void>;
}

/** Serves the site on a free port of 127.0.0.1 over `deps` (an in-memory store and a manual clock by default). */
export async function startWebRig(overrides: Partial<WebDeps> = {}): Promise<WebRig> {
  const deps: WebDeps = {
    store: ChatStore.open(':memory:'),
    clock: new ManualClock(Date.UTC(2026, 11, 1, 12)),
    log: capturingLogger(),
    config: { recapDir: 'data/recaps' },
    ...overrides,
  };
  const web = await startWebServer(deps, { host: '127.0.0.1', port: 0 });
  return {
    deps,
    web,
    url: web.localUrl,
    close: async () => {
      await web.close();
      deps.store.close();
    },
  };
}
