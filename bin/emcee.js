#!/usr/bin/env node
// Runs the compiled CLI (dist/, built by `npm install` through the prepare script) when it is at least as
// new as every TypeScript source, and the TypeScript itself through tsx otherwise, so an edit never runs
// stale code and an installed copy starts fast.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const compiled = `${root}dist/cli/main.js`;

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const fresh =
  existsSync(compiled) &&
  statSync(compiled).mtimeMs >= Math.max(...['src', 'adapters', 'cli'].map((dir) => newestSource(`${root}${dir}`)));

let main;
if (fresh) {
  ({ main } = await import(compiled));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
