import type { MiddlewareHandler } from 'hono';
import { viewerOf, type WebEnv } from './viewer.js';

/**
 * The site loads nothing from elsewhere and runs only its own scripts: even if participant text ever escaped
 * the templates, the browser would refuse to run or fetch what it names.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  // Recap pages draw their charts as inline SVG; data: images are the HTML recap's only images.
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Sets the CSP and the usual hardening headers on every response. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'same-origin');
    c.header('X-Frame-Options', 'DENY');
  };
}

/**
 * Keeps every response to a signed-in host out of caches (a shared proxy, the browser's history): it may show an
 * unpublished series, the console or the CSRF token. The site's assets are the same for everyone and stay cacheable.
 */
export function privateForHosts(): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    await next();
    if (viewerOf(c).kind === 'host' && !c.req.path.startsWith('/assets/')) {
      c.header('Cache-Control', 'private, no-store');
    }
  };
}
