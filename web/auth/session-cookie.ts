import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { WEB_SESSION_MS } from '../../src/access/web-sessions.js';
import type { WebConfig } from '../web-deps.js';

/**
 * Whether cookies must travel over HTTPS only: when people reach the site at an https address. A site on
 * http://127.0.0.1 (the demo) could not keep a Secure cookie.
 */
export function secureCookies(config: WebConfig): boolean {
  return config.publicUrl?.startsWith('https:') ?? false;
}

// Over HTTPS the __Host- prefix makes browsers refuse the cookie unless it is Secure, host-only and Path=/.
function cookieName(config: WebConfig): string {
  return secureCookies(config) ? '__Host-emcee-session' : 'emcee-session';
}

/** The session id the browser sent, if any. */
export function readSessionCookie(c: Context, config: WebConfig): string | undefined {
  return getCookie(c, cookieName(config));
}

/** Gives the browser its session: HttpOnly (no script reads it), SameSite=Lax, Path=/, 7 days, Secure on https. */
export function writeSessionCookie(c: Context, config: WebConfig, sessionId: string): void {
  setCookie(c, cookieName(config), sessionId, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: secureCookies(config),
    maxAge: Math.floor(WEB_SESSION_MS / 1000),
  });
}

/** Tells the browser to forget its session cookie. */
export function clearSessionCookie(c: Context, config: WebConfig): void {
  deleteCookie(c, cookieName(config), { path: '/', secure: secureCookies(config), httpOnly: true, sameSite: 'Lax' });
}
