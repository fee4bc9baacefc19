import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ChatStore } from '../../src/store/chat-store.js';
import { SystemClock } from '../../src/time/clock.js';
import {
  chromiumAvailable,
  launchChromium,
  seriousAxeViolations,
  sidewaysOverflow,
  watchPage,
} from '../support/browser.js';
import { runCliInProcess } from '../support/run-cli.js';
import { startWebRig, type WebRig } from '../support/web-rig.js';

const hasChromium = chromiumAvailable('the sign-in browser test');
let browser: Browser | undefined;
let rig: WebRig | undefined;

beforeAll(async () => {
  if (hasChromium) browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await rig?.close();
  rig = undefined;
});

/** A link from `emcee signin` over a scratch database, and the site served over the same database. */
async function linkAndSite(): Promise<{ path: string; web: WebRig }> {
  const db = join(mkdtempSync(join(tmpdir(), 'emcee-signin-e2e-')), 'emcee.db');
  vi.stubEnv('EMCEE_LOG_LEVEL', 'silent');
  vi.stubEnv('EMCEE_PUBLIC_URL', '');
  const printed = await runCliInProcess(['signin', '--db', db]);
  expect(printed.code).toBe(0);
  const path = new URL(printed.stdout.trim()).pathname;
  // The link was made on real time, so the site runs on it too.
  rig = await startWebRig({ store: ChatStore.open(db), clock: new SystemClock() });
  return { path, web: rig };
}

describe.skipIf(!hasChromium)('signing in to the console in a real browser', () => {
  it('signs in with a link from `emcee signin`, refuses it the second time, and signs out', async () => {
    const { path, web } = await linkAndSite();
    const context = await browser!.newContext({ viewport: { width: 375, height: 740 } });
    const page = await context.newPage();
    const watch = await watchPage(page, web.url);

    await page.goto(`${web.url}${path}`);
    const button = page.getByRole('button', { name: /^Sign in as / });
    expect(await button.count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await sidewaysOverflow(page)).toBe(0);
    await Promise.all([page.waitForURL(`${web.url}/console`), button.click()]);

    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: 'emcee-session', httpOnly: true, sameSite: 'Lax', path: '/', secure: false });
    const week = 7 * 24 * 60 * 60;
    expect(cookie!.expires - Date.now() / 1000).toBeGreaterThan(week - 60);
    expect(cookie!.expires - Date.now() / 1000).toBeLessThanOrEqual(week + 1);
    expect(await page.getByRole('button', { name: /^Sign out / }).count()).toBe(1);

    // The same link, opened again (in a fresh browser too), is refused and offers nothing.
    for (const other of [page, await (await browser!.newContext()).newPage()]) {
      await other.goto(`${web.url}${path}`);
      expect(await other.locator('h1').textContent()).toBe('This sign-in link was already used');
      expect(await other.locator('main form').count()).toBe(0);
    }
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await sidewaysOverflow(page)).toBe(0);

    await page.goto(`${web.url}/signin`);
    await Promise.all([page.waitForURL(`${web.url}/`), page.getByRole('button', { name: /^Sign out / }).click()]);
    expect(await context.cookies()).toEqual([]);
    const consolePage = await page.goto(`${web.url}/console`);
    expect(consolePage?.status()).toBe(401);
    expect(await page.locator('h1').textContent()).toBe('Sign in');
    expect(await page.locator('main').textContent()).toContain('emcee signin');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await sidewaysOverflow(page)).toBe(0);
    expect(watch).toEqual({ errors: expect.any(Array), dialogs: [], foreignRequests: [] });
    await context.close();
  });
});
