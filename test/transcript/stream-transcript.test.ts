import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CsvRecord, CsvRecordReader, parseCsv } from '../../src/transcript/csv-rows.js';
import { readTranscript, streamTranscript, TranscriptError } from '../../src/transcript/read-transcript.js';

const dir = mkdtempSync(join(tmpdir(), 'emcee-stream-transcript-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const line = (id: string, author: string, text: string, ts: string) => JSON.stringify({ id, author, text, ts });

// Whatever the sync reader says (messages or a typed error), the stream must say too.
async function expectSameAsSync(path: string, options: { skipBad?: boolean } = {}) {
  let expected: unknown;
  try {
    expected = readTranscript(path, options);
  } catch (error) {
    expect(error).toBeInstanceOf(TranscriptError);
    const { code, message, badLines } = error as TranscriptError;
    await expect(streamTranscript(path, options)).rejects.toMatchObject({ code, message, badLines });
    return;
  }
  expect(await streamTranscript(path, options)).toEqual(expected);
}

describe('CSV records arriving in chunks', () => {
  const samples = [
    'id,text\r\n1,"a, b"\r\n2,"she said ""hi"""\r\n3,"two\r\nlines\nand three"\r\n4,plain\r\n',
    '\uFEFFa,b\n\n1,\r2,""',
    'a,b\n1,"x"y\n2,ok\n3,"never closed\n4,z\n',
    't\n"像磁铁,而不是扩音器。"\nperché sì 👋\r',
  ];

  it.each(samples)('gives the same records and stop, split at every point: %j', (text) => {
    const whole = parseCsv(text);
    for (let cut = 0; cut <= text.length; cut++) {
      for (const size of [1, 3]) {
        const records: CsvRecord[] = [];
        const reader = new CsvRecordReader((record) => records.push(record));
        reader.push(text.slice(0, cut));
        for (let i = cut; i < text.length; i += size) reader.push(text.slice(i, i + size));
        const error = reader.end();
        expect({ records, ...(error ? { error } : {}) }, `cut at ${cut}, then ${size} at a time`).toEqual(whole);
      }
    }
  });
});

describe('streaming a transcript file', () => {
  const q = line('1', 'host', 'Q1: Why?', '2026-11-19T18:05:00Z');
  const a = line('2', 'ana', 'A1: 像磁铁 👋 perché', '2026-11-19T18:06:00Z');

  it('reads JSONL, CSV and TAGS files exactly as the whole-file reader does, errors included', async () => {
    await expectSameAsSync(file('crlf.jsonl', `\uFEFF${q}\r\n\r\n${a}\r\n`));
    await expectSameAsSync(file('bad.jsonl', `${q}\noops\n${a}\n{"id":"3"}`));
    await expectSameAsSync(file('bad-skipped.jsonl', `${q}\noops\n${a}\n{"id":"3"}`), { skipBad: true });
    await expectSameAsSync(file('repeat.jsonl', `${q}\n${q}\n${a}\n`));
    const csv =
      'id,author,text,ts\r\n1,host,"Q1: Why,\r\nreally?",2026-11-19T18:05:00Z\r\n' +
      '2,ana,A1,2026-11-19T18:06:00Z\r\n';
    await expectSameAsSync(file('chat.csv', csv));
    const tags =
      '\uFEFFid_str,from_user,text,created_at,in_reply_to_status_id_str\n' +
      '9,host,Q1: a,Thu Nov 19 18:05:00 +0000 2026,\n10,ana,"A1: ""b""",Thu Nov 19 18:06:00 +0000 2026,9\n';
    await expectSameAsSync(file('tags.csv', tags));
    const unclosed = 'id,author,text,ts\n1,host,Q1: a,2026-11-19T18:05:00Z\n2,ana,"never closed,2026-11-19T18:06:00Z\n';
    await expectSameAsSync(file('unclosed.csv', unclosed));
    await expectSameAsSync(file('odd.csv', 'who,what\nana,hi\n'));
    await expectSameAsSync(file('empty.jsonl', '\n\n'));
    await expectSameAsSync(file('sniffed.txt', `${q}\n${a}\n`));
    await expectSameAsSync(join(dir, 'missing.jsonl'));
    await expectSameAsSync(dir);
  });

  it('keeps characters and line numbers whole across chunk boundaries of a file larger than a chunk', async () => {
    const lines = Array.from({ length: 30_000 }, (_, i) =>
      line(`m${i}`, `person${i % 50}`, `A1: ${'像磁铁 👋 '.repeat((i % 7) + 1)}`, '2026-11-19T18:06:00Z'),
    );
    lines.splice(12_345, 0, 'not json');
    const path = file('big.jsonl', `${q}\n${lines.join('\n')}\n`);
    await expectSameAsSync(path, { skipBad: true });
    const streamed = await streamTranscript(path, { skipBad: true });
    expect(streamed.skipped).toEqual([{ line: 12_347, problem: expect.stringContaining('not valid JSON') }]);
    expect(streamed.messages).toHaveLength(30_001);
  });
});
