import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permalinkFor } from '../../adapters/permalinks.js';
import { ScriptCatalog } from '../../src/script/script-catalog.js';
import {
  chromiumAvailable,
  launchChromium,
  openWatchedPage,
  seriousAxeViolations,
  sidewaysOverflow,
} from '../support/browser.js';
import { startWebRig, type WebRig } from '../support/web-rig.js';
import { fillArchive } from './pages-fixture.js';

const hasChromium = chromiumAvailable('the community pages browser test');
let rig: WebRig;
let browser: Browser;

beforeAll(async () => {
  if (!hasChromium) return;
  rig = await startWebRig({
    scripts: new ScriptCatalog(new URL('../../prompts', import.meta.url).pathname),
    permalinkOf: (address) => permalinkFor(address, { slackWorkspaceUrl: 'https://acme.slack.com/' }),
  });
  fillArchive(rig.deps.store);
  rig.deps.store.published.set('weekly-chat', true, 'test', Date.UTC(2026, 11, 1));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await rig?.close();
});

describe('the community pages in a real browser', () => {
  for (const path of ['/', '/series/weekly-chat', '/recaps/weekly-chat/2026-11-19']) {
    it.runIf(hasChromium)(
      `${path}: hostile text stays inert, nothing leaves, accessible, no sideways scroll`,
      async () => {
        const { page, watch } = await openWatchedPage(browser, rig.url);
        const response = await page.goto(`${rig.url}${path}`, { waitUntil: 'load' });
        expect(response?.status()).toBe(200);
        if (path.startsWith('/recaps/')) {
          // Hover and click the hostile answer and the shared link: handlers would fire now if any existed.
          await page.locator('li', { hasText: 'see https://example.org/x' }).hover();
          await page.locator('li', { hasText: 'window.__pwned' }).first().click();
          // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator; the rendered text is the point
          const text = await page.locator('main').innerText();
          expect(text).toContain('<script>window.__pwned = true; alert(1)</script>');
          expect(text).toContain('mallory<img src=x onerror=alert(5)>');
          expect(await page.locator('a.jump').count()).toBe(3);
          // The recap's own stylesheet applied: its charts are drawn at full width.
          expect((await page.locator('#answers-chart').boundingBox())!.width).toBeGreaterThan(200);
        }
        if (path.startsWith('/series/'))
          expect(await page.locator('#attendance-chart rect.new').count()).toBeGreaterThan(0);
        expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
        expect(
          await page.locator('main script, main img, main iframe, [onerror], [onload], [onmouseover]').count(),
        ).toBe(0);
        expect(watch.dialogs).toEqual([]);
        expect(watch.errors).toEqual([]);
        expect(watch.foreignRequests).toEqual([]);
        expect(await seriousAxeViolations(page)).toEqual([]);
        await page.setViewportSize({ width: 375, height: 800 });
        expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
        await page.close();
      },
    );
  }
});
