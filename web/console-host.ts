import type { Context, MiddlewareHandler } from 'hono';
import type { InboundAuthor } from '../src/port.js';
import { type SignedInHost, viewerOf, type WebEnv } from './viewer.js';
import type { WebDeps } from './web-deps.js';

/**
 * Lets only signed-in hosts through; everyone else gets the plain 404 (never 403: no probing). A POST must also
 * carry this session's CSRF token. Stands in for the sign-in's `requireHost` until that is merged: swap the
 * `app.use` lines of the console routes for it then.
 */
export function consoleHostsOnly(): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const viewer = viewerOf(c);
    if (viewer.kind !== 'host') return c.notFound();
    if (c.req.method === 'POST') {
      const body = await c.req.parseBody();
      if (body._csrf !== viewer.csrf) return c.notFound();
    }
    await next();
  };
}

/** The signed-in host of a console route (consoleHostsOnly has let only hosts through). */
export function consoleHost(c: Context<WebEnv>): SignedInHost {
  const viewer = viewerOf(c);
  if (viewer.kind !== 'host') throw new Error('A console route ran for a visitor: consoleHostsOnly is missing.');
  return viewer;
}

/**
 * The host as the command registry sees them when they act from the console: a host only if their platform says
 * so at this moment (a host removed on the platform can no longer act, even while signed in).
 */
export async function actingHost(deps: WebDeps, host: SignedInHost): Promise<InboundAuthor> {
  const isHost = deps.hostRights ? await deps.hostRights(host.identity) : true;
  return { id: host.identity, displayName: host.name, isBot: false, isHost };
}

/** The channel and community a console action is made from (no platform channel: the website). */
export const CONSOLE_ORIGIN = { channel: 'web:console', community: 'web' } as const;
