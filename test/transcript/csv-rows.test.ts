import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/transcript/csv-rows.js';

describe('RFC 4180 CSV records', () => {
  it("reads quoted commas, doubled quotes and line breaks inside quotes, and names each record's first line", () => {
    const text = 'id,text\r\n1,"a, b"\r\n2,"she said ""hi"""\r\n3,"two\r\nlines\nand three"\r\n4,plain\r\n';
    const { records, error } = parseCsv(text);
    expect(error).toBeUndefined();
    expect(records).toEqual([
      { line: 1, fields: ['id', 'text'] },
      { line: 2, fields: ['1', 'a, b'] },
      { line: 3, fields: ['2', 'she said "hi"'] },
      { line: 4, fields: ['3', 'two\r\nlines\nand three'] },
      { line: 7, fields: ['4', 'plain'] },
    ]);
  });

  it('tolerates a BOM, LF or CR line ends, blank lines, a missing final line end and empty fields', () => {
    expect(parseCsv('\uFEFFa,b\n\n1,\r2,""').records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', ''] },
      { line: 4, fields: ['2', ''] },
    ]);
  });

  it('keeps Chinese, Italian and emoji text as it is', () => {
    expect(parseCsv('t\n"像磁铁,而不是扩音器。"\nperché sì 👋\n').records.map((r) => r.fields[0])).toEqual([
      't',
      '像磁铁,而不是扩音器。',
      'perché sì 👋',
    ]);
  });

  it('flags text after a closing quote, and reports a quote that never closes with the line it opened on', () => {
    const { records, error } = parseCsv('a,b\n1,"x"y\n2,ok\n3,"never closed\n4,z\n');
    expect(records[1]).toMatchObject({
      line: 2,
      fields: ['1', 'xy'],
      problem: expect.stringContaining('after the closing quote of field 2'),
    });
    expect(records[2]).toEqual({ line: 3, fields: ['2', 'ok'] });
    expect(error).toEqual({ line: 4, message: expect.stringContaining('never closed') });
  });
});
