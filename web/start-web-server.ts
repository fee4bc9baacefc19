import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Hono } from 'hono';
import { createWebApp } from './create-web-app.js';
import type { WebEnv } from './viewer.js';
import type { WebDeps } from './web-deps.js';
import { WebLifecycle } from './web-lifecycle.js';

/** A running website. */
export interface RunningWeb {
  /** Where it listens, e.g. "http://127.0.0.1:8787". */
  localUrl: string;
  /** Stops listening and closes open connections (live pages included). */
  close(): Promise<void>;
}

/** Where to listen. */
export interface Listen {
  /** The interface, e.g. 127.0.0.1. */
  host: string;
  /** The port; 0 picks a free one. */
  port: number;
}

// Long enough for live streams to send their goodbye; then whatever is still open is cut.
const CLOSE_GRACE_MS = 1000;

/**
 * Serves the site (or the app `build` makes over the same deps); rejects with a plain message when the port is
 * taken.
 */
export function startWebServer(
  deps: WebDeps,
  listen: Listen,
  build: (lifecycle: WebLifecycle) => Hono<WebEnv> = (lifecycle) => createWebApp(deps, lifecycle),
): Promise<RunningWeb> {
  const lifecycle = new WebLifecycle();
  const app = build(lifecycle);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: listen.host, port: listen.port }) as Server;
    server.once('error', (error: NodeJS.ErrnoException) => {
      const why =
        error.code === 'EADDRINUSE'
          ? `port ${listen.port} on ${listen.host} is in use: set EMCEE_WEB_PORT to another port, or EMCEE_WEB=off`
          : error.message;
      reject(new Error(`The website could not start: ${why}.`));
    });
    server.once('listening', () => {
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        localUrl: `http://${shownHost}:${address.port}`,
        close: () =>
          new Promise<void>((done) => {
            const cut = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
            server.close(() => {
              clearTimeout(cut);
              done();
            });
            // Live streams end themselves (a goodbye event); idle keep-alive connections go at once.
            lifecycle.close();
            server.closeIdleConnections();
            setImmediate(() => server.closeIdleConnections());
          }),
      });
    });
  });
}
