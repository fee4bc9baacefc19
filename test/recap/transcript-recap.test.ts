import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Recap } from '../../src/recap/recap-model.js';
import { runCliInProcess as cli } from '../support/run-cli.js';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const jsonl = `${fixtures}sample-chat.jsonl`;
const labels = JSON.parse(readFileSync(`${fixtures}sample-chat.labels.json`, 'utf8')) as {
  labels: Record<string, number | null>;
};
const rows = readFileSync(jsonl, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Record<string, string>);
const dir = mkdtempSync(join(tmpdir(), 'emcee-recap-'));

function questionOfEach(recap: Recap): Map<string, number | null> {
  const where = new Map<string, number | null>();
  for (const q of recap.questions) for (const a of q.answers) where.set(a.id, q.number);
  for (const u of recap.unattributed) where.set(u.id, null);
  return where;
}

function expectLabels(recap: Recap) {
  const where = questionOfEach(recap);
  expect(where.size).toBe(rows.length); // every message exactly once
  for (const [id, expected] of Object.entries(labels.labels)) expect(where.get(id), id).toBe(expected);
  for (const u of recap.unattributed.filter((u) => u.author === 'community_host')) expect(u.reason).toBe('host');
}

// Twitter's archive time form, as the TAGS sheet wrote it.
function twitterTime(iso: string): string {
  const d = new Date(iso);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${day} ${mon} ${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000 ${d.getUTCFullYear()}`
  );
}

const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;

describe('recaps of imported transcripts', () => {
  it('JSONL: attributes every message of the shared fixture as its labels say', async () => {
    const result = await cli(['recap', '--transcript', jsonl, '--host', 'community_host', '--format', 'json']);
    expect(result.code).toBe(0);
    const recap = JSON.parse(result.stdout) as Recap;
    expectLabels(recap);
    expect(recap.stats.answersPerQuestion).toHaveLength(11);
    expect(recap.questions[0]!.text).toBe('How do you build real relationships on social media?');
    expect(recap.unattributed.find((u) => u.id === 'm0035')!.reason).toBe('unmatched-number');
    expect(recap.unattributed.find((u) => u.id === 'm0022')!.reason).toBe('conversation');
    expect(recap.questions[0]!.answers.find((a) => a.id === 'm0028')!.late).toBe(true);
    expect(recap.questions[1]!.answers.find((a) => a.id === 'm0031')!.part).toBe('a');
  });

  it('the same chat as a TAGS archive CSV, shuffled, gives the same attribution', async () => {
    const header = 'id_str,from_user,text,created_at,in_reply_to_status_id_str';
    const lines = [...rows]
      .reverse()
      .map((r) => [r.id, r.author, r.text, twitterTime(r.ts!), r.replyTo ?? ''].map((v) => quote(v!)).join(','));
    const file = join(dir, 'tags.csv');
    writeFileSync(file, `\uFEFF${header}\r\n${lines.join('\r\n')}\r\n`);
    const result = await cli(['recap', '--transcript', file, '--host', 'community_host', '--format', 'json']);
    expect(result.stderr).toBe('');
    expectLabels(JSON.parse(result.stdout) as Recap);
  });

  it('CSV output: one row per answer, quoted, with a BOM', async () => {
    const out = join(dir, 'answers.csv');
    expect(
      (await cli(['recap', '--transcript', jsonl, '--host', 'community_host', '--format', 'csv', '--out', out])).code,
    ).toBe(0);
    const csv = readFileSync(out, 'utf8');
    expect(csv.startsWith('\uFEFFquestion,question_text,author,text,time,late,part\r\n')).toBe(true);
    const answers = Object.values(labels.labels).filter((v) => v !== null).length;
    expect(csv.trimEnd().split('\r\n')).toHaveLength(answers + 1);
    expect(csv).toContain(
      "2,What does relationship marketing mean to you?,carlos,A2a: I'd love a chat on community " +
        'management!,2026-11-19T18:11:05.000Z,no,a',
    );
    expect(csv).toContain(
      '"@mika_t @community_host A1) Give without an agenda and the business follows. #CommunityChat"'.replace(
        '"@',
        '"\'@',
      ),
    );
  });

  it('Markdown: every question with its answers, highlights, late marks and who joined', async () => {
    const md = (await cli(['recap', '--transcript', jsonl, '--host', 'community_host'])).stdout;
    for (let q = 1; q <= 11; q++) expect(md).toContain(`## Q${q}: `);
    expect(md).toContain('**Highlights**');
    expect(md).toMatch(
      /\*\*lena\*\*: Personalize: mention something they said last time\. \(catching up!\) _\(late\)_/,
    );
    expect(md).toMatch(/\*\*carlos\*\*: \(a\) I'd love a chat on community management! \(b\) 像磁铁而不是扩音器。/);
    expect(md).toContain('## Who joined');
  });

  it('reports bad lines with their numbers and writes nothing; --skip-bad recaps the rest', async () => {
    const broken = join(dir, 'broken.jsonl');
    const lines = readFileSync(jsonl, 'utf8').split('\n');
    lines.splice(3, 0, '{"id": "x1", "author": "a", "text": "no time"}', 'not json at all');
    writeFileSync(broken, lines.join('\n'));
    const out = join(dir, 'never.md');
    const refused = await cli(['recap', '--transcript', broken, '--host', 'community_host', '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${broken}:4  ts:`);
    expect(refused.stderr).toContain(`${broken}:5  not valid JSON`);
    expect(() => readFileSync(out)).toThrow();
    const skipped = await cli([
      'recap',
      '--transcript',
      broken,
      '--host',
      'community_host',
      '--format',
      'json',
      '--skip-bad',
    ]);
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toMatch(/skipped .*broken.jsonl:4/);
    expectLabels(JSON.parse(skipped.stdout) as Recap);
  });

  it('an empty transcript or one without questions gets a clear message, not a crash', async () => {
    const empty = join(dir, 'empty.jsonl');
    writeFileSync(empty, '\n');
    expect(await cli(['recap', '--transcript', empty, '--host', 'h'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('has no messages to recap'),
    });
    const noQuestions = await cli(['recap', '--transcript', jsonl, '--host', 'somebody_else']);
    expect(noQuestions).toMatchObject({ code: 1, stderr: expect.stringContaining('No questions found') });
    expect(await cli(['recap', '--host', 'x'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('exactly one of --session'),
    });
  });
});
