import { answerBody } from './readable-mentions.js';
import type { RecapInput } from './recap-input.js';
import type { Recap, RecapAnswer } from './recap-model.js';

// How many answers per question are weighed in full.
const CANDIDATES = 60;

/**
 * Picks up to `count` highlights per question, deterministically and offline: answers that drew
 * reactions or replies first, then substantive ones (more distinct words), never two near-identical.
 */
export function pickHighlights(recap: Recap, input: RecapInput, count = 3): Map<number, RecapAnswer[]> {
  const replies = new Map<string, number>();
  const reactions = new Map<string, number>();
  for (const message of input.messages) {
    if (message.deleted) continue;
    if (message.replyTo) replies.set(message.replyTo, (replies.get(message.replyTo) ?? 0) + 1);
    if (message.reactions) reactions.set(message.id, message.reactions);
  }
  const result = new Map<number, RecapAnswer[]>();
  for (const question of recap.questions) {
    // Word sets cost the most: build them only for the answers most likely to win (drew reactions or
    // replies, or are long enough to say something), a few dozen per question.
    const weightOf = (answer: RecapAnswer) => (reactions.get(answer.id) ?? 0) * 3 + (replies.get(answer.id) ?? 0) * 2;
    const likely = topCandidates(question.answers, weightOf);
    const scored = likely
      .map(({ answer, index }) => {
        const words = wordsOf(answerBody(answer));
        const score =
          (reactions.get(answer.id) ?? 0) * 3 + (replies.get(answer.id) ?? 0) * 2 + Math.min(words.size, 20) / 4;
        return { answer, words, score, index };
      })
      .filter((entry) => entry.words.size >= 3)
      .sort((a, b) => b.score - a.score || a.index - b.index);
    const chosen: typeof scored = [];
    for (const entry of scored) {
      if (chosen.length >= count) break;
      if (chosen.some((c) => similarity(c.words, entry.words) >= 0.6)) continue;
      chosen.push(entry);
    }
    result.set(
      question.number,
      chosen.map((c) => c.answer),
    );
  }
  return result;
}

function wordsOf(answerText: string): Set<string> {
  const body = answerText.toLowerCase().replace(/#[\p{L}\p{N}_]+/gu, '');
  const words = body.match(/[\p{L}\p{N}']+/gu) ?? [];
  // Scripts written without spaces (Chinese, Japanese) count characters as words.
  const expanded = words.flatMap((w) =>
    /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(w) ? [...w] : [w],
  );
  return new Set(expanded);
}

function similarity(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / Math.max(1, a.size + b.size - shared);
}

type Candidate = { answer: RecapAnswer; index: number; weight: number };

// Most weight first, then the longer text (up to 160 characters), then the earlier answer.
function before(a: Candidate, b: Candidate): boolean {
  const length = Math.min(a.answer.text.length, 160) - Math.min(b.answer.text.length, 160);
  return a.weight !== b.weight ? a.weight > b.weight : length !== 0 ? length > 0 : a.index < b.index;
}

// The first CANDIDATES answers in that order, kept in one short sorted list while the answers go by: sorting a
// question's hundred thousand answers would make an object for each.
function topCandidates(answers: readonly RecapAnswer[], weightOf: (answer: RecapAnswer) => number): Candidate[] {
  const top: Candidate[] = [];
  for (let index = 0; index < answers.length; index++) {
    const answer = answers[index]!;
    const weight = weightOf(answer);
    const last = top[top.length - 1];
    if (top.length === CANDIDATES && last && !before({ answer, index, weight }, last)) continue;
    const candidate = { answer, index, weight };
    let at = top.length;
    while (at > 0 && before(candidate, top[at - 1]!)) at--;
    top.splice(at, 0, candidate);
    if (top.length > CANDIDATES) top.pop();
  }
  return top;
}
