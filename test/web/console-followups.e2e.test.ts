import { describe, expect, it } from 'vitest';
import { stripAnswerPrefix } from '../../src/attribution/answer-prefix.js';
import {
  chromiumAvailable,
  openWatchedPage,
  seriousAxeViolations,
  sidewaysOverflow,
  siteInChromium,
} from '../support/browser.js';
import { HOSTILE_TEXT, weeklyStoreWithHostileChat } from '../support/follow-ups-community.js';
import { startWebRig, TEST_HOST } from '../support/web-rig.js';

describe.skipIf(!chromiumAvailable('the console follow-ups browser test'))('the follow-ups page in Chromium', () => {
  let chat6: number;
  const web = siteInChromium(() => {
    const { store, chat } = weeklyStoreWithHostileChat();
    chat6 = chat(6);
    return startWebRig({ store, permalinkOf: (address) => `https://chat.example/${address}` }, TEST_HOST);
  });

  it('keeps hostile answer text inert: shown as text, no script runs, no request leaves', async () => {
    const { page, watch } = await openWatchedPage(web.browser, web.site.url);
    await page.goto(`${web.site.url}/console/followups`);
    expect(await page.locator('#followups-first-timers + ul q.said').textContent()).toBe(
      stripAnswerPrefix(HOSTILE_TEXT),
    );
    expect(await page.locator('main script, main img').count()).toBe(0);
    expect(watch.dialogs).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it('switches chats with the picker, without JavaScript', async () => {
    const context = await web.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${web.site.url}/console/followups`);
    await page.selectOption('#followups-session', String(chat6));
    await Promise.all([page.waitForURL(new RegExp(`session=${chat6}$`)), page.click('.chat-picker button')]);
    expect(await page.locator('h2.followups-chat').textContent()).toBe('Weekly Chat, Thursday, February 12, 2026');
    expect(await page.locator('#followups-first-timers + ul strong').allTextContents()).toEqual(['Eli', 'Fay']);
    await context.close();
  });

  it('has no serious axe violations and no sideways scroll at 375 px', async () => {
    const { page, watch } = await openWatchedPage(web.browser, web.site.url, { viewport: { width: 375, height: 740 } });
    for (const path of ['/console/followups', `/console/followups?session=${chat6}`]) {
      await page.goto(`${web.site.url}${path}`);
      expect(await page.locator('nav.console-nav [aria-current="page"]').textContent(), path).toBe('Follow-ups');
      expect(await seriousAxeViolations(page), path).toEqual([]);
      expect(await sidewaysOverflow(page), path).toBe(0);
    }
    expect(watch.errors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
    await page.close();
  });
});
