#!/usr/bin/env node
// Fails when a tracked source line is longer than 120 characters. Biome's formatter wraps code at 120 but
// cannot break a long string, comment, template literal or regex, and Biome has no line-length rule.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const LIMIT = 120;
const SOURCE = /\.(?:[cm]?[jt]s|tsx)$/;
const SKIPPED = /(?:^|\/)(?:node_modules|dist|data|coverage|fixtures)\//;
// Paths are the repository's, whatever directory the script is started from.
process.chdir(fileURLToPath(new URL('..', import.meta.url)));

const tracked = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  .split('\0')
  .filter((path) => SOURCE.test(path) && !SKIPPED.test(path));

const problems = [];
for (const path of tracked) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    continue; // listed by git but deleted in the work tree
  }
  text.split('\n').forEach((line, index) => {
    // Characters as a reader counts them: an emoji or a CJK character is one, not two UTF-16 units.
    const length = [...line.replace(/\r$/, '')].length;
    if (length > LIMIT) problems.push(`${path}:${index + 1}: ${length} characters`);
  });
}

if (problems.length > 0) {
  process.stderr.write(`${problems.join('\n')}\n${problems.length} line(s) longer than ${LIMIT} characters\n`);
  process.exit(1);
}
