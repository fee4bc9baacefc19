import type { ChatStore } from '../store/chat-store.js';
import type { WebIdentity } from '../store/web-access-repo.js';
import { hashSecret, looksLikeSecret, newSecret } from './access-tokens.js';

/** How long a signed-in session lasts; then the host asks for a new link. */
export const WEB_SESSION_MS = 7 * 24 * 60 * 60_000;

/** A session just opened: the id goes in the cookie (the store keeps its hash only). */
export interface OpenedSession {
  /** The secret for the cookie. */
  id: string;
  /** The token every form of this session carries. */
  csrf: string;
  /** When it ends, epoch ms. */
  expiresAt: number;
}

/** A live session, as the website's pages see it. */
export interface LiveSession extends WebIdentity {
  /** The session's CSRF token. */
  csrf: string;
}

/** Opens a session for a host who just used their sign-in link. */
export function openWebSession(store: ChatStore, who: WebIdentity, now: number): OpenedSession {
  const opened = { id: newSecret(), csrf: newSecret(), expiresAt: now + WEB_SESSION_MS };
  store.webAccess.saveSession(hashSecret(opened.id), who, opened.csrf, now, opened.expiresAt);
  return opened;
}

/** The live session a cookie names, or undefined when it is unknown, expired or signed out. */
export function findWebSession(store: ChatStore, id: string, now: number): LiveSession | undefined {
  if (!looksLikeSecret(id)) return undefined;
  const row = store.webAccess.liveSession(hashSecret(id), now);
  return row && { identity: row.identity, name: row.display_name, csrf: row.csrf_token };
}

/** Signs a session out on the server: its cookie no longer opens anything, even if kept. */
export function endWebSession(store: ChatStore, id: string, now: number): void {
  if (looksLikeSecret(id)) store.webAccess.endSession(hashSecret(id), now);
}
