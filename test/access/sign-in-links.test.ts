import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  inspectSignInLink,
  issueSignInLink,
  redeemSignInLink,
  SIGN_IN_LINK_MS,
  signInUrl,
  webSignInFor,
} from '../../src/access/sign-in-links.js';
import { endWebSession, findWebSession, openWebSession, WEB_SESSION_MS } from '../../src/access/web-sessions.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { ManualClock } from '../../src/time/manual-clock.js';

const HANA = { identity: 'slack:T1:U2', name: 'Hana Host' };
let store: ChatStore;
let clock: ManualClock;

beforeEach(() => {
  store = ChatStore.open(':memory:');
  clock = new ManualClock(Date.UTC(2026, 2, 5, 18));
});
afterEach(() => store.close());

describe('sign-in links', () => {
  it('are 32 random bytes in base64url, and only their SHA-256 is stored', async () => {
    const token = issueSignInLink(store, HANA, clock.now());
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(issueSignInLink(store, HANA, clock.now())).not.toBe(token);
    const rows = store.db.prepare('SELECT * FROM web_signin_links').all() as Record<string, unknown>[];
    expect(rows).toHaveLength(2);
    expect(JSON.stringify(rows)).not.toContain(token);
    const hash = createHash('sha256').update(token).digest('hex');
    expect(rows.map((row) => row.token_hash)).toContain(hash);
  });

  it('work for 10 minutes, bound to the identity and name they were made for', async () => {
    const token = issueSignInLink(store, HANA, clock.now());
    await clock.advance(SIGN_IN_LINK_MS - 1);
    expect(inspectSignInLink(store, token, clock.now())).toEqual({ kind: 'valid', ...HANA });
    await clock.advance(1);
    expect(inspectSignInLink(store, token, clock.now())).toEqual({ kind: 'expired' });
    expect(redeemSignInLink(store, token, clock.now())).toEqual({ kind: 'expired' });
  });

  it('work once: looking at one uses nothing, the second use is refused as used', async () => {
    const token = issueSignInLink(store, HANA, clock.now());
    expect(inspectSignInLink(store, token, clock.now()).kind).toBe('valid');
    expect(inspectSignInLink(store, token, clock.now()).kind).toBe('valid');
    expect(redeemSignInLink(store, token, clock.now())).toEqual({ kind: 'valid', ...HANA });
    expect(redeemSignInLink(store, token, clock.now())).toEqual({ kind: 'used' });
    expect(inspectSignInLink(store, token, clock.now())).toEqual({ kind: 'used' });
  });

  it('refuse what was never issued, whatever its shape', async () => {
    const token = issueSignInLink(store, HANA, clock.now());
    const other = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [other, '', 'short', `${token}x`, "' OR 1=1 --"]) {
      expect(redeemSignInLink(store, bad, clock.now())).toEqual({ kind: 'unknown' });
    }
    expect(redeemSignInLink(store, token, clock.now()).kind).toBe('valid');
  });

  it('are forgotten a day after they expire', async () => {
    issueSignInLink(store, HANA, clock.now());
    await clock.advance(SIGN_IN_LINK_MS + 24 * 60 * 60_000 + 1);
    issueSignInLink(store, HANA, clock.now());
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM web_signin_links').get()).toEqual({ n: 1 });
  });

  it('come as URLs on the site’s address, fresh for each call', async () => {
    expect(signInUrl('https://chats.example.org/', 'abc')).toBe('https://chats.example.org/signin/abc');
    const make = webSignInFor({ store, clock, baseUrl: 'http://127.0.0.1:8787' });
    const first = make(HANA.identity, HANA.name);
    expect(first).toMatch(/^http:\/\/127\.0\.0\.1:8787\/signin\/[A-Za-z0-9_-]{43}$/);
    expect(make(HANA.identity, HANA.name)).not.toBe(first);
    expect(inspectSignInLink(store, first.split('/').at(-1)!, clock.now())).toEqual({ kind: 'valid', ...HANA });
  });
});

describe('web sessions', () => {
  it('last 7 days, carry a CSRF token, and keep only the id’s hash', async () => {
    const opened = openWebSession(store, HANA, clock.now());
    expect(opened.expiresAt - clock.now()).toBe(WEB_SESSION_MS);
    expect(WEB_SESSION_MS).toBe(7 * 24 * 60 * 60_000);
    expect(opened.csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(store.db.prepare('SELECT * FROM web_sessions').all())).not.toContain(opened.id);
    await clock.advance(WEB_SESSION_MS - 1);
    expect(findWebSession(store, opened.id, clock.now())).toEqual({ ...HANA, csrf: opened.csrf });
    await clock.advance(1);
    expect(findWebSession(store, opened.id, clock.now())).toBeUndefined();
  });

  it('end on sign-out, on the server: the same cookie opens nothing afterwards', async () => {
    const mine = openWebSession(store, HANA, clock.now());
    const other = openWebSession(store, HANA, clock.now());
    endWebSession(store, mine.id, clock.now());
    expect(findWebSession(store, mine.id, clock.now())).toBeUndefined();
    expect(findWebSession(store, other.id, clock.now())?.identity).toBe(HANA.identity);
    expect(store.webAccess.endSessionsOf(HANA.identity, clock.now())).toBe(1);
    expect(findWebSession(store, other.id, clock.now())).toBeUndefined();
  });
});
