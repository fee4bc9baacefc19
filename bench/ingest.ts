import Database from 'better-sqlite3';
import { join } from 'node:path';
import { ChatHost } from '../src/chat-host.js';
import { silentLogger } from '../src/log.js';
import { loadScript } from '../src/script/load-script.js';
import { ChatStore } from '../src/store/chat-store.js';
import { ManualClock } from '../src/time/manual-clock.js';
import { BenchPlatform, fmt, percentile, scratchDir, type BenchResult } from './bench-support.js';

const ANSWERS = ['Listen first, then talk.', 'Reply to every comment you can.', 'Consistency. Show up every week.', 'Move to DMs, then a call, then coffee.'];

/** Raw limit: single-row inserts per second into a WAL database with the store's pragmas. */
function rawInserts(seconds: number): number {
  const db = new Database(join(scratchDir('raw'), 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE t (address TEXT PRIMARY KEY, author TEXT, text TEXT, ts INTEGER)');
  const insert = db.prepare('INSERT INTO t (address, author, text, ts) VALUES (?, ?, ?, ?)');
  const end = performance.now() + seconds * 1000;
  let n = 0;
  while (performance.now() < end) {
    for (let i = 0; i < 100; i++, n++) insert.run(`m${n}`, `u${n % 400}`, ANSWERS[n % 4], n);
  }
  const rate = n / seconds;
  db.close();
  return rate;
}

/** The whole inbound path: event → attribution → SQLite → acknowledgement queued, one message at a time. */
async function ingest(seconds: number): Promise<{ rate: number; p50: number; p99: number; count: number }> {
  const clock = new ManualClock();
  const store = ChatStore.open(join(scratchDir('ingest'), 'emcee.db'));
  const platform = new BenchPlatform(clock, undefined, false);
  const host = new ChatHost({ store, platform, clock, log: silentLogger });
  const script = loadScript('prompts/weekly-chat.yaml');
  await host.startSession({ script, community: 'bench', channel: 'bench:C' });
  await clock.advance(5 * 60_000 + 1000); // Q1 open
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  let n = 0;
  while (performance.now() < end) {
    for (let i = 0; i < 200; i++, n++) {
      const user = n % 400;
      const started = performance.now();
      await host.handleMessage({
        id: `bench:C:m${n}`,
        channel: 'bench:C',
        community: 'bench',
        author: { id: `bench:U${user}`, displayName: `person${user}`, isBot: false, isHost: false },
        text: n % 7 === 0 ? 'Great point!' : `A1: ${ANSWERS[n % 4]}`,
        ts: clock.now(),
      });
      latencies.push(performance.now() - started);
    }
    // Acknowledgements were queued, not awaited: let them drain like the event loop would.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await host.stop();
  store.close();
  latencies.sort((a, b) => a - b);
  return { rate: n / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), count: n };
}

/** Scenario 1: ingest rate and latency beside the raw SQLite insert rate. */
export async function benchIngest(seconds: number): Promise<BenchResult> {
  const raw = rawInserts(Math.min(seconds, 10));
  const result = await ingest(seconds);
  const share = result.rate / raw;
  return {
    rows: [
      {
        scenario: `Ingest, whole inbound path (${seconds} s, 400 people)`,
        figure: `${fmt(result.rate, 0)} msg/s (${fmt(share * 100, 1)}% of raw)`,
        target: `≥ ⅓ of raw SQLite inserts: ${fmt(raw, 0)} rows/s → ≥ ${fmt(raw / 3, 0)} msg/s`,
        met: share >= 1 / 3,
      },
      {
        scenario: 'Ingest latency per message',
        figure: `p50 ${fmt(result.p50 * 1000, 0)} µs, p99 ${fmt(result.p99 * 1000, 0)} µs`,
        target: 'p99 < 1 ms',
        met: result.p99 < 1,
      },
    ],
    data: { rawInsertsPerSecond: raw, ...result, seconds },
  };
}
