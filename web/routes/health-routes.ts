import type { Hono } from 'hono';
import type { WebEnv } from '../viewer.js';
import type { WebDeps } from '../web-deps.js';

/** `/healthz` for whoever deploys Emcee: 200 with the process's state, 503 when the database cannot be read. */
export function registerHealthRoutes(app: Hono<WebEnv>, deps: WebDeps): void {
  app.get('/healthz', (c) => {
    let database: 'reachable' | 'unreachable' = 'reachable';
    try {
      deps.store.db.prepare('SELECT 1').get();
    } catch {
      database = 'unreachable';
    }
    const body = {
      ok: database === 'reachable',
      database,
      chatsRunning: deps.bot?.runningChats() ?? 0,
      servesChats: deps.bot !== undefined,
      at: new Date(deps.clock.now()).toISOString(),
    };
    return c.json(body, body.ok ? 200 : 503);
  });
}
