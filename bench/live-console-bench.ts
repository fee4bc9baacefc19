/**
 * The live console's latency (`npx tsx bench/live-console-bench.ts`; in `npm run bench` as "live-console"):
 * answers arrive at the router (`ChatRouter.handleMessage`, where every adapter delivers them) at 300 a
 * minute for BENCH_LIVE_SECONDS of real time (60 by default), while the host console is open in headless
 * Chromium. Each answer's latency is from just before handleMessage (Date.now() here) to the first frame
 * painted after it entered the page's DOM (performance.timeOrigin + performance.now() there): one machine,
 * one clock.
 */
import { pathToFileURL } from 'node:url';
import { chromiumAvailable, launchChromium } from '../test/support/browser.js';
import { startLiveChatRig } from '../test/support/live-chat-rig.js';
import { TEST_HOST } from '../test/support/web-rig.js';
import { type BenchResult, fmt, percentile } from './bench-support.js';

const PER_MINUTE = 300;
const TARGET_P99_MS = 250;
const PEOPLE = 120;

/** Runs the scenario; `seconds` of real time at 300 answers a minute. */
export async function benchLiveConsole(seconds = Number(process.env.BENCH_LIVE_SECONDS ?? 60)): Promise<BenchResult> {
  if (!chromiumAvailable('the live console benchmark')) throw new Error('Chromium is not installed here');
  const chat = await startLiveChatRig(TEST_HOST);
  const browser = await launchChromium();
  try {
    await chat.clock.advance(20_000); // Q1 is open
    const page = await browser.newPage();
    await page.goto(`${chat.web.url}/console`);
    await page.waitForSelector('[data-live-channel][data-connected="yes"]');
    await page.evaluate(() => {
      const seen: Record<string, number> = {};
      (window as unknown as { __seen: Record<string, number> }).__seen = seen;
      new MutationObserver((records) => {
        const added: string[] = [];
        for (const record of records)
          for (const node of record.addedNodes)
            if (node instanceof HTMLElement && node.dataset.address) added.push(node.dataset.address);
        // Shown = the next frame painted with it.
        requestAnimationFrame(() => {
          const at = performance.timeOrigin + performance.now();
          for (const address of added) seen[address] ??= at;
        });
      }).observe(document.querySelector('[data-groups]')!, { childList: true, subtree: true });
    });

    const total = Math.round((seconds * PER_MINUTE) / 60);
    const gap = 60_000 / PER_MINUTE;
    const sentAt = new Map<string, number>();
    const start = Date.now() + 100;
    for (let i = 0; i < total; i++) {
      const due = start + i * gap;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const person = chat.person(`person${i % PEOPLE}`);
      const address = `local:room:bench-${i}`;
      sentAt.set(address, Date.now());
      await chat.served.router.handleMessage({
        id: address,
        channel: chat.room.defaultChannel,
        community: chat.room.community,
        author: person,
        text: `A1: answer number ${i} from ${person.displayName}, with a few words more to make it a real answer`,
        ts: chat.clock.now(),
      });
    }
    const deadline = Date.now() + 10_000;
    let seen: Record<string, number> = {};
    while (Date.now() < deadline) {
      seen = await page.evaluate(() => (window as unknown as { __seen: Record<string, number> }).__seen);
      if (Object.keys(seen).length >= total) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const latencies = [...sentAt].flatMap(([address, sent]) => (seen[address] ? [seen[address]! - sent] : []));
    latencies.sort((a, b) => a - b);
    const missing = total - latencies.length;
    const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(latencies, p));
    const max = latencies.at(-1) ?? Number.NaN;
    return {
      rows: [
        {
          scenario: 'Live console: answer at the router → shown in the browser',
          figure: `p99 ${fmt(p99!, 0)} ms (p50 ${fmt(p50!, 0)}, p95 ${fmt(p95!, 0)}, max ${fmt(max, 0)})`,
          target: `p99 < ${TARGET_P99_MS} ms at ${PER_MINUTE} answers a minute`,
          met: missing === 0 && p99! < TARGET_P99_MS,
          note: `${latencies.length} answers over ${seconds} s${missing ? `, ${missing} never shown` : ''}`,
        },
      ],
      data: { seconds, answers: total, shown: latencies.length, p50, p95, p99, max },
    };
  } finally {
    await browser.close();
    await chat.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await benchLiveConsole();
  for (const row of result.rows)
    process.stdout.write(`${row.scenario}: ${row.figure} (${row.note}); target ${row.target}\n`);
}
