import type { Context, Hono } from 'hono';
import { inspectSignInLink, redeemSignInLink } from '../../src/access/sign-in-links.js';
import { endWebSession, openWebSession } from '../../src/access/web-sessions.js';
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from '../auth/session-cookie.js';
import { linkRefusedPage, rightsRemovedPage, signInExplainerPage, signInOfferPage } from '../auth/sign-in-pages.js';
import { viewerOf, type WebEnv } from '../viewer.js';
import type { WebDeps } from '../web-deps.js';

/** Signing in with a one-time link, and signing out. */
export function registerAuthRoutes(app: Hono<WebEnv>, deps: WebDeps): void {
  app.get('/signin', (c) => {
    noStore(c);
    return c.html(signInExplainerPage(viewerOf(c)));
  });

  // Looking at a link uses nothing up: chat apps fetch links for their previews.
  app.get('/signin/:token', (c) => {
    noStore(c);
    const token = c.req.param('token');
    const link = inspectSignInLink(deps.store, token, deps.clock.now());
    if (link.kind !== 'valid') return c.html(linkRefusedPage(viewerOf(c), link.kind), refusedStatus(link.kind));
    return c.html(signInOfferPage(viewerOf(c), link.name, token));
  });

  app.post('/signin/:token', async (c) => {
    noStore(c);
    const now = deps.clock.now();
    const link = redeemSignInLink(deps.store, c.req.param('token'), now);
    if (link.kind !== 'valid') return c.html(linkRefusedPage(viewerOf(c), link.kind), refusedStatus(link.kind));
    if (deps.hostRights && !(await deps.hostRights(link.identity))) return c.html(rightsRemovedPage(), 403);
    const previous = readSessionCookie(c, deps.config);
    if (previous !== undefined) endWebSession(deps.store, previous, now);
    const session = openWebSession(deps.store, { identity: link.identity, name: link.name }, now);
    writeSessionCookie(c, deps.config, session.id);
    deps.log.info('A host signed in to the website', { identity: link.identity });
    return c.redirect('/console', 303);
  });

  // The CSRF guard has checked the form's token by now.
  app.post('/signout', (c) => {
    const id = readSessionCookie(c, deps.config);
    if (id !== undefined) endWebSession(deps.store, id, deps.clock.now());
    clearSessionCookie(c, deps.config);
    return c.redirect('/', 303);
  });
}

function refusedStatus(kind: 'used' | 'expired' | 'unknown'): 404 | 410 {
  return kind === 'unknown' ? 404 : 410;
}

function noStore(c: Context): void {
  c.header('Cache-Control', 'no-store');
}
