import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  chromiumAvailable,
  launchChromium,
  openWatchedPage,
  seriousAxeViolations,
  sidewaysOverflow,
} from '../support/browser.js';
import { type LiveChatRig, startLiveChatRig } from '../support/live-chat-rig.js';
import { TEST_HOST } from '../support/web-rig.js';

const HOSTILE =
  'A1: <script>window.__pwned = true; alert(1)</script><img src=x onerror="window.__pwned = true; alert(2)"> ' +
  '<img src="https://example.org/beacon.png"> & "quotes"';

const hasChromium = chromiumAvailable('the live console browser test');
let browser: Browser | undefined;
let chat: LiveChatRig | undefined;

beforeAll(async () => {
  if (!hasChromium) return;
  browser = await launchChromium();
  chat = await startLiveChatRig(TEST_HOST);
  await chat.clock.advance(20_000); // Q1
});

afterAll(async () => {
  await browser?.close();
  await chat?.close();
});

describe.skipIf(!hasChromium)('the live console in a real browser', () => {
  it('shows an answer typed in the room within a second, inert, and skips to the next question', async () => {
    const { url } = chat!.web;
    const { page, watch } = await openWatchedPage(browser!, url);
    await page.goto(`${url}/console`);
    await page.waitForSelector('[data-live-channel][data-connected="yes"]');
    expect(await page.textContent('[data-step-label]')).toBe('Q1 of 6');

    const typedAt = Date.now();
    chat!.type(HOSTILE);
    await page.waitForSelector('section[data-question="1"] li.answer');
    const elapsed = Date.now() - typedAt;
    expect(elapsed).toBeLessThan(1000);
    expect(await page.textContent('section[data-question="1"] li.answer .text')).toBe(HOSTILE);
    expect(await page.textContent('[data-participant-count]')).toBe('1');
    await page.waitForFunction(() => document.querySelector('[data-welcomed]')?.textContent === 'welcomed');
    expect(await page.getAttribute('li.answer a', 'href')).toMatch(/^https:\/\/chat\.example\//);

    await page.click('button[value="skip"]');
    await page.waitForFunction(() => document.querySelector('[data-control-reply]')?.textContent === 'Posted Q2.');
    expect(
      chat!.posts.filter((post) => post.message.kind === 'question').map((p) => p.message.question?.number),
    ).toEqual([1, 2]);
    await page.waitForFunction(() => document.querySelector('[data-step-label]')?.textContent === 'Q2 of 6');
    expect(await page.isVisible('section[data-question="2"]')).toBe(true);

    expect(watch.dialogs).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it('works without JavaScript: the buttons post, and the reply shows after the redirect', async () => {
    const context = await browser!.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${chat!.web.url}/console`);
    await page.fill('#extend-minutes', '3');
    await page.click('form:has(#extend-minutes) button');
    await page.waitForURL(/\/console\/live\/local%3Aroom\?note=/);
    expect(await page.textContent('[data-control-reply]')).toBe('Added 3 minutes.');
    await context.close();
  });

  it('has no serious accessibility violation and no sideways scroll at 375 px', async () => {
    await chat!.room.say(chat!.person('longword'), `A2: ${'unbroken'.repeat(60)}`);
    const context = await browser!.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${chat!.web.url}/console`);
    await page.waitForSelector('section[data-question="2"] li.answer');
    expect(await sidewaysOverflow(page)).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });
});
