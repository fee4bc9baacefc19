import type { Context, Hono } from 'hono';
import { inspectSignInLink, redeemSignInLink } from '../../src/access/sign-in-links.js';
import { endWebSession, openWebSession } from '../../src/access/web-sessions.js';
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from '../auth/session-cookie.js';
import {
  linkRefusedPage,
  rightsRemovedPage,
  rightsUnknownPage,
  signInExplainerPage,
  signInOfferPage,
} from '../auth/sign-in-pages.js';
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
    const token = c.req.param('token');
    if (postedFromAnotherSite(c)) {
      // Another site's page posting someone's own link would sign this browser in as them (login CSRF): the
      // link is left unused and its button offered here instead, naming whom it signs in as.
      const link = inspectSignInLink(deps.store, token, now);
      if (link.kind !== 'valid') return c.html(linkRefusedPage(viewerOf(c), link.kind), refusedStatus(link.kind));
      return c.html(signInOfferPage(viewerOf(c), link.name, token), 403);
    }
    // Rights are asked before the link is used up: when the platform cannot answer now, the link still works later.
    const offered = inspectSignInLink(deps.store, token, now);
    if (offered.kind !== 'valid') {
      return c.html(linkRefusedPage(viewerOf(c), offered.kind), refusedStatus(offered.kind));
    }
    let hosting = true;
    try {
      hosting = deps.hostRights ? await deps.hostRights(offered.identity) : true;
    } catch {
      return c.html(rightsUnknownPage(viewerOf(c)), 503);
    }
    if (!hosting) return c.html(rightsRemovedPage(), 403);
    const link = redeemSignInLink(deps.store, token, now);
    if (link.kind !== 'valid') return c.html(linkRefusedPage(viewerOf(c), link.kind), refusedStatus(link.kind));
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

// Browsers say where a request comes from (Sec-Fetch-Site); the button of our own page is "same-origin".
function postedFromAnotherSite(c: Context): boolean {
  const site = c.req.header('sec-fetch-site');
  return site !== undefined && site !== 'same-origin' && site !== 'none';
}

function noStore(c: Context): void {
  c.header('Cache-Control', 'no-store');
}
