import { describe, expect, it } from 'vitest';
import {
  chromiumAvailable,
  openWatchedPage,
  seriousAxeViolations,
  sidewaysOverflow,
  siteInChromium,
} from '../support/browser.js';
import { seedChat, seriesScript } from '../support/search-seed.js';
import { startWebRig } from '../support/web-rig.js';

const HOSTILE =
  '<script>window.__pwned = true; alert(1)</script><img src="https://evil.example/x.png" ' +
  'onerror="window.__pwned = true; alert(2)"> seedlings <svg onload=alert(3)> ' +
  'averyveryveryverylongwordwithoutanyspacethatcouldpushthepagesideways'.repeat(3);
const STARTED = Date.UTC(2026, 9, 1, 17);

describe.runIf(chromiumAvailable('the search browser test'))('search in a real browser', () => {
  const web = siteInChromium(async () => {
    const rig = await startWebRig();
    const { store } = rig.deps;
    seedChat(store, seriesScript('garden-chat', 'Garden Chat'), STARTED, [
      { by: 'Ana', q: 1, text: 'My tomatoes grew from seedlings on the balcony' },
      { by: 'Mallory <b>', q: 2, text: HOSTILE },
    ]);
    seedChat(store, seriesScript('private-chat', 'Private Chat'), STARTED, [
      { by: 'Bea', q: 1, text: 'Private seedlings talk, tomatoes too' },
    ]);
    store.published.set('garden-chat', true, 'test', STARTED);
    return rig;
  });

  it('finds an answer by a word in it, only in published series, with hostile text inert', async () => {
    const { page, watch } = await openWatchedPage(web.browser, web.site.url, { viewport: { width: 375, height: 800 } });
    await page.goto(`${web.site.url}/search`);
    await page.getByLabel('Words').fill('tomatoes');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/search\?q=tomatoes/);
    const results = page.locator('ol.search-results > li');
    expect(await results.count()).toBe(1);
    expect(await results.first().textContent()).toContain('My tomatoes grew from seedlings');
    expect(await results.first().locator('mark').textContent()).toBe('tomatoes');
    expect(await page.content()).not.toContain('Private');

    await page.goto(`${web.site.url}/search?q=seedlings`);
    expect(await results.count()).toBe(2);
    expect(await page.locator('ol.search-results').textContent()).toContain(
      'alert(1)</script><img src="https://evil.example/x.png"',
    );
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
    expect(watch.dialogs).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
    await page.close();
  });

  it('has no serious accessibility violation and no sideways scroll at 375 px', async () => {
    // axe-core is injected as an inline script, which the site's CSP refuses: this page alone bypasses it.
    const context = await web.browser.newContext({ bypassCSP: true, viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    for (const path of ['/search', '/search?q=seedlings', '/search?q=nothing-matches-this']) {
      await page.goto(`${web.site.url}${path}`);
      expect(await seriousAxeViolations(page), path).toEqual([]);
      expect(await sidewaysOverflow(page), path).toBe(0);
    }
    await context.close();
  });
});
