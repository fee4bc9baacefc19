import { describe, expect, it } from 'vitest';
import {
  displayPosition,
  graphemeWidth,
  screenWidth,
  stripAnsi,
  truncateToWidth,
} from '../../adapters/local/screen-width.js';

describe('screenWidth', () => {
  it('counts plain ASCII one column a character', () => {
    expect(screenWidth('Q1 of 6 · 3 answers')).toBe(19);
  });

  it('counts emoji and CJK characters two columns, whatever their UTF-16 length', () => {
    expect('👏'.length).toBe(2);
    expect(screenWidth('👏')).toBe(2);
    expect(screenWidth('你好')).toBe(4);
    expect(screenWidth('한국어')).toBe(6);
    expect(screenWidth('ＡＢ')).toBe(4); // fullwidth Latin
    expect(screenWidth('3 👏')).toBe(4);
  });

  it('counts an emoji sequence (ZWJ, skin tone, flag, keycap) as the one picture it shows', () => {
    expect(screenWidth('👩‍💻')).toBe(2);
    expect(screenWidth('👍🏽')).toBe(2);
    expect(screenWidth('🇫🇷')).toBe(2);
    expect(screenWidth('❤️')).toBe(2); // text-default symbol with emoji presentation asked for
    expect(screenWidth('❤')).toBe(1);
  });

  it('gives combining marks and zero-width characters no column', () => {
    expect(screenWidth('e\u0301')).toBe(1);
    expect(screenWidth('cafe\u0301s')).toBe(5);
    expect(screenWidth('a\u200Bb')).toBe(2);
    expect(graphemeWidth('\u0301')).toBe(0);
  });

  it('ignores ANSI colour, cursor and OSC sequences', () => {
    expect(screenWidth('\x1b[2mdim\x1b[22m')).toBe(3);
    expect(screenWidth('\x1b[31m你\x1b[39m\x1b[K')).toBe(2);
    expect(screenWidth('\x1b]8;;https://example.org\x07link\x1b]8;;\x07')).toBe(4);
    expect(stripAnsi('\x1b[1mQ1\x1b[22m: hi')).toBe('Q1: hi');
  });
});

describe('truncateToWidth', () => {
  it('leaves text that fits alone', () => {
    expect(truncateToWidth('short', 5)).toBe('short');
  });

  it('cuts to the width with an ellipsis counted in it', () => {
    const cut = truncateToWidth('abcdefghij', 6);
    expect(cut).toBe('abcde…');
    expect(screenWidth(cut)).toBe(6);
  });

  it('never splits a wide character or an emoji, and never goes over the width', () => {
    for (let columns = 1; columns <= 12; columns++) {
      const cut = truncateToWidth('ab你好👩‍💻cd👏ef', columns);
      expect(screenWidth(cut)).toBeLessThanOrEqual(columns);
      expect(cut).not.toMatch(/\u200D…|\uD83D…/);
    }
    expect(truncateToWidth('ab你好cd', 5)).toBe('ab你…');
    expect(truncateToWidth('ab👩‍💻cd', 5)).toBe('ab👩‍💻…');
  });

  it('keeps a combining mark with its letter', () => {
    expect(truncateToWidth('cafe\u0301 society', 5)).toBe('cafe\u0301…');
  });

  it('keeps escape sequences, so a colour opened before the cut is closed', () => {
    const cut = truncateToWidth('\x1b[2mabcdefgh\x1b[22m', 4);
    expect(cut).toBe('\x1b[2mabc…\x1b[22m');
    expect(screenWidth(cut)).toBe(4);
  });
});

describe('displayPosition', () => {
  it('finds the row and column after text on a narrow screen', () => {
    expect(displayPosition('abcdefg', 5)).toEqual({ rows: 1, cols: 2 });
    expect(displayPosition('abcde', 5)).toEqual({ rows: 1, cols: 0 });
    expect(displayPosition('\x1b[2mab\x1b[22m', 5)).toEqual({ rows: 0, cols: 2 });
  });

  it('moves a wide character that does not fit in the last column to the next row', () => {
    expect(displayPosition('abcd你', 5)).toEqual({ rows: 1, cols: 2 });
    expect(displayPosition('abc你', 5)).toEqual({ rows: 1, cols: 0 });
  });
});
