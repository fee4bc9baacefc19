import { Hono } from 'hono';
import { createWebApp } from '../../web/create-web-app.js';
import type { WebLifecycle } from '../../web/web-lifecycle.js';
import { startWebServer, type RunningWeb } from '../../web/start-web-server.js';
import { type SignedInHost, viewerOf, type WebEnv } from '../../web/viewer.js';
import { notFoundPage } from '../../web/error-pages.js';
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

/** A signed-in host for tests that skip the sign-in (see startWebRig's `asHost`). */
export const TEST_HOST: SignedInHost = { kind: 'host', identity: 'local:host', name: 'Hana Host', csrf: 'test-csrf' };

/**
 * Serves the site on a free port of 127.0.0.1 over `deps` (an in-memory store and a manual clock by default).
 * With `asHost`, every request is made as that signed-in host, without the sign-in.
 */
export async function startWebRig(overrides: Partial<WebDeps> = {}, asHost?: SignedInHost): Promise<WebRig> {
  const deps: WebDeps = {
    store: ChatStore.open(':memory:'),
    clock: new ManualClock(Date.UTC(2026, 11, 1, 12)),
    log: capturingLogger(),
    config: { recapDir: 'data/recaps' },
    ...overrides,
  };
  const build = (lifecycle: WebLifecycle) => {
    const app = createWebApp(deps, lifecycle);
    if (!asHost) return app;
    const outer = new Hono<WebEnv>();
    outer.use('*', async (c, next) => {
      c.set('viewer', asHost);
      await next();
    });
    outer.route('/', app);
    // A mounted app's not-found page does not carry over to the outer one.
    outer.notFound((c) => c.html(notFoundPage(viewerOf(c)), 404));
    return outer;
  };
  const web = await startWebServer(deps, { host: '127.0.0.1', port: 0 }, build);
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
