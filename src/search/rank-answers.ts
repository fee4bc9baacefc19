import { PREFIX_FROM_LENGTH, queryWords } from './search-query.js';

/** An answer to rank: its index row id and text. */
export interface RankCandidate {
  /** The answer's row id in the search index. */
  rowid: number;
  /** Its text. */
  text: string;
}

// BM25's usual constants: how soon more occurrences stop counting, and how much length weighs.
const K1 = 1.2;
const B = 0.75;

/** A word as FTS5's unicode61 tokenizer with remove_diacritics 2 folds it: lower case, without accents. */
export function foldWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The candidates best first, by BM25's term frequency and length scoring with every word weighed the same. FTS5's
 * bm25() also weighs each word by how rare it is, which costs reading every answer that holds it (a word in every
 * other answer: a scan of half the archive per search); among answers that all hold every word, that weight changes
 * little. Ties: the newer answer (higher row id) first.
 */
export function rankAnswers(candidates: readonly RankCandidate[], typed: string): RankCandidate[] {
  const words = queryWords(typed).map(foldWord);
  if (words.length === 0 || candidates.length === 0) return [...candidates];
  const last = words.length - 1;
  const tokenized = candidates.map((candidate) => ({
    candidate,
    tokens: (candidate.text.match(/[\p{L}\p{N}\p{M}]+/gu) ?? []).map(foldWord),
  }));
  const averageLength = tokenized.reduce((sum, t) => sum + t.tokens.length, 0) / tokenized.length || 1;
  const scored = tokenized.map(({ candidate, tokens }) => {
    const norm = K1 * (1 - B + (B * tokens.length) / averageLength);
    let score = 0;
    words.forEach((word, index) => {
      const prefix = index === last && [...word].length >= PREFIX_FROM_LENGTH;
      const count = tokens.filter((token) => (prefix ? token.startsWith(word) : token === word)).length;
      score += (count * (K1 + 1)) / (count + norm);
    });
    return { candidate, score };
  });
  return scored.sort((a, b) => b.score - a.score || b.candidate.rowid - a.candidate.rowid).map((s) => s.candidate);
}
