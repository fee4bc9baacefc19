import type { RecapAnswer } from './recap-model.js';

/**
 * A question's answers by person, in the order people first answered (guests come first, as the recap puts
 * their answers first); each person's answers stay in time order.
 */
export function answersByPerson(answers: readonly RecapAnswer[]): RecapAnswer[][] {
  const groups = new Map<string, RecapAnswer[]>();
  for (const answer of answers) {
    const group = groups.get(answer.author);
    if (group) group.push(answer);
    else groups.set(answer.author, [answer]);
  }
  return [...groups.values()];
}

/**
 * One person's answers as separate entries: each answer is one entry, except that the parts of a multi-part
 * answer (A1a, A1b) make one entry together, in part order, where its first part was written.
 */
export function separateAnswers(group: readonly RecapAnswer[]): RecapAnswer[][] {
  const entries: RecapAnswer[][] = [];
  let parts: RecapAnswer[] | undefined;
  for (const answer of group) {
    if (answer.part === null) entries.push([answer]);
    else if (parts) parts.push(answer);
    else {
      parts = [answer];
      entries.push(parts);
    }
  }
  parts?.sort((a, b) => (a.part ?? '').localeCompare(b.part ?? '') || a.ts.localeCompare(b.ts));
  return entries;
}
