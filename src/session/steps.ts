/**
 * Where a chat stands is one integer, `step` (stored as such): the opening, then each question by its number,
 * then the closing. These name the positions so no code needs to know the arithmetic.
 */
export type StepPhase = 'opening' | 'question' | 'closing';

/** The opening's step: welcome and intro, before Q1. */
export const OPENING_STEP = 0;

/** The closing's step in a chat of `questionCount` questions. */
export function closingStepOf(questionCount: number): number {
  return questionCount + 1;
}

/** What a step is. */
export function phaseOf(step: number, questionCount: number): StepPhase {
  if (step <= OPENING_STEP) return 'opening';
  return step >= closingStepOf(questionCount) ? 'closing' : 'question';
}
