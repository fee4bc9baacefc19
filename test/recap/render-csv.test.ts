import { describe, expect, it } from 'vitest';
import { buildRecap } from '../../src/recap/build-recap.js';
import { renderCsv } from '../../src/recap/render-csv.js';
import { parseCsv } from '../../src/transcript/csv-rows.js';
import { answer, chatInput } from './chat-input.js';

const input = chatInput([
  answer('a1', 'ana', 'A1: Listen, then "talk", always', 6, 1),
  answer('a2', 'rob', 'A1a: 像磁铁而不是扩音器。', 7, 1, { part: 'a' }),
  answer('a3', 'giulia', 'A1: perché\nla comunità conta', 8, 1),
  answer('a4', 'eve', '=HYPERLINK("http://evil.example","click")', 16, 1, { late: true }),
  answer('b1', 'li', 'A2: plain', 17, 2),
]);

describe('the CSV recap', () => {
  const csv = renderCsv(buildRecap(input));

  it('starts with a UTF-8 BOM and the header, and ends rows with CRLF', () => {
    expect(csv.startsWith('\uFEFFquestion,question_text,author,text,time,late,part\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('has one row per answer that reads back to the same fields, quotes and line breaks included', () => {
    const { records, error } = parseCsv(csv);
    expect(error).toBeUndefined();
    expect(records.map((r) => r.fields)).toEqual([
      ['question', 'question_text', 'author', 'text', 'time', 'late', 'part'],
      [
        '1',
        'How do you build relationships?',
        'ana',
        'A1: Listen, then "talk", always',
        '2026-11-19T18:06:00.000Z',
        'no',
        '',
      ],
      [
        '1',
        'How do you build relationships?',
        'rob',
        'A1a: 像磁铁而不是扩音器。',
        '2026-11-19T18:07:00.000Z',
        'no',
        'a',
      ],
      [
        '1',
        'How do you build relationships?',
        'giulia',
        'A1: perché\nla comunità conta',
        '2026-11-19T18:08:00.000Z',
        'no',
        '',
      ],
      [
        '1',
        'How do you build relationships?',
        'eve',
        '\'=HYPERLINK("http://evil.example","click")',
        '2026-11-19T18:16:00.000Z',
        'yes',
        '',
      ],
      ['2', 'What does marketing mean to you?', 'li', 'A2: plain', '2026-11-19T18:17:00.000Z', 'no', ''],
    ]);
    expect(csv).toContain('"A1: Listen, then ""talk"", always"');
  });
});
