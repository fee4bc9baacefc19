/**
 * The community's pages on a generated archive: 1,000 chats × 300 messages of one published weekly series in a
 * temporary database, then the home, series and recap pages requested through the app (app.fetch, the whole
 * middleware chain, no socket), each timed. Target: p95 < 50 ms per page. `npx tsx bench/web-pages-bench.ts`
 * prints the rows; BENCH_WEB_CHATS sets the number of chats.
 */
import { join } from 'node:path';
import { silentLogger } from '../src/log.js';
import { seriesChatDates } from '../src/recap/recap-dates.js';
import { loadScript } from '../src/script/load-script.js';
import { ScriptCatalog } from '../src/script/script-catalog.js';
import type { ChatStore } from '../src/store/chat-store.js';
import { ManualClock } from '../src/time/manual-clock.js';
import { type ArchivedMessage, archiveChat } from '../test/support/archive-chat.js';
import { createWebApp } from '../web/create-web-app.js';
import { fmt, percentile, timeMs, withScratchStore, type BenchResult, type BenchRow } from './bench-support.js';

const MESSAGES_PER_CHAT = 300;
const PEOPLE = 3000;
const REQUESTS = 200;
const TARGET_MS = 50;
const WEEK = 7 * 24 * 3_600_000;

/** Fills `store` with `chats` weekly chats of 300 messages, people drawn so that regulars return and some are new. */
function generateArchive(store: ChatStore, chats: number): void {
  const script = loadScript('prompts/weekly-chat.yaml');
  const first = Date.UTC(2006, 0, 5, 18, 0);
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  for (let c = 0; c < chats; c++) {
    const messages: ArchivedMessage[] = [];
    for (let m = 0; m < MESSAGES_PER_CHAT; m++) {
      // Squaring skews towards low numbers: a core of regulars, a long tail of occasional people.
      const person = Math.floor(random() ** 2 * Math.min(PEOPLE, 100 + c * 3));
      const question = m % 10 === 0 ? null : 1 + (m % script.questions.length);
      messages.push({
        address: `slack:T1:C1:${1_100_000_000 + c * 10_000 + m}.000100`,
        authorId: `slack:T1:U${person}`,
        authorName: `Person ${person}`,
        text: `${question ? `A${question}: ` : ''}an answer of some length about building relationships, number ${m}`,
        question,
        minute: 5 + Math.floor((m / MESSAGES_PER_CHAT) * 50),
      });
    }
    archiveChat(store, { script, startedAt: first + c * WEEK, messages });
  }
  store.published.set('weekly-chat', true, 'bench', Date.now());
}

/** Times `count` requests of each path (cycling through `paths`), after a few unmeasured ones. */
async function timeRequests(app: ReturnType<typeof createWebApp>, paths: string[], count: number): Promise<number[]> {
  for (const path of paths.slice(0, 5)) await app.fetch(new Request(`http://127.0.0.1${path}`));
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const path = paths[i % paths.length]!;
    const started = performance.now();
    const response = await app.fetch(new Request(`http://127.0.0.1${path}`));
    await response.text();
    times.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
  }
  return times.sort((a, b) => a - b);
}

/** The scenario: the archive generated once, then each page timed. */
export async function benchWebPages(chats = Number(process.env.BENCH_WEB_CHATS ?? 1000)): Promise<BenchResult> {
  return withScratchStore('web-pages', async (store, dir) => {
    const generateSeconds = timeMs(() => generateArchive(store, chats)) / 1000;
    const app = createWebApp({
      store,
      clock: new ManualClock(Date.UTC(2026, 11, 1, 12)),
      log: silentLogger,
      config: { recapDir: join(dir, 'recaps') },
      scripts: new ScriptCatalog('prompts'),
    });
    const slugs = seriesChatDates(store, 'weekly-chat').map((chat) => chat.slug);
    // Recaps of chats spread over the whole archive, so no one chat's pages stay warm in the cache.
    const recapPaths = Array.from({ length: 50 }, (_, i) => {
      const slug = slugs[Math.floor((i * slugs.length) / 50)]!;
      return `/recaps/weekly-chat/${slug}`;
    });
    const pages: [string, string[]][] = [
      ['home', ['/']],
      ['series', ['/series/weekly-chat']],
      ['recap', recapPaths],
    ];
    const rows: BenchRow[] = [];
    const data: Record<string, unknown> = { chats, messagesPerChat: MESSAGES_PER_CHAT, generateSeconds };
    for (const [name, paths] of pages) {
      const times = await timeRequests(app, paths, REQUESTS);
      const p50 = percentile(times, 50);
      const p95 = percentile(times, 95);
      data[name] = { p50, p95, max: times.at(-1), requests: times.length };
      rows.push({
        scenario: `web ${name} page (${chats} chats × ${MESSAGES_PER_CHAT} messages)`,
        figure: `p95 ${fmt(p95, 1)} ms (p50 ${fmt(p50, 1)} ms, ${times.length} requests)`,
        target: `p95 < ${TARGET_MS} ms`,
        met: p95 < TARGET_MS,
      });
    }
    return { rows, data };
  });
}

// Run on its own: `npx tsx bench/web-pages-bench.ts` prints the rows.
if (process.argv[1]?.endsWith('web-pages-bench.ts')) {
  const result = await benchWebPages();
  for (const row of result.rows)
    console.log(`${row.met ? '✓' : '✗'} ${row.scenario}\n  ${row.figure} (target ${row.target})`);
  console.log(JSON.stringify(result.data));
}
