import type { ChatScript } from './script-schema.js';

/** When each step of a chat starts, as offsets from the chat's start. */
export interface Timeline {
  /** Offset of each question's posting, index 0 = Q1, in ms. */
  questionOffsets: number[];
  /** Offset of the closing, in ms. */
  closingOffset: number;
  /** Inconsistencies, e.g. a question planned before the one it follows. */
  problems: { field: string; message: string }[];
}

const MINUTE = 60_000;

/** Turns a script's durations and offsets into planned instants; explicit `at` wins over `minutes`. */
export function planTimeline(script: ChatScript): Timeline {
  const problems: Timeline['problems'] = [];
  const questionOffsets: number[] = [];
  let cursor = script.intro.minutes * MINUTE;
  script.questions.forEach((question, index) => {
    const planned = question.at ? parseOffset(question.at) : cursor;
    const previous = questionOffsets[index - 1] ?? -1;
    if (planned <= previous || (index === 0 && planned < 0)) {
      problems.push({
        field: `questions.${index}.at`,
        message: `Q${index + 1} is planned at ${question.at}, not after Q${index} — offsets must increase`,
      });
    }
    questionOffsets.push(planned);
    cursor = planned + (question.minutes ?? script.defaultQuestionMinutes) * MINUTE;
  });
  return { questionOffsets, closingOffset: cursor, problems };
}

function parseOffset(at: string): number {
  const [minutes, seconds] = at.split(':').map(Number);
  return ((minutes ?? 0) * 60 + (seconds ?? 0)) * 1000;
}

/** How long question `index` (0-based) stays open before the next step, in ms. */
export function questionWindow(timeline: Timeline, index: number): number {
  const start = timeline.questionOffsets[index] ?? 0;
  const next = timeline.questionOffsets[index + 1] ?? timeline.closingOffset;
  return next - start;
}
