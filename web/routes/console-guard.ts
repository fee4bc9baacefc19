import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { notFoundPage } from '../error-pages.js';
import { viewerOf, type WebEnv } from '../viewer.js';

/**
 * The live console's gate: hosts only, everyone else the plain 404 page (never 403: nothing to probe), and a
 * POST must carry the session's CSRF token. A stand-in until the sign-in's requireHost and CSRF middleware land:
 * swap them in here, in this one place.
 */
export function consoleHostOnly(): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const viewer = viewerOf(c);
    if (viewer.kind !== 'host') return c.html(notFoundPage(viewer), 404);
    if (c.req.method === 'POST') {
      const body = await c.req.parseBody();
      const given = typeof body._csrf === 'string' ? body._csrf : '';
      if (!sameToken(given, viewer.csrf)) {
        return c.text('This form is out of date: reload the page and try again.', 403);
      }
    }
    await next();
  };
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
