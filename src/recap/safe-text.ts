/**
 * Participant text made safe to show anywhere a recap goes: invisible characters that can reverse or hide
 * the text around them are removed, and every line-break form can be folded into a space. Each renderer
 * adds its own escaping on top (HTML entities, Markdown backslashes, CSV quoting, platform quoting).
 */

// Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) reverse whatever follows them; the
// marks (U+200E, U+200F, U+061C) only nudge neutrals but are invisible, so they go too.
const BIDI_CONTROLS = '\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C';
// Zero-width characters hide text or make two names look the same ("ad\u200Bmin" vs "admin").
const ZERO_WIDTH = '\u200B\u2060\uFEFF';
const JOINERS = '\u200C\u200D';

const INVISIBLE = new RegExp(`[${BIDI_CONTROLS}${ZERO_WIDTH}]`, 'gu');
const JOINER = new RegExp(`[${JOINERS}]`, 'gu');
// A joiner is part of the writing between two emoji (👩‍💻) or inside scripts that need it (Persian,
// Devanagari…); anywhere else it only hides something.
const EMOJI_BEFORE = /\p{Extended_Pictographic}[\u{FE0F}\u{1F3FB}-\u{1F3FF}]*$/u;
const EMOJI_AFTER = /^\p{Extended_Pictographic}/u;
const JOINING_SCRIPTS = [
  ...['Arabic', 'Syriac', 'Nko', 'Mongolian', 'Devanagari', 'Bengali', 'Gurmukhi', 'Gujarati', 'Oriya'],
  ...['Tamil', 'Telugu', 'Kannada', 'Malayalam', 'Sinhala'],
];
const JOINING_SCRIPT = new RegExp(`[${JOINING_SCRIPTS.map((script) => `\\p{Script=${script}}`).join('')}]`, 'u');
const LETTER_AFTER = /^[\p{L}\p{M}]/u;

// Every line-break form: CRLF, CR, LF, NEL (U+0085), line and paragraph separators (U+2028, U+2029).
const LINE_BREAKS = /(?:\r\n|[\r\n\u0085\u2028\u2029])+/g;

/** Characters a JSON or other data file keeps but escapes (\uXXXX), so a raw view shows them. */
export const INVISIBLE_OR_BREAKING = new RegExp(`[${BIDI_CONTROLS}${ZERO_WIDTH}${JOINERS}\u0085\u2028\u2029]`, 'gu');

/** Removes bidi controls and zero-width characters, keeping joiners inside emoji and joining scripts. */
export function visibleText(text: string): string {
  const stripped = text.replace(INVISIBLE, '');
  if (!stripped.includes('\u200C') && !stripped.includes('\u200D')) return stripped;
  return stripped.replace(JOINER, (joiner, offset: number, whole: string) => {
    const before = whole.slice(Math.max(0, offset - 8), offset);
    const after = whole.slice(offset + 1, offset + 3);
    if (joiner === '\u200D' && EMOJI_BEFORE.test(before) && EMOJI_AFTER.test(after)) return joiner;
    const previous = [...before].at(-1) ?? '';
    return JOINING_SCRIPT.test(previous) && LETTER_AFTER.test(after) ? joiner : '';
  });
}

/** Visible text on one line: every line break (and runs of them) becomes one space. */
export function oneLine(text: string): string {
  return visibleText(text).replace(LINE_BREAKS, ' ');
}

/** A link with its invisible characters percent-encoded, so it can neither hide nor reverse anything. */
export function visibleUrl(url: string): string {
  return url.replace(INVISIBLE_OR_BREAKING, (ch) => encodeURIComponent(ch));
}
