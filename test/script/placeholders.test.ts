import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillTemplate } from '../../src/script/fill-template.js';
import { parseScript } from '../../src/script/load-script.js';
import { unknownPlaceholders } from '../../src/script/placeholders.js';
import { runCliInProcess as cli } from '../support/run-cli.js';

const prompts = new URL('../../prompts/', import.meta.url);
const weekly = readFileSync(new URL('weekly-chat.yaml', prompts), 'utf8');
const lineOf = (source: string, text: string) => source.split('\n').findIndex((l) => l.includes(text)) + 1;

describe('script placeholders', () => {
  it('fills only the values the bot gives, never what every object inherits', () => {
    const template = 'Welcome {constructor} {__proto__} {toString} {hasOwnProperty} to {hashtag}';
    const text = fillTemplate(template, { hashtag: '#Chat' });
    expect(text).toBe('Welcome {constructor} {__proto__} {toString} {hasOwnProperty} to #Chat');
    expect(fillTemplate('{name}, {count} {missing}', { name: 'ana', count: 0 })).toBe('ana, 0 {missing}');
  });

  it('the shipped scripts use only placeholders the bot fills', () => {
    for (const name of ['weekly-chat.yaml', 'demo.yaml']) {
      expect(unknownPlaceholders(readFileSync(new URL(name, prompts), 'utf8')), name).toEqual([]);
    }
  });

  it('names the line and field of each unknown placeholder, and what that text can use', () => {
    const source = weekly
      .replace('Welcome to {hashtag}!', 'Welcome {constructor} {__proto__} to {hashtag}!')
      .replace('Big thanks to {name}', 'Big thanks to {nmae}')
      .replace('Q{number} stays open {minutes}', 'Q{number} stays open {mins}');
    expect(() => parseScript(source, 'weekly.yaml')).not.toThrow();
    const problems = unknownPlaceholders(source);
    expect(problems.map((p) => [p.line, p.field, p.message.split(' is ')[0]])).toEqual([
      [lineOf(source, 'Welcome {constructor}'), 'welcome', '{constructor}'],
      [lineOf(source, 'Welcome {constructor}'), 'welcome', '{__proto__}'],
      [lineOf(source, '{nmae}'), 'wording.thanks.3', '{nmae}'],
      [lineOf(source, '{mins}'), 'wording.extendedNotice', '{mins}'],
    ]);
    expect(problems[3]!.message).toBe(
      '{mins} is not filled in here and is posted as written (this text can use {number}, {minutes})',
    );
  });

  it('emcee validate warns with file and line but still passes the script', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'emcee-placeholders-')), 'chat.yaml');
    const source = weekly.replace('Welcome to {hashtag}!', 'Welcome {constructor} to {hashtag}!');
    writeFileSync(file, source);
    const result = await cli(['validate', file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✓');
    expect(result.stderr).toBe(
      `⚠ ${file}:${lineOf(source, '{constructor}')}  welcome: ` +
        '{constructor} is not filled in here and is posted as written ' +
        '(this text can use {hashtag})\n',
    );
  });
});
