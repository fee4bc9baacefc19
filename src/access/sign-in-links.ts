import type { ChatStore } from '../store/chat-store.js';
import type { WebIdentity } from '../store/web-access-repo.js';
import type { Clock } from '../time/clock.js';
import { hashSecret, looksLikeSecret, newSecret } from './access-tokens.js';

/** How long a sign-in link works: long enough to open it, short enough that a leaked one is soon useless. */
export const SIGN_IN_LINK_MS = 10 * 60_000;

// Links and sessions are forgotten a day after they stopped working, so the tables stay small.
const KEEP_ENDED_MS = 24 * 60 * 60_000;

/** What a sign-in link is now: usable (for whom), or why not. */
export type SignInLinkState =
  | ({ kind: 'valid' } & WebIdentity)
  | { kind: 'used' }
  | { kind: 'expired' }
  | { kind: 'unknown' };

/**
 * Makes a one-time sign-in link for a host: returns the token for the URL; only its hash is stored. It works
 * once, for SIGN_IN_LINK_MS, and signs in as exactly this identity.
 */
export function issueSignInLink(store: ChatStore, who: WebIdentity, now: number): string {
  const token = newSecret();
  store.webAccess.prune(now - KEEP_ENDED_MS);
  store.webAccess.saveLink(hashSecret(token), who, now, now + SIGN_IN_LINK_MS);
  return token;
}

/** What a link is now, without using it (the page that offers the "Sign in" button). */
export function inspectSignInLink(store: ChatStore, token: string, now: number): SignInLinkState {
  if (!looksLikeSecret(token)) return { kind: 'unknown' };
  const row = store.webAccess.link(hashSecret(token));
  if (!row) return { kind: 'unknown' };
  if (row.used_at !== null) return { kind: 'used' };
  if (row.expires_at <= now) return { kind: 'expired' };
  return { kind: 'valid', identity: row.identity, name: row.display_name };
}

/** Uses a link up: `valid` (with whom it signs in) for exactly one caller; everyone after is told why not. */
export function redeemSignInLink(store: ChatStore, token: string, now: number): SignInLinkState {
  if (!looksLikeSecret(token)) return { kind: 'unknown' };
  const hash = hashSecret(token);
  if (!store.webAccess.useLink(hash, now)) return inspectSignInLink(store, token, now);
  const row = store.webAccess.link(hash)!;
  return { kind: 'valid', identity: row.identity, name: row.display_name };
}

/** The address of a sign-in link on the site at `baseUrl` (no trailing slash). */
export function signInUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/signin/${token}`;
}

/** What makes sign-in links for the chat command `/emcee console`. */
export interface SignInLinkMaker {
  /** The store the website reads (the same database). */
  store: ChatStore;
  /** Real time: a sped-up demo clock would shorten the link's ten minutes. */
  clock: Clock;
  /** The site's address, from webBaseUrl(config). */
  baseUrl: string;
}

/** `CommandServices.webSignIn` for an entry point that serves the website: a fresh link's URL per call. */
export function webSignInFor(maker: SignInLinkMaker): (identity: string, name: string) => string {
  return (identity, name) =>
    signInUrl(maker.baseUrl, issueSignInLink(maker.store, { identity, name }, maker.clock.now()));
}
