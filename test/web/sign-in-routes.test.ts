import { afterEach, describe, expect, it } from 'vitest';
import { issueSignInLink, SIGN_IN_LINK_MS } from '../../src/access/sign-in-links.js';
import type { ManualClock } from '../../src/time/manual-clock.js';
import type { WebDeps } from '../../web/web-deps.js';
import { startWebRig, type WebRig } from '../support/web-rig.js';

const HANA = { identity: 'slack:T1:U2', name: 'Hana <Host>' };
let rig: WebRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

async function site(overrides: Partial<WebDeps> = {}): Promise<WebRig> {
  rig = await startWebRig(overrides);
  return rig;
}

const linkFor = (web: WebRig, who = HANA) => issueSignInLink(web.deps.store, who, web.deps.clock.now());
const post = (url: string, init: RequestInit = {}) => fetch(url, { method: 'POST', redirect: 'manual', ...init });
const form = (fields: Record<string, string>, cookie?: string): RequestInit => ({
  body: new URLSearchParams(fields),
  headers: cookie ? { cookie } : {},
});

/** Signs in with a fresh link; returns the cookie to send and the page's CSRF token. */
async function signIn(web: WebRig): Promise<{ cookie: string; csrf: string; setCookie: string }> {
  const response = await post(`${web.url}/signin/${linkFor(web)}`);
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toBe('/console');
  const setCookie = response.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0]!;
  const page = await (await fetch(`${web.url}/signin`, { headers: { cookie } })).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
  return { cookie, csrf, setCookie };
}

describe('signing in with a link', () => {
  it('shows one "Sign in as" button on GET without using the link up (chat apps fetch previews)', async () => {
    const web = await site();
    const token = linkFor(web);
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${web.url}/signin/${token}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const page = await response.text();
      expect(page).toContain(`<form method="post" action="/signin/${token}">`);
      expect(page).toContain('Sign in as Hana &lt;Host&gt;</button>');
    }
    expect(web.deps.store.db.prepare('SELECT used_at FROM web_signin_links').get()).toEqual({ used_at: null });
    expect((await post(`${web.url}/signin/${token}`)).status).toBe(303);
  });

  it('sets an HttpOnly, SameSite=Lax, 7-day session cookie for the whole site, then refuses the link', async () => {
    const web = await site();
    const { setCookie, cookie } = await signIn(web);
    expect(setCookie).toMatch(/^emcee-session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('Max-Age=604800');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).not.toContain('Secure');
    const home = await (await fetch(`${web.url}/no/page`, { headers: { cookie } })).text();
    expect(home).toContain('Sign out Hana &lt;Host&gt;');
  });

  it('marks the cookie Secure (and __Host-) when the public address is https', async () => {
    const web = await site({ config: { recapDir: 'data/recaps', publicUrl: 'https://chats.example.org' } });
    const response = await post(`${web.url}/signin/${linkFor(web)}`);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^__Host-emcee-session=/);
    expect(setCookie).toContain('Secure');
  });

  it('says plainly when a link was used, has expired or is unknown, and offers no form', async () => {
    const web = await site();
    const used = linkFor(web);
    await post(`${web.url}/signin/${used}`);
    const again = await post(`${web.url}/signin/${used}`);
    expect(again.status).toBe(410);
    expect(again.headers.get('set-cookie')).toBeNull();
    const usedPage = await (await fetch(`${web.url}/signin/${used}`)).text();
    expect(usedPage).toContain('This sign-in link was already used');
    expect(usedPage).toContain('/emcee console');
    expect(usedPage).not.toContain('<form');
    const old = linkFor(web);
    await (web.deps.clock as ManualClock).advance(SIGN_IN_LINK_MS);
    const expired = await fetch(`${web.url}/signin/${old}`);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('This sign-in link has expired');
    expect((await post(`${web.url}/signin/${old}`)).status).toBe(410);
    const unknown = await fetch(`${web.url}/signin/nothing-like-a-token`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).not.toContain('<form');
  });

  it('explains at /signin how to get a link', async () => {
    const web = await site();
    const page = await (await fetch(`${web.url}/signin`)).text();
    expect(page).toContain('<code>/emcee console</code>');
    expect(page).toContain('<code>emcee signin</code>');
  });
});

describe('CSRF', () => {
  it('refuses a host’s POST without this session’s token, as a field or a header', async () => {
    const web = await site();
    const { cookie, csrf } = await signIn(web);
    expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    for (const init of [form({}, cookie), form({ _csrf: 'wrong' }, cookie), form({ _csrf: `${csrf}x` }, cookie)]) {
      const refused = await post(`${web.url}/signout`, init);
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain('That was not done');
    }
    const header = await post(`${web.url}/console/anything`, { headers: { cookie, 'x-csrf-token': csrf } });
    expect(header.status).toBe(404);
    const wrongHeader = await post(`${web.url}/console/anything`, { headers: { cookie, 'x-csrf-token': 'no' } });
    expect(wrongHeader.status).toBe(403);
  });

  it('refuses every visitor POST the same way', async () => {
    const web = await site();
    for (const path of ['/signout', '/console/live/skip', '/anything']) {
      const refused = await post(`${web.url}${path}`, form({ _csrf: 'test-csrf' }));
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain('you are not signed in');
    }
  });
});

describe('signing out', () => {
  it('ends the session on the server and clears the cookie', async () => {
    const web = await site();
    const { cookie, csrf } = await signIn(web);
    const out = await post(`${web.url}/signout`, form({ _csrf: csrf }, cookie));
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/');
    expect(out.headers.get('set-cookie')).toMatch(/^emcee-session=;.*Max-Age=0/);
    const console = await fetch(`${web.url}/console`, { headers: { cookie } });
    expect(console.status).toBe(401);
    expect(await console.text()).toContain('<h1>Sign in</h1>');
  });
});

describe('host-only pages', () => {
  it('show visitors the sign-in page (401), and let hosts through', async () => {
    const web = await site({ hostRights: async () => true });
    const visitor = await fetch(`${web.url}/console/plan`);
    expect(visitor.status).toBe(401);
    expect(await visitor.text()).toContain('Sign in to open the console.');
    const { cookie } = await signIn(web);
    expect((await fetch(`${web.url}/console/plan`, { headers: { cookie } })).status).toBe(200);
  });

  it('sign out everywhere, and say so, a host whose rights were removed on the platform', async () => {
    let hosting = true;
    const asked: string[] = [];
    const web = await site({
      hostRights: async (identity) => {
        asked.push(identity);
        return hosting;
      },
    });
    const first = await signIn(web);
    const second = await signIn(web);
    expect((await fetch(`${web.url}/console/plan`, { headers: { cookie: first.cookie } })).status).toBe(200);
    hosting = false;
    const removed = await fetch(`${web.url}/console/plan`, { headers: { cookie: first.cookie } });
    expect(removed.status).toBe(401);
    expect(await removed.text()).toContain('You are no longer a host of this community');
    expect(removed.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    hosting = true;
    expect((await fetch(`${web.url}/console/plan`, { headers: { cookie: second.cookie } })).status).toBe(401);
    expect(asked.every((identity) => identity === HANA.identity)).toBe(true);
    // A link of someone no longer a host does not sign them in either.
    hosting = false;
    expect((await post(`${web.url}/signin/${linkFor(web)}`)).status).toBe(403);
  });

  it('answer 503 and keep the session when the platform cannot be asked', async () => {
    let down = false;
    const web = await site({
      hostRights: async () => {
        if (down) throw new Error('Slack is down');
        return true;
      },
    });
    const { cookie } = await signIn(web);
    down = true;
    const unsure = await fetch(`${web.url}/console`, { headers: { cookie } });
    expect(unsure.status).toBe(503);
    expect(await unsure.text()).toContain('could not check your host rights');
    down = false;
    expect((await fetch(`${web.url}/console`, { headers: { cookie } })).status).toBe(200);
  });
});

describe('a sign-in while the platform cannot be asked', () => {
  it('answers 503 and leaves the link unused, so it works once the platform answers again', async () => {
    let reachable = false;
    const web = await site({
      hostRights: async () => {
        if (!reachable) throw new Error('Slack is unreachable');
        return true;
      },
    });
    const token = linkFor(web);
    const refused = await post(`${web.url}/signin/${token}`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('set-cookie')).toBeNull();
    reachable = true;
    const accepted = await post(`${web.url}/signin/${token}`);
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('set-cookie')).toMatch(/emcee-session=/);
  });
});
