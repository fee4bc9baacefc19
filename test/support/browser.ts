import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/** Debian's Chromium, which CI installs (.ci/run). */
export const CHROMIUM = '/usr/bin/chromium';

/** Whether browser tests can run here; on CI a missing browser is a broken setup, not a reason to skip. */
export function chromiumAvailable(what: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium.`);
  console.warn(`\n[notice] ${CHROMIUM} not found: ${what} is skipped. apt-get install chromium to run it.\n`);
  return false;
}

/** Launches headless Chromium with no network beyond what a test's pages ask for. */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'],
  });
}

/**
 * A site and Chromium for the calling suite: before its tests `start` runs (the site under test) and Chromium
 * launches; after them both close. Read `browser` and `site` inside the tests, once the suite has started.
 */
export function siteInChromium<Site extends { close(): Promise<void> }>(
  start: () => Promise<Site>,
): { readonly browser: Browser; readonly site: Site } {
  let browser: Browser | undefined;
  let site: Site | undefined;
  beforeAll(async () => {
    site = await start();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('siteInChromium: read the browser and site inside a test');
    return value;
  };
  return {
    get browser() {
      return started(browser);
    },
    get site() {
      return started(site);
    },
  };
}

/** What a watched page did that a test may want to refuse: errors, dialogs, requests to other origins. */
export interface PageWatch {
  /** Console errors and uncaught exceptions. */
  errors: string[];
  /** alert/confirm/prompt messages (a sign that injected script ran). */
  dialogs: string[];
  /** Requests to anywhere but `origin`; each was blocked. */
  foreignRequests: string[];
}

/** Records errors and dialogs on `page` and blocks (and records) every request that leaves `origin`. */
export async function watchPage(page: Page, origin: string): Promise<PageWatch> {
  const watch: PageWatch = { errors: [], dialogs: [], foreignRequests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') watch.errors.push(message.text());
  });
  page.on('pageerror', (error) => watch.errors.push(error.message));
  page.on('dialog', (dialog) => {
    watch.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin)) return route.continue();
    watch.foreignRequests.push(url);
    return route.abort();
  });
  return watch;
}

/** A new page in `browser`, watched from the start (see watchPage), with the page options a test needs. */
export async function openWatchedPage(
  browser: Browser,
  origin: string,
  options: BrowserContextOptions = {},
): Promise<{ page: Page; watch: PageWatch }> {
  const page = await browser.newPage(options);
  return { page, watch: await watchPage(page, origin) };
}

/** One axe-core finding. */
export interface AxeViolation {
  /** The rule, e.g. "color-contrast". */
  id: string;
  /** minor, moderate, serious or critical. */
  impact: string | null;
  /** The elements, as selectors. */
  targets: string[];
}

const axeSource = (() => {
  let source: string | undefined;
  return () => {
    source ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    return source;
  };
})();

/** Runs axe-core in the page and returns its serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, not as a <script> tag: the site's CSP (script-src 'self') refuses
  // inline scripts, and must stay on while a test checks that nothing else runs.
  await page.evaluate(axeSource());
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: () => Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** How far the page scrolls sideways at its current viewport (0 when it fits). */
export async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
