import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTranscript, readTranscript, TranscriptError } from '../../src/transcript/read-transcript.js';

const dir = mkdtempSync(join(tmpdir(), 'emcee-read-transcript-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const line = (id: string, author: string, text: string, ts: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, author, text, ts, ...extra });

/** The error a parse throws, or a failure when it does not throw one. */
function errorOf(run: () => unknown): TranscriptError {
  try {
    run();
  } catch (error) {
    if (error instanceof TranscriptError) return error;
    throw error;
  }
  throw new Error('expected a TranscriptError');
}

describe('reading transcripts', () => {
  it('reads JSONL with a BOM, blank lines, numeric ids and replies', () => {
    const text =
      `\uFEFF${line('1', 'host', 'Q1: Why?', '2026-11-19T18:05:00Z')}\n\n` +
      `{"id": 2, "author": "ana", "text": "yes", "ts": "2026-11-19T18:06:00Z", "replyTo": 1}\n`;
    expect(parseTranscript(text, 'chat.jsonl').messages).toEqual([
      { id: '1', author: 'host', text: 'Q1: Why?', ts: Date.UTC(2026, 10, 19, 18, 5) },
      { id: '2', author: 'ana', text: 'yes', ts: Date.UTC(2026, 10, 19, 18, 6), replyTo: '1' },
    ]);
  });

  it('reads our CSV columns, in any column order, with reply_to', () => {
    const text =
      'ts,author,id,text,reply_to\r\n2026-11-19T18:05:00Z,host,1,"Q1: Why, though?",\r\n' +
      '2026-11-19T18:06:00Z,ana,2,"She said ""because""",1\r\n';
    expect(parseTranscript(text, 'chat.csv').messages).toEqual([
      { id: '1', author: 'host', text: 'Q1: Why, though?', ts: Date.UTC(2026, 10, 19, 18, 5) },
      { id: '2', author: 'ana', text: 'She said "because"', ts: Date.UTC(2026, 10, 19, 18, 6), replyTo: '1' },
    ]);
  });

  it("reads the TAGS archive columns and ignores the sheet's other columns", () => {
    const text =
      'id_str,from_user,text,created_at,time,geo_coordinates,in_reply_to_status_id_str,user_followers_count\n' +
      '1330000000000000001,host,Q1: Why?,Thu Nov 19 18:05:16 +0000 2026,19/11/2026 18:05:16,,,1200\n' +
      '1330000000000000002,ana,A1: because,Thu Nov 19 18:06:00 +0000 2026,19/11/2026 ' +
      '18:06:00,,1330000000000000001,30\n';
    expect(parseTranscript(text, 'tags.csv').messages).toEqual([
      { id: '1330000000000000001', author: 'host', text: 'Q1: Why?', ts: Date.UTC(2026, 10, 19, 18, 5, 16) },
      {
        id: '1330000000000000002',
        author: 'ana',
        text: 'A1: because',
        ts: Date.UTC(2026, 10, 19, 18, 6),
        replyTo: '1330000000000000001',
      },
    ]);
  });

  it('reports every bad JSONL line with its number and what is wrong, and refuses the file', () => {
    const text = [
      line('1', 'host', 'Q1: Why?', '2026-11-19T18:05:00Z'),
      '{"id": "2", "author": "ana", "text": "no time"}',
      'not json at all',
      line('4', '', 'nobody wrote this', '2026-11-19T18:06:00Z'),
      line('5', 'bo', 'A1: fine', 'yesterday'),
      line('6', 'li', 'A1: fine too', '2026-11-19T18:07:00Z'),
    ].join('\n');
    const error = errorOf(() => parseTranscript(text, 'chat.jsonl'));
    expect(error.code).toBe('TRANSCRIPT_INVALID');
    expect(error.badLines.map((b) => b.line)).toEqual([2, 3, 4, 5]);
    expect(error.message).toContain('chat.jsonl:2  ts:');
    expect(error.message).toContain('chat.jsonl:3  not valid JSON');
    expect(error.message).toContain('chat.jsonl:4  author: must not be empty');
    expect(error.message).toContain('chat.jsonl:5  ts: "yesterday" is not an ISO 8601 time');
    expect(error.message).toContain('--skip-bad');
  });

  it('counts CSV lines as a text editor does, even after a quoted field that spans lines', () => {
    const text =
      'id,author,text,ts\n1,host,"Q1: one\nand two\nand three",2026-11-19T18:05:00Z\n2,ana,too,many,fields\n' +
      '3,bo,A1: ok,not a time\n,li,A1: no id,2026-11-19T18:06:00Z\n';
    const error = errorOf(() => parseTranscript(text, 'chat.csv'));
    expect(error.badLines).toEqual([
      { line: 5, problem: expect.stringContaining('5 fields where the header has 4') },
      { line: 6, problem: expect.stringContaining('ts "not a time" is not') },
      { line: 7, problem: 'id is empty' },
    ]);
  });

  it('refuses a CSV row with text after a closing quote instead of guessing what it meant', () => {
    const text =
      'id,author,text,ts\n1,host,"Q1: Why?",2026-11-19T18:05:00Z\n' +
      '2,ana,"A1: she said "yes" twice",2026-11-19T18:06:00Z\n';
    expect(errorOf(() => parseTranscript(text, 'chat.csv')).badLines).toEqual([
      {
        line: 3,
        problem: expect.stringContaining(
          'text after the closing quote of field 3 (write a quote inside a quoted field as "")',
        ),
      },
    ]);
  });

  it('lists at most 20 bad lines and says how many more there are', () => {
    const text = [
      line('1', 'host', 'Q1: Why?', '2026-11-19T18:05:00Z'),
      ...Array.from({ length: 25 }, () => 'oops'),
    ].join('\n');
    const error = errorOf(() => parseTranscript(text, 'big.jsonl'));
    expect(error.badLines).toHaveLength(25);
    expect(error.message.match(/big\.jsonl:\d+ {2}not valid JSON/g)).toHaveLength(20);
    expect(error.message).toContain('… and 5 more');
  });

  it('with skipBad reads the rest and returns what it skipped', () => {
    const text = [
      line('1', 'host', 'Q1: Why?', '2026-11-19T18:05:00Z'),
      'oops',
      line('3', 'ana', 'A1: yes', '2026-11-19T18:06:00Z'),
    ].join('\n');
    const result = parseTranscript(text, 'chat.jsonl', { skipBad: true });
    expect(result.messages.map((m) => m.id)).toEqual(['1', '3']);
    expect(result.skipped).toEqual([{ line: 2, problem: expect.stringContaining('not valid JSON') }]);
  });

  it('drops exact repeats and refuses a different message under a used id', () => {
    const a = line('1', 'host', 'Q1: Why?', '2026-11-19T18:05:00Z');
    const repeated = parseTranscript(
      [a, a, line('2', 'ana', 'A1: yes', '2026-11-19T18:06:00Z')].join('\n'),
      'chat.jsonl',
    );
    expect(repeated.messages).toHaveLength(2);
    expect(repeated.duplicates).toBe(1);
    const clash = errorOf(() =>
      parseTranscript([a, line('1', 'ana', 'A1: yes', '2026-11-19T18:06:00Z')].join('\n'), 'chat.jsonl'),
    );
    expect(clash.badLines).toEqual([{ line: 2, problem: 'id "1" is already used on line 1 by a different message' }]);
    const rounded = errorOf(() =>
      parseTranscript(
        'id_str,from_user,text,created_at\n1.33E+18,host,Q1: a,2026-11-19T18:05:00Z\n' +
          '1.33E+18,ana,A1: b,2026-11-19T18:06:00Z\n',
        'tags.csv',
      ),
    );
    expect(rounded.message).toContain('format the id column as text');
  });

  it('gives an empty transcript, an unknown header and a missing file clear, typed errors', () => {
    expect(errorOf(() => readTranscript(file('empty.jsonl', '\n\n')))).toMatchObject({
      code: 'TRANSCRIPT_EMPTY',
      message: expect.stringContaining('has no messages to recap'),
    });
    expect(errorOf(() => readTranscript(file('empty.csv', '')))).toMatchObject({ code: 'TRANSCRIPT_EMPTY' });
    expect(errorOf(() => readTranscript(file('header-only.csv', 'id,author,text,ts\n')))).toMatchObject({
      code: 'TRANSCRIPT_EMPTY',
    });
    expect(errorOf(() => readTranscript(file('odd.csv', 'who,what,when\nana,hi,now\n')))).toMatchObject({
      code: 'TRANSCRIPT_UNREADABLE',
      message: expect.stringMatching(
        /odd\.csv:1 has the columns who, what, when; expected a header of id,author,text,ts,reply_to/,
      ),
    });
    expect(errorOf(() => readTranscript(join(dir, 'missing.jsonl')))).toMatchObject({
      code: 'TRANSCRIPT_UNREADABLE',
      message: expect.stringContaining('no such file'),
    });
  });

  it('goes by the file extension, so a JSONL file whose first line is broken still gets line numbers', () => {
    const path = file('first-broken.jsonl', `oops\n${line('2', 'host', 'Q1: Why?', '2026-11-19T18:05:00Z')}\n`);
    expect(errorOf(() => readTranscript(path)).badLines).toEqual([
      { line: 1, problem: expect.stringContaining('not valid JSON') },
    ]);
    const sniffed = file('chat.txt', `${line('1', 'host', 'Q1: Why?', '2026-11-19T18:05:00Z')}\n`);
    expect(readTranscript(sniffed).messages).toHaveLength(1);
  });
});
