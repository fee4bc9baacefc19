/** The most words a query keeps: more only slows the search without narrowing it in any useful way. */
export const MAX_QUERY_WORDS = 8;
const MAX_WORD_LENGTH = 64;
// A last word this long or longer also matches as a prefix ("mentor" finds "mentoring"). Shorter prefixes match
// too many words to mean anything, and "the*" (the, their, there, they…) costs a search 20 times a word's.
export const PREFIX_FROM_LENGTH = 4;

/** The words of a search, as a person typed them: letters, digits and combining marks, like FTS5's tokenizer. */
export function queryWords(text: string): string[] {
  const words = text.normalize('NFC').match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  return words.slice(0, MAX_QUERY_WORDS).map((word) => word.slice(0, MAX_WORD_LENGTH));
}

/**
 * The FTS5 MATCH expression for what a person typed, or undefined when it has no word. User text is never FTS
 * syntax: every word is a quoted string (so AND, OR, NOT, NEAR, *, ^, column filters and quotes are plain
 * words), all words must occur, and the last one also matches as a prefix.
 */
export function ftsMatchExpression(text: string): string | undefined {
  const words = queryWords(text);
  if (words.length === 0) return undefined;
  return words
    .map((word, index) => {
      // queryWords keeps no quote, but a quoted FTS5 string doubles any it holds: the rule, kept in one place.
      const quoted = `"${word.replaceAll('"', '""')}"`;
      const last = index === words.length - 1;
      return last && [...word].length >= PREFIX_FROM_LENGTH ? `${quoted}*` : quoted;
    })
    .join(' ');
}
