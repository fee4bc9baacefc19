import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium, openWatchedPage, watchPage } from '../support/browser.js';

const hasChromium = chromiumAvailable('the newcomer’s demo in the browser');
const ROOT = new URL('../../', import.meta.url).pathname;

/** Runs the CLI as a child with its own folder; `output()` is what it printed so far. */
function emcee(args: string[], dir: string): { child: ChildProcess; output: () => string; exited: Promise<number> } {
  const child = spawn(process.execPath, [join(ROOT, 'bin/emcee.js'), ...args], {
    cwd: dir,
    env: {
      ...process.env,
      EMCEE_WEB: 'on',
      EMCEE_WEB_PORT: '0',
      EMCEE_DB: join(dir, 'emcee.db'),
      EMCEE_RECAP_DIR: join(dir, 'recaps'),
      EMCEE_LOCAL_ROOM: join(dir, 'room.jsonl'),
      EMCEE_PROMPTS_DIR: join(dir, 'prompts'),
      EMCEE_LOG_LEVEL: 'warn',
      NO_COLOR: '1',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout!.on('data', (chunk) => (printed += String(chunk)));
  child.stderr!.on('data', (chunk) => (printed += String(chunk)));
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  return { child, output: () => printed, exited };
}

async function printed(output: () => string, pattern: RegExp, timeoutMs = 20_000): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = pattern.exec(output());
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`Not printed in time: ${pattern}\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a newcomer runs the demo and opens the printed link', () => {
  it.runIf(hasChromium)(
    'signs in with it, watches answers arrive in the console, and afterwards reads the recap on its page',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'emcee-newcomer-'));
      mkdirSync(join(dir, 'prompts'));
      copyFileSync(join(ROOT, 'prompts/demo.yaml'), join(dir, 'prompts/demo.yaml'));
      // The demo as `npm start` runs it (the same code path), sped up eight times.
      const demo = emcee(['run', 'demo', '--crowd', '6', '--speed', '8', '--web'], dir);
      const browser = await launchChromium();
      try {
        const [, site, link] = await printed(demo.output, /Open (http:\/\/127\.0\.0\.1:\d+)\/ .*sign in with (\S+)/);
        const { page, watch } = await openWatchedPage(browser, site!);
        await page.goto(link!);
        await page.getByRole('button', { name: /Sign in as/ }).click();
        await page.waitForURL(`${site}/console`);
        await page.waitForSelector('[data-live-channel][data-connected="yes"]');
        // The simulated crowd answers Q1 within seconds: each answer appears without a reload.
        await page.waitForSelector('section[data-question] li.answer', { timeout: 20_000 });
        expect(await page.locator('li.answer').count()).toBeGreaterThan(0);

        expect(await demo.exited).toBe(0);
        expect(demo.output()).toMatch(/Chat finished: \d+ answers from \d+ participants/);
        // The stopping site said goodbye: the page stops listening instead of retrying a server that is gone.
        await page.waitForFunction(() =>
          document.querySelector('[data-live-status]')?.textContent?.startsWith('Emcee stopped'),
        );
        // The archive on its own (`emcee web`) over the same database: the chat's recap is on its page.
        const archive = emcee(['web', '--port', '0'], dir);
        try {
          const [, again] = await printed(archive.output, /open (http:\/\/127\.0\.0\.1:\d+)\//);
          const archiveWatch = await watchPage(page, again!);
          await page.goto(`${again}/`);
          const recapLink = page.locator('a[href^="/recaps/demo/"]').first();
          await recapLink.click();
          await page.waitForURL(/\/recaps\/demo\/\d{4}-\d{2}-\d{2}$/);
          // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator; the rendered text is the point
          const recap = await page.locator('main').innerText();
          expect(recap).toMatch(/Q1/);
          expect(recap).toMatch(/answers?/i);
          expect([...watch.foreignRequests, ...archiveWatch.foreignRequests]).toEqual([]);
          expect([...watch.errors, ...archiveWatch.errors], String([...watch.errors, ...archiveWatch.errors])).toEqual(
            [],
          );
        } finally {
          archive.child.kill('SIGTERM');
          await archive.exited;
        }
      } finally {
        await browser.close();
        demo.child.kill('SIGTERM');
      }
    },
    90_000,
  );
});
