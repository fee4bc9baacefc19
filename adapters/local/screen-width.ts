/**
 * How much room text takes on a terminal screen, in columns: emoji and CJK characters take two,
 * combining marks and zero-width characters none, ANSI escape sequences none. String length counts
 * UTF-16 units, which is wrong for all of these.
 */

// CSI (colours, cursor moves), OSC (titles, links) and the two-character escapes.
// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI sequences begin with ESC (OSC ends with BEL).
const ANSI_PATTERN = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[ -/]*[0-~]/g;
const ZERO_WIDTH = /^(?:\p{Mn}|\p{Me}|\p{Cc}|\p{Cf}|[\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}])+$/u;
const EMOJI_PRESENTATION = /\p{Emoji_Presentation}/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The text without its ANSI escape sequences. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI_PATTERN, '');
}

/** Columns one grapheme (what a person sees as one character) takes: 0, 1 or 2. */
export function graphemeWidth(grapheme: string): number {
  if (ZERO_WIDTH.test(grapheme)) return 0;
  const base = grapheme.codePointAt(0) ?? 0;
  if (grapheme.includes('\uFE0E')) return 1; // text presentation asked for
  if (grapheme.includes('\uFE0F') && PICTOGRAPHIC.test(grapheme)) return 2; // emoji presentation asked for
  if (EMOJI_PRESENTATION.test(String.fromCodePoint(base))) return 2;
  return isWideCodePoint(base) ? 2 : 1;
}

/** Columns `text` takes on screen, escape sequences ignored. */
export function screenWidth(text: string): number {
  let width = 0;
  for (const { segment } of segmenter.segment(stripAnsi(text))) width += graphemeWidth(segment);
  return width;
}

/**
 * `text` cut to at most `columns` screen columns, ending in `ellipsis` when cut. Escape sequences are
 * kept (also those after the cut), so a colour opened before the cut is still closed.
 */
export function truncateToWidth(text: string, columns: number, ellipsis = '…'): string {
  if (screenWidth(text) <= columns) return text;
  const room = Math.max(0, columns - screenWidth(ellipsis));
  let used = 0;
  let cut = false;
  let result = '';
  for (const token of tokens(text)) {
    if (token.escape) {
      result += token.text;
      continue;
    }
    if (cut) continue;
    const width = graphemeWidth(token.text);
    if (used + width > room) {
      cut = true;
      result += ellipsis;
      continue;
    }
    used += width;
    result += token.text;
  }
  return result;
}

/**
 * Rows `text` fills when written from the left edge of a `columns`-wide screen, and the column the
 * cursor ends in; a wide character that does not fit in the last column moves to the next row.
 */
export function displayPosition(text: string, columns: number): { rows: number; cols: number } {
  let offset = 0;
  for (const { segment } of segmenter.segment(stripAnsi(text))) {
    const width = graphemeWidth(segment);
    if (width === 2 && (offset + 1) % columns === 0) offset++;
    offset += width;
  }
  const cols = offset % columns;
  return { rows: (offset - cols) / columns, cols };
}

function* tokens(text: string): Generator<{ text: string; escape: boolean }> {
  let last = 0;
  for (const match of text.matchAll(ANSI_PATTERN)) {
    for (const { segment } of segmenter.segment(text.slice(last, match.index))) yield { text: segment, escape: false };
    yield { text: match[0], escape: true };
    last = match.index + match[0].length;
  }
  for (const { segment } of segmenter.segment(text.slice(last))) yield { text: segment, escape: false };
}

// East Asian Wide and Fullwidth blocks (the table Node's own readline uses); emoji are found above.
function isWideCodePoint(code: number): boolean {
  return (
    code >= 0x1100 &&
    (code <= 0x115f ||
      code === 0x2329 ||
      code === 0x232a ||
      (code >= 0x2e80 && code <= 0x3247 && code !== 0x303f) ||
      (code >= 0x3250 && code <= 0x4dbf) ||
      (code >= 0x4e00 && code <= 0xa4c6) ||
      (code >= 0xa960 && code <= 0xa97c) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe10 && code <= 0xfe19) ||
      (code >= 0xfe30 && code <= 0xfe6b) ||
      (code >= 0xff01 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x1b000 && code <= 0x1b001) ||
      (code >= 0x1f200 && code <= 0x1f251) ||
      (code >= 0x1f300 && code <= 0x1f64f) ||
      (code >= 0x20000 && code <= 0x3fffd))
  );
}
