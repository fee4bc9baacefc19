import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { machine, type BenchResult, type BenchRow } from './bench-support.js';
import { benchLiveConsole } from './live-console-bench.js';
import { benchFollowUps } from './followups-bench.js';
import { benchPeople } from './people-bench.js';
import { benchRateLimits } from './rate-limits.js';
import { benchRecap } from './recap.js';
import { benchSearch } from './search-bench.js';
import { runIsolated } from './run-isolated.js';
import { benchStartup, binPath } from './startup.js';
import { benchThanks } from './thanks.js';
import { benchTranscriptSize } from './transcript-size.js';
import { benchWebPages } from './web-pages-bench.js';

/**
 * `npm run bench`: every scenario of the performance targets, each figure beside its limit or target from
 * the same run, written to docs/benchmarks.md and docs/benchmarks.json. Reports; never fails.
 * BENCH_INGEST_SECONDS shortens the 60 s ingest run; BENCH_ONLY=ingest,thanks runs a subset and prints
 * the table instead of writing it.
 */
const ingestSeconds = Number(process.env.BENCH_INGEST_SECONDS ?? 60);
const scenarios: [string, () => Promise<BenchResult> | BenchResult][] = [
  // Ingest and timeliness run in processes of their own: ingest pinned to one core, timeliness so that
  // its peak memory is its own.
  ['ingest', () => runIsolated('ingest', { seconds: ingestSeconds }, 1)],
  ['timeliness', () => runIsolated('timeliness', {})],
  ['timeliness-at-once', () => runIsolated('timeliness', { stagger: 0 })],
  ['rate-limits', () => benchRateLimits()],
  ['thanks', () => benchThanks()],
  ['people', () => benchPeople()],
  ['recap', () => benchRecap()],
  ['transcript-size', () => benchTranscriptSize()],
  ['followups', () => benchFollowUps()],
  ['startup', () => benchStartup()],
  ['search', () => benchSearch()],
  ['web-pages', () => benchWebPages()],
  ['live-console', () => benchLiveConsole()],
];

const only = process.env.BENCH_ONLY?.split(',');
const started = Date.now();
const data: Record<string, unknown> = { machine: machine() };

// Measure what an installed copy runs: the compiled CLI, fresh from the sources. Built again before the
// scenarios that spawn the CLI if a source changed meanwhile (others may be editing while this runs).
const builds: string[] = [];
const build = () => {
  const run = spawnSync('npm', ['run', 'build', '--silent'], { encoding: 'utf8' });
  builds.push(
    run.status === 0
      ? 'ok'
      : `tsc reported errors (dist/ still written): ${run.stdout.split('\n').slice(0, 3).join(' ')}`,
  );
};
build();
data.builds = builds;
const spawnsCli = new Set(['recap', 'startup', 'transcript-size']);

const rows: BenchRow[] = [];
const durations: Record<string, number> = {};
for (const [name, run] of scenarios) {
  if (only && !only.includes(name)) continue;
  process.stderr.write(`▶ ${name}…\n`);
  if (spawnsCli.has(name) && binPath() !== 'compiled dist/') build();
  const t0 = Date.now();
  try {
    const result = await run();
    rows.push(...result.rows);
    data[name] = result.data;
    for (const row of result.rows)
      process.stderr.write(
        `  ${row.met === false ? '✗' : '✓'} ${row.scenario}: ${row.figure} (target ${row.target})\n`,
      );
  } catch (error) {
    rows.push({ scenario: name, figure: `failed: ${(error as Error).message.split('\n')[0]}`, target: '', met: false });
    process.stderr.write(`  ✗ ${name} failed: ${(error as Error).stack}\n`);
  }
  durations[name] = (Date.now() - t0) / 1000;
  process.stderr.write(`  (${durations[name]!.toFixed(1)} s)\n`);
}
data.durationsSeconds = durations;
const after = machine();
data.loadAverage1mAtEnd = after.loadAverage1m;

const m = data.machine as Record<string, string | number>;
const verdict = (row: BenchRow) => (row.met === null ? '—' : row.met ? '✅ met' : '❌ missed');
const cell = (text: string) => text.replace(/\|/g, '\\|');
const markdown = [
  '# Benchmarks',
  '',
  `Measured by \`npm run bench\` on ${m.date}: ${m.cores} cores (${m.cpu}), Node ${m.node}, ${m.platform}; ` +
    `load average ${m.loadAverage1m} at the start and ${after.loadAverage1m} at the end (other work on the machine ` +
    `shows there). ` +
    `The whole run took ${((Date.now() - started) / 1000).toFixed(0)} s. Every limit is measured in the same run as ` +
    `the figure beside it. ` +
    'Benchmarks report; nothing here fails CI.',
  '',
  '| scenario | figure | limit / target | verdict |',
  '| --- | --- | --- | --- |',
  ...rows.map(
    (row) =>
      `| ${cell(row.scenario)} | ${cell(row.figure)}${row.note ? ` (${cell(row.note)})` : ''} | ${cell(row.target)} ` +
      `| ${verdict(row)} |`,
  ),
  '',
  '## How each is measured',
  '',
  `- **Ingest** (\`bench/ingest.ts\`, ${ingestSeconds} s; \`BENCH_INGEST_SECONDS\` changes it): one process pinned ` +
    `to one core with taskset. ` +
    'A file database in a temp dir, a running session with Q1 open, a crowd of 400 sending adapter-neutral events ' +
    '(answers with and without the prefix, thread replies, chatter) ' +
    'through `ChatRouter.handleMessage`; the platform only counts reactions. The raw limit is single-row autocommit ' +
    'inserts into a database opened by the same `openDatabase`.',
  '- **Timeliness** (`bench/timeliness.ts`): 1,000 sessions in one process on the real `SystemClock`, each its own ' +
    'community with 400 people (80% regulars), ' +
    'receiving messages at its own pace (55–300 a minute, Poisson), so first-timers are welcomed and everyone is ' +
    'thanked. Lateness is the platform call of each question ' +
    "against session start + `planTimeline` offset. Runs twice: chats starting one after another over one chat's " +
    'length (so at any moment some open, some ask, some close), ' +
    'and all started at once as a cron at :00 would. ' +
    'Runs as compiled JavaScript (bundled by esbuild) when it can, like the installed `emcee`; under tsx the module ' +
    'loader thread adds 25–40 MB of RSS.',
  '- **Acknowledgements** (`bench/rate-limits.ts`): the real Slack and Discord adapters against the local fakes ' +
    'with their rate limits enforced; question times are the attempt the fake accepted.',
  '- **Thanks** (`bench/thanks.ts`): `composeThanks` with the limits each adapter declares; the bound uses the text ' +
    "as written, and the strict bound every line's shortest wording.",
  '- **Community memory** (`bench/people-bench.ts`): a community of 50,000 people and 500 past weekly chats ' +
    "(308,000 messages) in a temp SQLite file, then a closing chat of about 300 of them. Each participant's past " +
    "is looked up as on their first message; the closing's `thankEveryone` with milestones against the same " +
    "without (fastest of 31 runs each, interleaved; the milestones' own share measured alone too).",
  '- **Recap** (`bench/recap.ts`): in process (read, attribute, md + html + json written) and `emcee recap --format ' +
    'html` end to end. `npm run bench:recap` breaks it down by stage.',
  '- **Transcript size** (`bench/transcript-size.ts`): 200 MB and 1 GB JSONL transcripts generated in a temp dir, ' +
    'recapped by `emcee recap --transcript F --format json --out …` as a child process; peak RSS from ' +
    '/usr/bin/time -v.',
  '- **Live console** (`bench/live-console-bench.ts`, 60 s; `BENCH_LIVE_SECONDS` changes it): the demo chat in the ' +
    'local room under a ChatService, Q1 open, the host console open in headless Chromium; 300 answers a minute from ' +
    '120 people delivered to `ChatRouter.handleMessage`. Latency from just before that call (`Date.now()`) to the ' +
    'first frame painted after the answer entered the page (`performance.timeOrigin + performance.now()`).',
  '- **Follow-ups** (`bench/followups-bench.ts`): 50,000 people and 500 past weekly chats (620,000 messages: each ' +
    'chat 100 newcomers, a third of 2,000 regulars, 150 people back from any time) written with plain INSERTs into ' +
    'a temporary database file; `followUpsFor` of the last chat on a fresh read-only connection, 7 runs after a ' +
    "first; then the recap's trends and returners once.",
  '- **Start-up** (`bench/startup.ts`): `node bin/emcee.js run demo` with a temp `EMCEE_DB`, stdin closed, until ' +
    '"Welcome" appears on stdout.',
  '',
  'Raw figures: `docs/benchmarks.json`.',
  '',
].join('\n');
if (!only) {
  mkdirSync('docs', { recursive: true });
  writeFileSync('docs/benchmarks.md', markdown);
  writeFileSync('docs/benchmarks.json', `${JSON.stringify({ rows, ...data }, null, 2)}\n`);
  process.stderr.write('Wrote docs/benchmarks.md and docs/benchmarks.json\n');
} else process.stdout.write(markdown);
