import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { RecapInput } from '../../src/recap/recap-input.js';
import { renderRecaps } from '../../src/recap/render-recap.js';
import { answer, chatInput, other } from './chat-input.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  // CI installs Chromium (.ci/run), so there a missing browser is a broken setup, not a reason to skip.
  if (process.env.CI === 'true')
    throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium (see .ci/run).`);
  console.warn(
    `\n[notice] ${CHROMIUM} not found: the HTML recap browser test is skipped. apt-get install chromium to run it.\n`,
  );
}

// Each payload would set a flag or open a dialog if it ever ran.
const HOSTILE =
  'A1: <script>window.__pwned = true; alert(1)</script><img src=x onerror="window.__pwned = true; ' +
  'alert(2)"> & "quotes"';
const HOSTILE_LINK = 'A2: see https://example.org/x"onmouseover="alert(3) <svg onload=alert(4)>';

function hostileChat(): RecapInput {
  return chatInput(
    [
      answer('m1', 'mallory<img src=x onerror=alert(5)>', HOSTILE, 6, 1),
      answer('m2', 'ana', 'A1: Listening first, always, with curiosity', 7, 1),
      answer('m3', 'li', HOSTILE_LINK, 16, 2),
      answer('m4', 'li', 'A2: Showing up every single week', 17, 2),
      other('m5', 'bo', 'hi all <iframe src="https://example.org"></iframe>', 1, 'no-prefix'),
    ],
    {
      title: 'Chat <b>bold</b>',
      questions: [
        { number: 1, text: 'What <i>matters</i>?', askedAt: Date.UTC(2026, 10, 19, 18, 5) },
        { number: 2, text: 'And then?', askedAt: Date.UTC(2026, 10, 19, 18, 15) },
      ],
    },
  );
}

/** Serves `html` on 127.0.0.1 and records every request the browser makes to it. */
async function serve(html: string): Promise<{ server: Server; url: string; served: string[] }> {
  const served: string[] = [];
  const server = createServer((req, res) => {
    served.push(req.url ?? '');
    if (req.url !== '/recap.html') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/recap.html`, served };
}

describe('the HTML recap in a real browser', () => {
  it.runIf(hasChromium)(
    'renders both charts, logs no errors, requests nothing but itself, and keeps hostile text inert',
    async () => {
      const { chromium } = await import('playwright-core');
      const html = renderRecaps(hostileChat(), ['html']).get('html')!;
      const { server, url, served } = await serve(html);
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
        page.on('dialog', (dialog) => {
          dialogs.push(dialog.message());
          void dialog.dismiss();
        });
        // Every request goes through here; anything but the page itself is recorded and stopped.
        await page.route('**/*', (route) => {
          requests.push(route.request().url());
          return route.request().url() === url ? route.continue() : route.abort();
        });
        await page.goto(url, { waitUntil: 'load' });

        const barHeights = await page
          .locator('#answers-chart rect.bar')
          .evaluateAll((bars) => bars.map((b) => Number(b.getAttribute('height'))));
        expect(barHeights).toHaveLength(2);
        expect(barHeights.every((h) => h > 0)).toBe(true);
        const minuteBars = page.locator('#activity-chart rect.minute');
        expect(await minuteBars.count()).toBeGreaterThan(20);
        expect(
          await minuteBars.evaluateAll((bars) => bars.filter((b) => Number(b.getAttribute('height')) > 0).length),
        ).toBeGreaterThan(3);
        expect(await page.locator('#activity-chart .marker').count()).toBe(2);
        for (const id of ['#answers-chart', '#activity-chart'])
          expect((await page.locator(id).boundingBox())!.width).toBeGreaterThan(200);

        // Hover and click the hostile answer and the shared link: handlers would fire now if any existed.
        await page.locator('li', { hasText: 'see https://example.org/x' }).hover();
        await page.locator('li', { hasText: 'window.__pwned' }).first().click();
        expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
        expect(
          await page
            .locator(
              'main script, main img, main iframe, main svg:not(#answers-chart):not(#activity-chart), [onerror], ' +
                '[onload], [onmouseover]',
            )
            .count(),
        ).toBe(0);
        // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator; the rendered text is the point
        const text = await page.locator('main').innerText();
        expect(text).toContain(
          '<script>window.__pwned = true; alert(1)</script><img src=x onerror="window.__pwned = true; ' +
            'alert(2)"> & "quotes"',
        );
        expect(text).toContain('mallory<img src=x onerror=alert(5)>');
        expect(text).toContain('<svg onload=alert(4)>');
        expect(await page.title()).toBe('Chat <b>bold</b> — recap');

        expect(errors).toEqual([]);
        expect(dialogs).toEqual([]);
        expect(requests).toEqual([url]);
        expect(served).toEqual(['/recap.html']);

        await page.setViewportSize({ width: 375, height: 800 });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      } finally {
        await browser.close();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  );
});
