import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fmt, percentile, scratchDir, type BenchResult } from './bench-support.js';

/** Time from spawning `emcee run demo` to the welcome on stdout. */
function once(dir: string, i: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['bin/emcee.js', 'run', 'demo', '--db', join(dir, `s${i}.db`), '--room', join(dir, `r${i}.jsonl`)], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => (child.kill('SIGKILL'), reject(new Error('no welcome within 20 s'))), 20_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('emcee: Welcome')) {
        clearTimeout(timer);
        resolve(performance.now() - started);
        child.kill('SIGKILL');
      }
    });
  });
}

/** Scenario 6: start-up to first post on the local adapter, median of several runs (the first warms tsx's cache). */
export async function benchStartup(runs = 7): Promise<BenchResult> {
  const dir = scratchDir('startup');
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await once(dir, i));
  const warm = times.slice(1).sort((a, b) => a - b);
  const median = percentile(warm, 50);
  return {
    rows: [
      {
        scenario: `Start-up: \`emcee run demo\` to the first post (median of ${warm.length} warm runs)`,
        figure: `${fmt(median, 0)} ms (first, cold run ${fmt(times[0]!, 0)} ms)`,
        target: '< 1000 ms',
        met: median < 1000,
      },
    ],
    data: { runsMs: times, medianWarmMs: median },
  };
}
