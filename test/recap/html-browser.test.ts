import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderRecaps } from '../../src/recap/render-recap.js';
import type { RecapInput } from '../../src/recap/recap-input.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium (see .ci/run).`);
  console.warn(`\n[notice] ${CHROMIUM} not found: the HTML recap browser test is skipped. apt-get install chromium to run it.\n`);
}

const HOSTILE = 'A1: <script>window.__pwned = true</script><img src=x onerror="window.__pwned = true"> & "quotes"';

function hostileChat(): RecapInput {
  const start = Date.UTC(2026, 10, 19, 18, 0);
  const answer = (id: string, author: string, text: string, minute: number, question: number) => ({
    id,
    author,
    text,
    ts: start + minute * 60_000,
    attribution: { question, late: false, via: 'prefix' as const },
  });
  return {
    title: 'Chat <b>bold</b>',
    host: 'host',
    hashtag: '#Chat',
    timezone: 'Europe/Rome',
    startedAt: start,
    endedAt: start + 30 * 60_000,
    questions: [
      { number: 1, text: 'What <i>matters</i>?', askedAt: start + 5 * 60_000 },
      { number: 2, text: 'And then?', askedAt: start + 15 * 60_000 },
    ],
    messages: [
      answer('m1', 'mallory', HOSTILE, 6, 1),
      answer('m2', 'ana', 'A1: Listening first, always, with curiosity', 7, 1),
      answer('m3', 'li', 'A2: Showing up every single week https://example.org/x', 16, 2),
      { id: 'm4', author: 'bo', text: 'hi all', ts: start + 60_000, attribution: { question: null, reason: 'no-prefix' as const } },
    ],
  };
}

describe.runIf(hasChromium)('the HTML recap in a real browser', () => {
  it('renders both charts, logs no errors, requests nothing, and keeps hostile text inert', async () => {
    const { chromium } = await import('playwright-core');
    const html = renderRecaps(hostileChat(), ['html']).get('html')!;
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      const dialogs: string[] = [];
      page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('request', (request) => requests.push(request.url()));
      page.on('dialog', (dialog) => (dialogs.push(dialog.message()), void dialog.dismiss()));
      await page.setContent(html, { waitUntil: 'load' });

      expect(await page.locator('#answers-chart rect.bar').count()).toBe(2);
      expect(await page.locator('#activity-chart rect.minute').count()).toBeGreaterThan(20);
      expect(await page.locator('#activity-chart .marker').count()).toBe(2);
      const chartBox = await page.locator('#answers-chart').boundingBox();
      expect(chartBox!.width).toBeGreaterThan(200);

      expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
      expect(await page.locator('main script, main img').count()).toBe(0);
      expect(await page.locator('main').innerText()).toContain('<script>window.__pwned = true</script>');
      expect(await page.title()).toBe('Chat <b>bold</b> — recap');
      expect(errors).toEqual([]);
      expect(dialogs).toEqual([]);
      expect(requests.filter((url) => !url.startsWith('about:') && !url.startsWith('data:'))).toEqual([]);

      await page.setViewportSize({ width: 375, height: 800 });
      const narrow = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(narrow).toBeLessThanOrEqual(375);
    } finally {
      await browser.close();
    }
  });
});
