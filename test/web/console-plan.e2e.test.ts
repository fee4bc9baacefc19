import { describe, expect, it } from 'vitest';
import { ScriptCatalog } from '../../src/script/script-catalog.js';
import {
  chromiumAvailable,
  openWatchedPage,
  seriousAxeViolations,
  sidewaysOverflow,
  siteInChromium,
} from '../support/browser.js';
import { storeSmallCommunity } from '../support/console-community.js';
import { startWebRig, TEST_HOST } from '../support/web-rig.js';

const GAP = '02:30 does not exist on 2027-03-14 in America/New_York (the clocks go forward): pick another time';
const CONSOLE_PAGES = ['/console/plan?series=weekly-chat', '/console/archive', '/console/people?community=local'];

describe.skipIf(!chromiumAvailable('the console plan browser test'))('the host console in Chromium', () => {
  const web = siteInChromium(async () => {
    const scripts = new ScriptCatalog(new URL('../../prompts/', import.meta.url).pathname);
    const rig = await startWebRig({ scripts }, TEST_HOST);
    storeSmallCommunity(rig.deps.store);
    return rig;
  });

  it('shows the plan command’s message beside the time field, then saves the fixed chat and lists it', async () => {
    const { page, watch } = await openWatchedPage(web.browser, web.site.url);
    await page.goto(`${web.site.url}/console/plan?series=weekly-chat`);
    await page.fill('#field-at', '2027-03-14T02:30');
    await page.fill('#field-topic', 'Spring forward');
    await Promise.all([page.waitForURL(/\/console\/plan/), page.click('button:has-text("Save")')]);

    const at = page.locator('#field-at');
    expect(await page.locator('#field-at-error').textContent()).toBe(GAP);
    expect(await at.getAttribute('aria-invalid')).toBe('true');
    expect(await at.getAttribute('aria-describedby')).toContain('field-at-error');
    // The error is announced as the field's description, right after the field.
    expect(await page.evaluate(() => document.querySelector('#field-at')?.nextElementSibling?.id)).toBe(
      'field-at-error',
    );
    expect(await page.inputValue('#field-topic')).toBe('Spring forward');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.fill('#field-at', '2027-03-18T13:00');
    await Promise.all([page.waitForURL(/notice=/), page.click('button:has-text("Save")')]);
    expect(await page.locator('p.notice').textContent()).toBe(
      'Planned weekly-chat on 2027-03-18 13:00 (America/New_York): Spring forward.',
    );
    expect(await page.locator('.episode-list li').allTextContents()).toEqual([
      expect.stringContaining('weekly-chat · 2027-03-18 13:00 — Spring forward'),
    ]);
    expect(web.site.deps.store.episodes.upcoming(0).map((row) => row.topic)).toEqual(['Spring forward']);
    // The refused form came back as 422 Unprocessable Content, which Chromium logs; nothing else went wrong.
    expect(watch.errors).toEqual([expect.stringContaining('status of 422')]);
    expect(watch.dialogs).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
    await page.close();
  });

  it('has no serious axe violations and no sideways scroll at 375 px on plan, archive and people', async () => {
    const { page, watch } = await openWatchedPage(web.browser, web.site.url, { viewport: { width: 375, height: 740 } });
    for (const path of CONSOLE_PAGES) {
      await page.goto(`${web.site.url}${path}`);
      expect(await page.locator('nav.console-nav [aria-current="page"]').count(), path).toBe(1);
      expect(await seriousAxeViolations(page), path).toEqual([]);
      expect(await sidewaysOverflow(page), path).toBe(0);
    }
    // The archive's and people's tables are wider than a phone: they scroll inside their wrapper instead.
    await page.goto(`${web.site.url}/console/archive`);
    const wrap = page.locator('.archive-series .table-wrap').first();
    expect(await wrap.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(watch.errors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
    await page.close();
  });
});
