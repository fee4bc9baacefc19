import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileWriteError, writeFileAtomically } from '../../src/recap/write-file-atomically.js';
import { runCliInProcess as cli } from '../support/run-cli.js';

const dir = () => mkdtempSync(join(tmpdir(), 'emcee-atomic-'));
const failing = (code: string, call: 'writeSync' | 'renameSync' | 'openSync') => ({
  ...fs,
  [call]: () => {
    throw Object.assign(new Error(`${code}: simulated`), { code });
  },
});

function errorOf(run: () => void): FileWriteError {
  try {
    run();
  } catch (error) {
    if (error instanceof FileWriteError) return error;
    throw error;
  }
  throw new Error('expected a FileWriteError');
}

describe('writing a recap file atomically', () => {
  it('writes a new file and replaces an old one, leaving no temporary file behind', () => {
    const folder = dir();
    const path = join(folder, 'recap.md');
    writeFileAtomically(path, '# first\n');
    writeFileAtomically(
      path,
      (function* () {
        yield '# second';
        yield '\n';
      })(),
    );
    expect(readFileSync(path, 'utf8')).toBe('# second\n');
    expect(readdirSync(folder)).toEqual(['recap.md']);
  });

  it('says the folder does not exist, in one line naming the path', () => {
    const path = join(dir(), 'missing', 'recap.md');
    const error = errorOf(() => writeFileAtomically(path, 'x'));
    expect(error.message).toBe(`Could not write ${path}: folder does not exist.`);
    expect(error.reason).toBe('folder does not exist');
  });

  it.each([
    ['ENOSPC', 'writeSync', 'disk full'],
    ['EDQUOT', 'writeSync', 'disk quota exceeded'],
    ['EACCES', 'renameSync', 'permission denied'],
    ['EROFS', 'openSync', 'the disk is read-only'],
  ] as const)('keeps the previous file when %s fails the %s, and says "%s"', (code, call, words) => {
    const folder = dir();
    const path = join(folder, 'recap.md');
    writeFileSync(path, 'the previous recap');
    const error = errorOf(() => writeFileAtomically(path, 'a new recap that never lands', failing(code, call)));
    expect(error.message).toBe(`Could not write ${path}: ${words}.`);
    expect(readFileSync(path, 'utf8')).toBe('the previous recap');
    expect(readdirSync(folder)).toEqual(['recap.md']);
  });

  it('emcee recap --out into a missing folder fails with one plain line, no stack', async () => {
    const folder = dir();
    const transcript = join(folder, 'chat.jsonl');
    const line = (id: string, author: string, text: string, minute: number) =>
      JSON.stringify({ id, author, text, ts: `2026-11-19T18:${String(minute).padStart(2, '0')}:00Z` });
    writeFileSync(transcript, [line('1', 'host', 'Q1: Why?', 5), line('2', 'ana', 'A1: because', 6)].join('\n'));
    const out = join(folder, 'nowhere', 'recap.md');
    const result = await cli(['recap', '--transcript', transcript, '--host', 'host', '--out', out]);
    expect(result).toMatchObject({ code: 1, stderr: `Could not write ${out}: folder does not exist.\n` });
  });
});
