import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fmt, percentile, scratchDir, type BenchResult } from './bench-support.js';

/**
 * Time from spawning `emcee run demo` (a fresh database and room, stdin closed) to the welcome on stdout;
 * the child is killed at once.
 */
function once(dir: string, i: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['bin/emcee.js', 'run', 'demo'], {
      env: {
        ...process.env,
        NO_COLOR: '1',
        EMCEE_DB: join(dir, `s${i}.db`),
        EMCEE_LOCAL_ROOM: join(dir, `r${i}.jsonl`),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no welcome within 20 s: ${err}`));
    }, 20_000);
    child.stderr.on('data', (chunk) => (err += chunk));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('Welcome')) {
        clearTimeout(timer);
        resolve(performance.now() - started);
        child.kill('SIGKILL');
      }
    });
    child.on('exit', (code) => {
      if (out.includes('Welcome')) return;
      clearTimeout(timer);
      reject(new Error(`emcee exited (${code}) before its first post: ${err}`));
    });
  });
}

/** Which code bin/emcee.js runs: the compiled dist/ when it is as new as every source, else tsx (see bin/emcee.js). */
export function binPath(): string {
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce(
      (max, entry) =>
        Math.max(
          max,
          entry.isDirectory()
            ? newest(join(dir, entry.name))
            : entry.name.endsWith('.ts')
              ? statSync(join(dir, entry.name)).mtimeMs
              : 0,
        ),
      0,
    );
  const compiled = 'dist/cli/main.js';
  const fresh =
    existsSync(compiled) && statSync(compiled).mtimeMs >= Math.max(...['src', 'adapters', 'cli'].map(newest));
  return fresh ? 'compiled dist/' : 'tsx fallback: a source is newer than dist/';
}

/** Scenario 6: start-up to first post on the local adapter, median of several runs (the first is cold). */
export async function benchStartup(runs = 7): Promise<BenchResult> {
  const dir = scratchDir('startup');
  const path = binPath();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await once(dir, i));
  const warm = times.slice(1).sort((a, b) => a - b);
  const median = percentile(warm, 50);
  return {
    rows: [
      {
        scenario:
          `Start-up: \`emcee run demo\` to the first post (median of ${warm.length} runs after a cold ` +
          `one; ${path})`,
        figure: `${fmt(median, 0)} ms (cold run ${fmt(times[0]!, 0)} ms)`,
        target: '< 1000 ms',
        met: median < 1000,
      },
    ],
    data: { runsMs: times, medianWarmMs: median, path },
  };
}
