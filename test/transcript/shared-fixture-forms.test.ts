import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildRecap } from '../../src/recap/build-recap.js';
import type { Recap } from '../../src/recap/recap-model.js';
import { loadTranscriptRecapInput } from '../../src/transcript/load-transcript-recap-input.js';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const jsonl = `${fixtures}sample-chat.jsonl`;
const labels = JSON.parse(readFileSync(`${fixtures}sample-chat.labels.json`, 'utf8')) as {
  host: string;
  labels: Record<string, number | null>;
};
const rows = readFileSync(jsonl, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { id: string; author: string; text: string; ts: string; replyTo?: string });
const dir = mkdtempSync(join(tmpdir(), 'emcee-fixture-forms-'));

const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
const pad = (n: number) => String(n).padStart(2, '0');
// Twitter's archive time form, as the TAGS sheet wrote it.
function twitterTime(iso: string): string {
  const d = new Date(iso);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  return (
    `${day} ${mon} ${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000 ${d.getUTCFullYear()}`
  );
}

/** The fixture as a TAGS archive: the sheet's column set (and a few it has that we ignore), newest first. */
function writeTagsCsv(): string {
  const header = 'id_str,from_user,text,created_at,time,in_reply_to_status_id_str,user_lang';
  const lines = [...rows]
    .reverse()
    .map((r) => [r.id, r.author, r.text, twitterTime(r.ts), r.ts, r.replyTo ?? '', 'en'].map(quote).join(','));
  const path = join(dir, 'tags-archive.csv');
  writeFileSync(path, `\uFEFF${header}\r\n${lines.join('\r\n')}\r\n`);
  return path;
}

/** The fixture in our own CSV columns, quoted only where needed, LF line ends, shuffled. */
function writeOurCsv(): string {
  const field = (v: string) => (/[",\r\n]/.test(v) ? quote(v) : v);
  const shuffled = rows
    .map((r, i) => ({ r, key: (i * 7919) % rows.length }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.r);
  const lines = shuffled.map((r) => [r.id, r.author, r.text, r.ts, r.replyTo ?? ''].map(field).join(','));
  const path = join(dir, 'ours.csv');
  writeFileSync(path, `id,author,text,ts,reply_to\n${lines.join('\n')}\n`);
  return path;
}

function recapOf(file: string): Recap {
  return buildRecap(loadTranscriptRecapInput(file, { host: labels.host }).input);
}

function expectLabels(recap: Recap): void {
  const where = new Map<string, number | null>();
  const place = (id: string, question: number | null) => {
    expect(where.has(id), `${id} listed twice`).toBe(false);
    where.set(id, question);
  };
  for (const q of recap.questions) for (const a of q.answers) place(a.id, q.number);
  for (const u of recap.unattributed) place(u.id, null);
  expect([...where.keys()].sort()).toEqual(rows.map((r) => r.id).sort());
  const wrong = Object.entries(labels.labels).filter(([id, expected]) => where.get(id) !== expected);
  expect(wrong).toEqual([]);
  for (const u of recap.unattributed) expect(u.reason === 'host', u.id).toBe(u.author === labels.host);
}

describe('the shared sample chat in every transcript form', () => {
  const fromJsonl = recapOf(jsonl);

  it('JSONL: every message is an answer under one question or unattributed with a reason, as the labels say', () => {
    expectLabels(fromJsonl);
    expect(fromJsonl.questions).toHaveLength(11);
    expect(fromJsonl.stats.messages).toBe(rows.length);
    expect(fromJsonl.stats.answers).toBe(Object.values(labels.labels).filter((v) => v !== null).length);
  });

  it('a TAGS archive CSV written from it, newest first, gives the same recap', () => {
    const fromTags = recapOf(writeTagsCsv());
    expectLabels(fromTags);
    expect(fromTags).toEqual(fromJsonl);
  });

  it('our CSV columns, shuffled, give the same recap', () => {
    const fromCsv = recapOf(writeOurCsv());
    expectLabels(fromCsv);
    expect(fromCsv).toEqual(fromJsonl);
  });
});
