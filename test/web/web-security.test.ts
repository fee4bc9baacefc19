import { afterEach, describe, expect, it, vi } from 'vitest';
import { issueSignInLink } from '../../src/access/sign-in-links.js';
import type { Logger } from '../../src/log.js';
import { silentLogger } from '../../src/log.js';
import { LiveFeed } from '../../src/service/live-feed.js';
import { ScriptCatalog } from '../../src/script/script-catalog.js';
import type { WebDeps } from '../../web/web-deps.js';
import { waitFor } from '../support/wait-for.js';
import { startWebRig, TEST_HOST, type WebRig } from '../support/web-rig.js';
import { fillArchive } from './pages-fixture.js';

// A security review's findings, each shown failing before its fix (see the commit that fixed it).

const HANA = { identity: 'slack:T1:U2', name: 'Hana Host' };
const SCRIPTS = new ScriptCatalog(new URL('../../prompts', import.meta.url).pathname);

let rig: WebRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

async function site(overrides: Partial<WebDeps> = {}): Promise<WebRig> {
  rig = await startWebRig({ hostRights: async () => true, ...overrides });
  return rig;
}

const linkFor = (web: WebRig) => issueSignInLink(web.deps.store, HANA, web.deps.clock.now());
const post = (url: string, init: RequestInit = {}) => fetch(url, { method: 'POST', redirect: 'manual', ...init });

/** Signs in through a real link; returns the cookie and the session's CSRF token. */
async function signIn(web: WebRig): Promise<{ cookie: string; csrf: string }> {
  const response = await post(`${web.url}/signin/${linkFor(web)}`);
  expect(response.status).toBe(303);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  const page = await (await fetch(`${web.url}/signin`, { headers: { cookie } })).text();
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '' };
}

describe('what a signed-in host sees is kept out of caches', () => {
  it('answers every page, download and error of a signed-in host with Cache-Control: private, no-store', async () => {
    const web = await site({ scripts: SCRIPTS });
    fillArchive(web.deps.store);
    const { cookie } = await signIn(web);
    // weekly-chat is not published: these are pages only a host may see.
    for (const path of [
      '/',
      '/series/weekly-chat',
      '/series/weekly-chat.ics',
      '/calendar.ics',
      '/recaps/weekly-chat/2026-11-19',
      '/recaps/weekly-chat/2026-11-19.csv',
      '/search?q=listening',
      '/console/archive',
      '/no/such/page',
    ]) {
      const response = await fetch(`${web.url}${path}`, { headers: { cookie } });
      expect(response.status, path).not.toBe(401);
      expect(response.headers.get('cache-control'), path).toBe('private, no-store');
      await response.body?.cancel();
    }
  });

  it('leaves visitors’ public pages and the shared assets as they were', async () => {
    const web = await site({ scripts: SCRIPTS });
    expect((await fetch(`${web.url}/assets/site.css`)).headers.get('cache-control')).toBe('public, max-age=300');
    expect((await fetch(`${web.url}/calendar.ics`)).headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(`${web.url}/signin/not-a-token`)).headers.get('cache-control')).toBe('no-store');
  });
});

describe('the live stream', () => {
  it('ends, with nothing more sent, once its session is signed out', async () => {
    const feed = new LiveFeed(silentLogger);
    const web = await site({ bot: { runningChats: () => 0, subscribeLive: (listener) => feed.subscribe(listener) } });
    const { cookie, csrf } = await signIn(web);
    const response = await fetch(`${web.url}/console/live/events?channel=local%3Aroom`, { headers: { cookie } });
    expect(response.status).toBe(200);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = '';
    while (!received.includes('event: ready')) received += (await reader.read()).value ?? '';
    await waitFor(() => feed.listenerCount === 1, 'the hub listening');

    const out = await post(`${web.url}/signout`, { body: new URLSearchParams({ _csrf: csrf }), headers: { cookie } });
    expect(out.status).toBe(303);
    feed.publish({
      kind: 'message',
      sessionId: 1,
      channel: 'local:room',
      series: 'demo',
      rehearsal: false,
      address: 'local:room:1',
      author: { id: 'local:ana', name: 'ana' },
      text: 'A1: said after the host signed out',
      ts: web.deps.clock.now(),
      question: 1,
      firstTime: false,
      late: false,
      fromHost: false,
    });
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      received += value;
    }
    expect(received).not.toContain('said after the host signed out');
  });
});

describe('sign-in links', () => {
  it('never reach the log, even when the page fails', async () => {
    const logged: string[] = [];
    const keep = (message: string, details?: Record<string, unknown>) =>
      void logged.push(`${message} ${JSON.stringify(details ?? {})}`);
    const log: Logger = { debug: keep, info: keep, warn: keep, error: keep };
    const web = await site({ log });
    const token = linkFor(web);
    vi.spyOn(web.deps.store.webAccess, 'link').mockImplementation(() => {
      throw new Error('disk I/O error');
    });
    expect((await fetch(`${web.url}/signin/${token}`)).status).toBe(500);
    expect(logged.some((line) => line.startsWith('A web page failed'))).toBe(true);
    expect(logged.join('\n')).not.toContain(token);
  });

  it('sign in exactly once when the same link is posted twice at the same moment', async () => {
    const web = await site();
    const token = linkFor(web);
    const answers = await Promise.all([post(`${web.url}/signin/${token}`), post(`${web.url}/signin/${token}`)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([303, 410]);
    expect(answers.filter((answer) => answer.headers.get('set-cookie')).length).toBe(1);
  });

  it('refuse a sign-in posted from another site (login CSRF), and keep the link for its owner', async () => {
    const web = await site();
    const token = linkFor(web);
    const forged = await post(`${web.url}/signin/${token}`, { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(forged.status).toBe(403);
    expect(forged.headers.get('set-cookie')).toBeNull();
    expect(await forged.text()).toContain('Sign in as Hana Host</button>');
    const own = await post(`${web.url}/signin/${token}`, { headers: { 'sec-fetch-site': 'same-origin' } });
    expect(own.status).toBe(303);
  });
});

describe('the console’s notices', () => {
  it('show only what the console itself said, never words a link put in the address', async () => {
    rig = await startWebRig({ scripts: SCRIPTS }, TEST_HOST);
    const bait = 'Your session expired. Sign in again at https://evil.example/emcee';
    const page = await fetch(`${rig.url}/console/plan?${new URLSearchParams({ notice: bait, ok: '0' })}`);
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain('evil.example');
    const act = await fetch(`${rig.url}/console/plan/act`, {
      method: 'POST',
      body: new URLSearchParams({ _csrf: TEST_HOST.csrf, action: 'not-a-button' }),
      redirect: 'manual',
    });
    expect(act.status).toBe(303);
    const shown = await (await fetch(`${rig.url}${act.headers.get('location')}`)).text();
    expect(shown).toContain('This button is out of date: open the page again.');
  });
});
