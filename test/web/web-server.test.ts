import { afterEach, describe, expect, it } from 'vitest';
import { startWebServer } from '../../web/start-web-server.js';
import { startWebRig, type WebRig } from '../support/web-rig.js';

let rig: WebRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('the web server', () => {
  it('answers /healthz with the database reachable and no chats when no bot serves it', async () => {
    rig = await startWebRig();
    const response = await fetch(`${rig.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, database: 'reachable', chatsRunning: 0 });
  });

  it('counts the bot’s running chats, and says 503 when the database is gone', async () => {
    let running = 2;
    rig = await startWebRig({ bot: { runningChats: () => running } });
    expect(await (await fetch(`${rig.url}/healthz`)).json()).toMatchObject({ chatsRunning: 2, servesChats: true });
    running = 0;
    rig.deps.store.db.close();
    const down = await fetch(`${rig.url}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ ok: false, database: 'unreachable', chatsRunning: 0 });
    await rig.web.close();
    rig = undefined;
  });

  it('sends a strict CSP and a plain 404 page for what does not exist', async () => {
    rig = await startWebRig();
    const response = await fetch(`${rig.url}/no/such/page`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await response.text()).toContain('<h1>Not found</h1>');
    const css = await fetch(`${rig.url}/assets/site.css`);
    expect(css.headers.get('content-type')).toContain('text/css');
  });

  it('says which setting to change when the port is taken', async () => {
    rig = await startWebRig();
    const port = Number(new URL(rig.url).port);
    await expect(startWebServer(rig.deps, { host: '127.0.0.1', port })).rejects.toThrow(/EMCEE_WEB_PORT/);
  });
});

describe('the test rig', () => {
  it('can serve every page as a signed-in host, so pages are testable before the sign-in is', async () => {
    const { TEST_HOST } = await import('../support/web-rig.js');
    rig = await startWebRig({}, TEST_HOST);
    expect(await (await fetch(`${rig.url}/no/such/page`)).text()).toContain('Sign out Hana Host');
  });
});
