import { describe, expect, it } from 'vitest';
import { answerSnippet } from '../../src/search/answer-snippet.js';
import { rankAnswers } from '../../src/search/rank-answers.js';
import { ftsMatchExpression, queryWords } from '../../src/search/search-query.js';

const shown = (pieces: { text: string; match: boolean }[]) =>
  pieces.map((p) => (p.match ? `[${p.text}]` : p.text)).join('');

describe('what people type becomes a safe FTS5 query', () => {
  it('quotes every word, keeps only letters and digits, and makes a long last word a prefix', () => {
    expect(ftsMatchExpression('mentor café')).toBe('"mentor" "café"*');
    expect(ftsMatchExpression('NEAR("a" b) OR c*')).toBe('"NEAR" "a" "b" "OR" "c"');
    expect(ftsMatchExpression('the')).toBe('"the"');
    expect(ftsMatchExpression(' -- ;; ')).toBeUndefined();
    expect(queryWords('one two three four five six seven eight nine ten')).toHaveLength(8);
  });
});

describe('snippets', () => {
  it('mark the matched words as written, folding case and accents, the last word as a prefix', () => {
    expect(shown(answerSnippet('I love Café culture and cafes', 'CAFE'))).toBe('I love [Café] culture and [cafes]');
    expect(shown(answerSnippet('Mentoring matters; a mentor more', 'mentor'))).toBe(
      '[Mentoring] matters; a [mentor] more',
    );
    expect(shown(answerSnippet('the theme', 'the'))).toBe('[the] theme');
  });

  it('cut a long answer around its matches, with an ellipsis where it was cut', () => {
    const text = `${'filler '.repeat(40)}the key word here ${'tail '.repeat(40)}`;
    const snippet = shown(answerSnippet(text, 'key', 10));
    expect(snippet).toBe('…filler filler filler the [key] word here tail tail tail…');
  });

  it('keep hostile text as plain pieces, never as marks', () => {
    const pieces = answerSnippet('<mark>x</mark> <img src=//evil.example/a> hello', 'hello');
    expect(pieces).toEqual([
      { text: '<mark>x</mark> <img src=//evil.example/a> ', match: false },
      { text: 'hello', match: true },
    ]);
  });
});

describe('ranking', () => {
  it('puts answers where the words weigh most first, newer first on a tie', () => {
    const ranked = rankAnswers(
      [
        { rowid: 1, text: 'tea is nice but so are many other drinks on a cold morning' },
        { rowid: 2, text: 'tea tea tea' },
        { rowid: 3, text: 'green tea' },
        { rowid: 4, text: 'green tea' },
      ],
      'tea',
    );
    expect(ranked.map((r) => r.rowid)).toEqual([2, 4, 3, 1]);
  });
});
