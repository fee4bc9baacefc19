import { foldWord } from './rank-answers.js';
import { PREFIX_FROM_LENGTH, queryWords } from './search-query.js';

/** A piece of an answer's text, as written, and whether it is a word the search matched. */
export interface SnippetPiece {
  /** The text, unescaped: whoever shows it escapes it. */
  text: string;
  /** Whether this piece is a matched word (shown highlighted). */
  match: boolean;
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const CONTEXT_BEFORE = 4;

/**
 * The part of an answer around its matched words, at most `words` words, with "…" where it was cut, as pieces to
 * escape and mark. Made here rather than by FTS5's snippet(), which reads a prefix's whole list of answers again for
 * every row; the words are folded as the index folds them (case, accents), the last one as a prefix when the
 * search treats it so. Pieces keep participant text apart from the marks, so no text can forge a mark.
 */
export function answerSnippet(text: string, typed: string, words = 24): SnippetPiece[] {
  const wanted = queryWords(typed).map(foldWord);
  const last = wanted.length - 1;
  const matches = (token: string) =>
    wanted.some((word, index) =>
      index === last && [...word].length >= PREFIX_FROM_LENGTH ? token.startsWith(word) : token === word,
    );
  const tokens = [...text.matchAll(WORD)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    match: matches(foldWord(m[0])),
  }));
  if (tokens.length === 0) return text ? [{ text, match: false }] : [];
  // The window of `words` tokens with the most matches, opening a few words before its first match.
  let best = 0;
  let bestCount = -1;
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens[i]!.match) continue;
    const count = tokens.slice(i, i + words).filter((t) => t.match).length;
    if (count > bestCount) [best, bestCount] = [i, count];
  }
  const first = Math.max(0, Math.min(best - CONTEXT_BEFORE, tokens.length - words));
  const lastToken = Math.min(tokens.length, first + words) - 1;
  const from = first === 0 ? 0 : tokens[first]!.start;
  const to = lastToken === tokens.length - 1 ? text.length : tokens[lastToken]!.end;
  const pieces: SnippetPiece[] = [];
  const plain = (piece: string) => {
    if (piece) pieces.push({ text: piece, match: false });
  };
  if (from > 0) plain('…');
  let cursor = from;
  for (const token of tokens.slice(first, lastToken + 1)) {
    if (!token.match) continue;
    plain(text.slice(cursor, token.start));
    pieces.push({ text: text.slice(token.start, token.end), match: true });
    cursor = token.end;
  }
  plain(text.slice(cursor, to));
  if (to < text.length) plain('…');
  return mergePlain(pieces);
}

function mergePlain(pieces: SnippetPiece[]): SnippetPiece[] {
  const merged: SnippetPiece[] = [];
  for (const piece of pieces) {
    const previous = merged.at(-1);
    if (previous && !previous.match && !piece.match) previous.text += piece.text;
    else merged.push({ ...piece });
  }
  return merged;
}
