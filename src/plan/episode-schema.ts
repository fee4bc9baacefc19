import { z } from 'zod';
import { type Guest, guestSchema, questionSchema } from '../script/script-schema.js';

const text = z.string().trim().min(1, 'must not be empty');

export { guestSchema, type Guest };

/** What a host writes for one date of a series: the same rules for files, modals, the console and the CLI. */
export const episodeSchema = z
  .object({
    series: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a series id like "weekly-chat"'),
    at: z
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}$/, 'a date and time like "2026-12-03 13:00", in the series\' timezone'),
    topic: text.max(200, 'at most 200 characters'),
    guests: z.array(guestSchema).max(10, 'at most 10 guests').default([]),
    questions: z.array(questionSchema).max(50, 'at most 50 questions').default([]),
    note: z.string().trim().max(2000, 'at most 2,000 characters').optional(),
    state: z.enum(['planned', 'skipped'], { error: 'planned or skipped' }).default('planned'),
  })
  .strict();

/** An episode as written, before defaults. */
export type EpisodeInput = z.input<typeof episodeSchema>;
/** A validated episode. */
export type Episode = z.infer<typeof episodeSchema>;

/**
 * Reads questions written one per line, each with optional minutes at the end ("How do you…? [10]"). Returns
 * the questions, or the first line that cannot be read.
 */
export function parseQuestionLines(
  lines: string,
): { ok: true; questions: Episode['questions'] } | { ok: false; message: string } {
  const questions: Episode['questions'] = [];
  for (const [index, raw] of lines.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line) continue;
    const timed = /^(.*?)\s*\[(\d+(?:\.\d+)?)\]$/.exec(line);
    const questionText = (timed ? timed[1]! : line).replace(/^Q\d+[:.)]\s*/i, '').trim();
    if (!questionText) return { ok: false, message: `line ${index + 1} has minutes but no question` };
    const minutes = timed ? Number(timed[2]) : undefined;
    if (minutes !== undefined && !(minutes > 0 && minutes <= 180)) {
      return { ok: false, message: `line ${index + 1}: minutes must be from 1 to 180, like "[10]"` };
    }
    questions.push(minutes === undefined ? { text: questionText } : { text: questionText, minutes });
  }
  if (questions.length > 50) return { ok: false, message: 'at most 50 questions' };
  return { ok: true, questions };
}

/** Questions back as lines, the way a host edits them. */
export function questionLines(questions: Episode['questions']): string {
  return questions.map((q) => (q.minutes === undefined ? q.text : `${q.text} [${q.minutes}]`)).join('\n');
}
