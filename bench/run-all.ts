import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { machine, type BenchResult, type BenchRow } from './bench-support.js';
import { benchIngest } from './ingest.js';
import { benchRateLimits } from './rate-limits.js';
import { benchRecap } from './recap.js';
import { benchStartup } from './startup.js';
import { benchThanks } from './thanks.js';

/**
 * `npm run bench`: every scenario of the performance targets, each figure beside its limit or target from
 * the same run, written to docs/benchmarks.md and docs/benchmarks.json. Reports; never fails.
 * BENCH_INGEST_SECONDS shortens the 60 s ingest run; BENCH_ONLY=ingest,thanks runs a subset.
 */
const scenarios: [string, () => Promise<BenchResult> | BenchResult][] = [
  ['ingest', () => benchIngest(Number(process.env.BENCH_INGEST_SECONDS ?? 60))],
  ['timeliness', () => isolated('timeliness')],
  ['rate-limits', () => benchRateLimits()],
  ['thanks', () => benchThanks()],
  ['recap', () => benchRecap()],
  ['startup', () => benchStartup()],
];

// Measure what an installed copy runs: the compiled CLI, fresh from the sources.
spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });

/** Runs a scenario in a fresh process (see bench/isolated.ts) and returns its result. */
function isolated(name: string): BenchResult {
  const run = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'bench/isolated.ts', name], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`${name} failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as BenchResult;
}

const only = process.env.BENCH_ONLY?.split(',');
const rows: BenchRow[] = [];
const data: Record<string, unknown> = { machine: machine() };
const started = Date.now();
for (const [name, run] of scenarios) {
  if (only && !only.includes(name)) continue;
  process.stderr.write(`▶ ${name}…\n`);
  const t0 = Date.now();
  try {
    const result = await run();
    rows.push(...result.rows);
    data[name] = result.data;
    for (const row of result.rows) process.stderr.write(`  ${row.met === false ? '✗' : '✓'} ${row.scenario}: ${row.figure} (target ${row.target})\n`);
  } catch (error) {
    rows.push({ scenario: name, figure: `failed: ${(error as Error).message}`, target: '', met: false });
    process.stderr.write(`  ✗ ${name} failed: ${(error as Error).stack}\n`);
  }
  process.stderr.write(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
}

const m = data.machine as Record<string, string | number>;
const verdict = (row: BenchRow) => (row.met === null ? '—' : row.met ? '✅ met' : '❌ missed');
const markdown = [
  '# Benchmarks',
  '',
  `Measured by \`npm run bench\` on ${m.date}: ${m.cores} cores (${m.cpu}), Node ${m.node}, ${m.platform}. ` +
    `The whole run took ${((Date.now() - started) / 1000).toFixed(0)} s. Every limit is measured in the same run as the figure beside it.`,
  '',
  '| scenario | figure | limit / target | verdict |',
  '| --- | --- | --- | --- |',
  ...rows.map((row) => `| ${row.scenario} | ${row.figure}${row.note ? ` (${row.note})` : ''} | ${row.target} | ${verdict(row)} |`),
  '',
  'How each is measured: see `bench/*.ts` (one file per scenario). Raw figures: `docs/benchmarks.json`.',
  '',
].join('\n');
mkdirSync('docs', { recursive: true });
if (!only) {
  writeFileSync('docs/benchmarks.md', markdown);
  writeFileSync('docs/benchmarks.json', `${JSON.stringify({ rows, ...data }, null, 2)}\n`);
  process.stderr.write('Wrote docs/benchmarks.md and docs/benchmarks.json\n');
} else process.stdout.write(markdown);
