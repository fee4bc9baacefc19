import { describe, expect, it } from 'vitest';
import { buildRecap } from '../../src/recap/build-recap.js';
import type { Recap } from '../../src/recap/recap-model.js';
import { renderRecaps } from '../../src/recap/render-recap.js';
import { parseCsv } from '../../src/transcript/csv-rows.js';
import { answer, chatInput } from './chat-input.js';

// giulia.r answers Q1 three times, the last one after Q2 was asked; bo gives one two-part answer and one more.
const input = chatInput([
  answer('g1', 'giulia.r', 'A1: Thank people publicly and specifically.', 6, 1),
  answer('g2', 'giulia.r', "A1: Share other people's content, with credit.", 7, 1),
  answer('b1', 'bo', 'A1a: Show up weekly', 7.5, 1, { part: 'a' }),
  answer('b2', 'bo', 'A1b: and reply to every comment', 8, 1, { part: 'b' }),
  answer('b3', 'bo', 'A1: # also: ask questions', 9, 1),
  answer('g3', 'giulia.r', 'A1: Ask questions back (catching up!)', 16, 1, { late: true }),
  answer('x', 'li', 'A2: one answer only', 17, 2),
]);
const outputs = renderRecaps(input, ['md', 'html', 'csv', 'json']);

describe("a person's several answers to one question", () => {
  it('Markdown: each answer on its own line under the name, the late one marked on its own line', () => {
    const md = outputs.get('md')!;
    expect(md).toContain(
      [
        '- **giulia.r**:',
        '  - Thank people publicly and specifically.',
        "  - Share other people's content, with credit.",
        '  - Ask questions back (catching up!) _(late)_',
      ].join('\n'),
    );
    // A multi-part answer is one answer: its parts stay on one line; an answer opening a line starts no heading.
    const bo = ['- **bo**:', '  - (a) Show up weekly (b) and reply to every comment', '  - \\# also: ask questions'];
    expect(md).toContain(bo.join('\n'));
    expect(md).toContain('- **li**: one answer only');
    expect(md).not.toContain('specifically. Share');
  });

  it('HTML: the name once, then each answer on its own line with its own tags', () => {
    const html = outputs.get('html')!;
    expect(html).toContain(
      '<li><bdi><strong>giulia.r</strong></bdi>' +
        '<div class="answer"><bdi>Thank people publicly and specifically.</bdi></div>' +
        '<div class="answer"><bdi>Share other people&#39;s content, with credit.</bdi></div>' +
        '<div class="answer"><span class="tag late">late</span> <bdi>Ask questions back (catching up!)</bdi></div>' +
        '</li>',
    );
    expect(html).toContain('<div class="answer"><span class="tag">part a</span> <bdi>Show up weekly</bdi></div>');
    expect(html.match(/<strong>giulia\.r<\/strong>/g)).toHaveLength(1);
    expect(html).toContain('<li><bdi><strong>li</strong></bdi> <bdi>one answer only</bdi></li>');
  });

  it('CSV and JSON already keep one row and one object per answer', () => {
    const rows = parseCsv(outputs.get('csv')!).records.slice(1);
    expect(rows.filter((r) => r.fields[2] === 'giulia.r').map((r) => r.fields[5])).toEqual(['no', 'no', 'yes']);
    const json = JSON.parse(outputs.get('json')!) as Recap;
    const giulias = json.questions[0]!.answers.filter((a) => a.author === 'giulia.r');
    expect(giulias.map((a) => a.id)).toEqual(['g1', 'g2', 'g3']);
    expect(json).toEqual(JSON.parse(JSON.stringify(buildRecap(input))));
  });
});
