import type { Context, MiddlewareHandler } from 'hono';
import { sameSecret } from '../../src/access/access-tokens.js';
import { findWebSession } from '../../src/access/web-sessions.js';
import { viewerOf, type WebEnv } from '../viewer.js';
import type { WebDeps } from '../web-deps.js';
import { clearSessionCookie, readSessionCookie } from './session-cookie.js';
import { csrfRefusedPage, rightsRemovedPage, rightsUnknownPage, signInExplainerPage } from './sign-in-pages.js';

/**
 * Sets who is looking: the host whose live session the cookie names, else a visitor. A viewer already set
 * (route tests mount the app under one that signs a test host in) is kept.
 */
export function sessionViewer(deps: WebDeps): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    if (!c.get('viewer')) {
      const id = readSessionCookie(c, deps.config);
      const session = id === undefined ? undefined : findWebSession(deps.store, id, deps.clock.now());
      c.set('viewer', session ? { kind: 'host', ...session } : { kind: 'visitor' });
    }
    await next();
  };
}

// The one POST a visitor may make: using a sign-in link, which its own secret token protects.
const SIGN_IN_LINK_PATH = /^\/signin\/[^/]+$/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses (403) every state-changing request that does not carry this session's CSRF token, as the `_csrf`
 * form field or the X-CSRF-Token header; a visitor has no token, so every such request of theirs is refused.
 */
export function csrfGuard(): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || (c.req.method === 'POST' && SIGN_IN_LINK_PATH.test(c.req.path))) {
      await next();
      return;
    }
    const viewer = viewerOf(c);
    const given = c.req.header('x-csrf-token') ?? (await formField(c, '_csrf'));
    if (viewer.kind !== 'host' || given === undefined || !sameSecret(given, viewer.csrf)) {
      return c.html(csrfRefusedPage(viewer), 403);
    }
    await next();
  };
}

// Hono keeps the parsed body, so the route reads the same form after this.
async function formField(c: Context, name: string): Promise<string | undefined> {
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) {
    return undefined;
  }
  const value = (await c.req.parseBody())[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Lets only signed-in hosts through (the console's routes): a visitor gets the sign-in page (401); a host is
 * asked about afresh (WebDeps.hostRights) on every request, and one the platform no longer counts as a host is
 * signed out everywhere and told so.
 */
export function requireHost(deps: WebDeps): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const viewer = viewerOf(c);
    if (viewer.kind !== 'host') {
      return c.html(signInExplainerPage(viewer, 'Sign in to open the console.'), 401);
    }
    if (deps.hostRights) {
      let isHost: boolean;
      try {
        isHost = await deps.hostRights(viewer.identity);
      } catch (error) {
        deps.log.warn('Could not check host rights', { identity: viewer.identity, error });
        return c.html(rightsUnknownPage(viewer), 503);
      }
      if (!isHost) {
        deps.store.webAccess.endSessionsOf(viewer.identity, deps.clock.now());
        clearSessionCookie(c, deps.config);
        deps.log.info('Signed out someone who is no longer a host', { identity: viewer.identity });
        return c.html(rightsRemovedPage(), 401);
      }
    }
    await next();
  };
}
