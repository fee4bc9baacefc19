import { spawnSync } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { scratchDir, type BenchResult } from './bench-support.js';

/**
 * Runs a scenario of bench/isolated.ts in a fresh process, so its memory and CPU are its own. The scenario
 * runs as plain JavaScript when esbuild (installed with tsx) can bundle it, like the compiled `emcee` an
 * install runs: under tsx the module loader's own thread adds about 25-40 MB of RSS that production never
 * has. `cores` pins the process to that many CPUs with taskset where there is one.
 */
export async function runIsolated(
  name: string,
  options: Record<string, unknown> = {},
  cores?: number,
): Promise<BenchResult> {
  const bundle = await bundled();
  const runtime = bundle ? `node ${process.version}, compiled` : 'tsx';
  const entry = bundle ? [bundle] : [resolve('node_modules/tsx/dist/cli.mjs'), 'bench/isolated.ts'];
  const pin =
    cores && existsSync('/usr/bin/taskset')
      ? ['/usr/bin/taskset', '-c', Array.from({ length: cores }, (_, i) => i).join(',')]
      : [];
  const [command, ...args] = [...pin, process.execPath, ...entry, name, JSON.stringify(options)];
  const run = spawnSync(command!, args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: {
      ...process.env,
      BENCH_RUNTIME: `${runtime}${pin.length ? `, pinned to ${cores} core${cores === 1 ? '' : 's'}` : ''}`,
    },
  });
  if (run.status !== 0) throw new Error(`${name} failed: ${run.stderr || run.error?.message}`);
  return JSON.parse(run.stdout) as BenchResult;
}

let bundlePath: Promise<string | undefined> | undefined;

/** bench/isolated.ts bundled into one .mjs beside a link to node_modules; undefined without esbuild. */
function bundled(): Promise<string | undefined> {
  bundlePath ??= (async () => {
    try {
      const esbuild = (await import('esbuild' as string)) as {
        build(options: Record<string, unknown>): Promise<unknown>;
      };
      const dir = scratchDir('compiled');
      symlinkSync(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
      const outfile = join(dir, 'isolated.mjs');
      await esbuild.build({
        entryPoints: ['bench/isolated.ts'],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        packages: 'external',
        outfile,
        logLevel: 'silent',
      });
      return outfile;
    } catch {
      return undefined;
    }
  })();
  return bundlePath;
}
