import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRecap } from '../../src/recap/build-recap.js';
import { renderJson } from '../../src/recap/render-json.js';
import { runCliInProcess as cli } from '../support/run-cli.js';
import { answer, chatInput, other } from './chat-input.js';

const dir = mkdtempSync(join(tmpdir(), 'emcee-recap-cli-'));
const line = (id: string, author: string, text: string, minute: number) =>
  JSON.stringify({ id, author, text, ts: `2026-11-19T18:${String(minute).padStart(2, '0')}:00Z` });
const chat = [
  line('1', 'mod_maria', 'Q1: Why did you come? #Chat', 5),
  line('2', 'ana', 'A1: for the people #Chat', 6),
  line('3', 'bo', 'A1: for the talks #Chat', 7),
];

describe('emcee recap --transcript goes through the typed transcript recap', () => {
  it("names the likely hosts when --host asked no questions, with the error code's exit status", async () => {
    const file = join(dir, 'chat.jsonl');
    writeFileSync(file, chat.join('\n'));
    const result = await cli(['recap', '--transcript', file, '--host', 'maria']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`No questions found in ${file}: the host "maria" posted no message starting "Q1"`);
    expect(result.stderr).toContain('authors in the file include "mod_maria", "ana", "bo"');
  });

  it('says how many repeated messages were counted once, and recaps them once', async () => {
    const file = join(dir, 'repeats.jsonl');
    writeFileSync(file, [...chat, chat[1], chat[2]].join('\n'));
    const out = join(dir, 'repeats.json');
    const result = await cli(['recap', '--transcript', file, '--host', 'mod_maria', '--format', 'json', '--out', out]);
    const stderr = `2 repeated message(s) in ${file} counted once\nRecap written to ${out}\n`;
    expect(result).toMatchObject({ code: 0, stderr });
    const recap = JSON.parse(readFileSync(out, 'utf8')) as { questions: { answers: unknown[] }[] };
    expect(recap.questions[0]!.answers).toHaveLength(2);
  });
});

describe('the JSON recap written in pieces', () => {
  it('is exactly JSON.stringify of the recap, pretty-printed', () => {
    const input = chatInput([
      answer('a1', 'ana', 'A1: Listen "first", then talk https://example.org/x', 6, 1, { reactions: 2 }),
      answer('a2', 'bo', 'A1a: 像磁铁而不是扩音器 👋', 7, 1, { part: 'a' }),
      other('c1', 'li', 'hi all', 8, 'no-prefix'),
    ]);
    input.questions.push({ number: 3, text: 'Never asked' });
    const recap = buildRecap(input);
    expect(renderJson(recap)).toBe(`${JSON.stringify(recap, null, 2)}\n`);
  });
});
