import { join } from 'node:path';
import { ChatRouter } from '../src/chat-router.js';
import { silentLogger } from '../src/log.js';
import type { InboundMessage } from '../src/port.js';
import { loadScript } from '../src/script/load-script.js';
import { ChatStore } from '../src/store/chat-store.js';
import { openDatabase } from '../src/store/open-database.js';
import { ManualClock } from '../src/time/manual-clock.js';
import { BenchPlatform, contentionMeter, fmt, percentile, scratchDir, type BenchResult } from './bench-support.js';

const ANSWERS = [
  'Listen first, then talk.',
  'Reply to every comment you can.',
  'Consistency. Show up every week.',
  'Move to DMs, then a call, then coffee.',
];
const PEOPLE = 400;

/**
 * Raw limit: single-row inserts per second into a file database opened exactly as the store opens its own
 * (openDatabase: WAL, synchronous NORMAL, foreign keys, busy timeout), each insert its own transaction.
 */
function rawInserts(seconds: number): number {
  const db = openDatabase(join(scratchDir('raw'), 'raw.db'), []);
  db.exec('CREATE TABLE t (address TEXT PRIMARY KEY, author TEXT, text TEXT, ts INTEGER)');
  const insert = db.prepare('INSERT INTO t (address, author, text, ts) VALUES (?, ?, ?, ?)');
  const started = performance.now();
  const end = started + seconds * 1000;
  let n = 0;
  while (performance.now() < end) {
    for (let i = 0; i < 100; i++, n++) insert.run(`m${n}`, `u${n % PEOPLE}`, ANSWERS[n % 4], n);
  }
  const rate = n / ((performance.now() - started) / 1000);
  db.close();
  return rate;
}

/** What a crowd of 400 sends while Q1 is open: answers in every style, thread replies, chatter. */
function message(n: number, questionAddress: string, ts: number): InboundMessage {
  const user = (n * 7919) % PEOPLE;
  const roll = n % 20;
  const answer = ANSWERS[n % 4]!;
  return {
    id: `bench:C:m${n}`,
    channel: 'bench:C',
    community: 'bench',
    author: { id: `bench:U${user}`, displayName: `person ${user}`, isBot: false, isHost: false },
    text:
      roll < 3
        ? 'Great point! Totally agree.' // chatter
        : roll < 5
          ? answer // a bare reply in the question's thread
          : roll < 7
            ? `a1) ${answer} #CommunityChat`
            : `A1: ${answer} #CommunityChat`,
    ts,
    ...(roll >= 3 && roll < 5 ? { replyTo: questionAddress } : {}),
  };
}

/** The whole inbound path: event → attribution → SQLite → acknowledgement queued, one message at a time. */
async function ingest(
  seconds: number,
): Promise<{ rate: number; p50: number; p99: number; max: number; count: number; reactions: number; elapsed: number }> {
  const clock = new ManualClock();
  const store = ChatStore.open(join(scratchDir('ingest'), 'emcee.db'));
  const platform = new BenchPlatform(clock, undefined, false);
  const host = new ChatRouter({ store, platform, clock, log: silentLogger });
  const script = loadScript('prompts/weekly-chat.yaml');
  await host.startSession({ script, community: 'bench', channel: 'bench:C' });
  await clock.advance(script.intro.minutes * 60_000 + 1000); // Q1 open
  const question = platform.posts.find((p) => p.message.kind === 'question')!.address;
  const latencies = new Float64Array(4_000_000);
  const started = performance.now();
  const end = started + seconds * 1000;
  let n = 0;
  while (performance.now() < end && n + 200 <= latencies.length) {
    for (let i = 0; i < 200; i++, n++) {
      const event = message(n, question, clock.now());
      const t0 = performance.now();
      await host.handleMessage(event);
      latencies[n] = performance.now() - t0;
    }
    // Acknowledgements were queued, not awaited: let them drain as the event loop would between events.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const elapsed = (performance.now() - started) / 1000;
  await host.stop();
  store.close();
  const sorted = latencies.subarray(0, n).sort();
  return {
    rate: n / elapsed,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[n - 1]!,
    count: n,
    reactions: platform.reactions,
    elapsed,
  };
}

/** Scenario 1: ingest rate and latency beside the raw SQLite insert rate, in the same process. */
export async function benchIngest(seconds: number): Promise<BenchResult> {
  const contention = contentionMeter();
  const raw = rawInserts(Math.min(seconds, 10));
  const result = await ingest(seconds);
  const shared = contention();
  const share = result.rate / raw;
  const runtime = process.env.BENCH_RUNTIME ?? 'tsx';
  return {
    rows: [
      {
        scenario: `Ingest, whole inbound path: ${seconds} s, ${PEOPLE} people, Q1 open (${runtime})`,
        figure: `${fmt(result.rate, 0)} msg/s (${fmt(share * 100, 1)}% of raw)`,
        target:
          `≥ ⅓ of raw SQLite single-row inserts (WAL, the store's pragmas) in the same process: ` +
          `${fmt(raw, 0)} rows/s → ≥ ${fmt(raw / 3, 0)} msg/s`,
        met: share >= 1 / 3,
        ...(shared
          ? { note: `other processes used ${fmt(shared.othersShare * 100, 0)}% of the machine meanwhile` }
          : {}),
      },
      {
        scenario: 'Ingest latency per message (ChatRouter.handleMessage until it returns)',
        figure:
          `p50 ${fmt(result.p50 * 1000, 0)} µs, p99 ${fmt(result.p99 * 1000, 0)} µs (max ` +
          `${fmt(result.max, 1)} ms)`,
        target: 'p99 < 1 ms',
        met: result.p99 < 1,
      },
    ],
    data: { rawInsertsPerSecond: raw, ...result, seconds, runtime, contention: shared },
  };
}
