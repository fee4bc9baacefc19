import type { Recap } from './recap-model.js';
import { visibleText } from './safe-text.js';

const BOM = '\uFEFF';

/** One row per answer, RFC 4180 quoting, UTF-8 with a BOM so spreadsheets show every script correctly. */
export function renderCsv(recap: Recap): string {
  return [...renderCsvChunks(recap)].join('');
}

/**
 * The same, a row at a time: the CSV of a huge transcript is longer than one string can be. An episode with
 * guests gets a last column, `guest` (yes/no); the columns before it never change.
 */
export function* renderCsvChunks(recap: Recap): Generator<string> {
  const guests = recap.guests.length > 0;
  const header = ['question', 'question_text', 'author', 'text', 'time', 'late', 'part', ...(guests ? ['guest'] : [])];
  yield `${BOM}${header.join(',')}\r\n`;
  for (const question of recap.questions) {
    for (const answer of question.answers) {
      const row = [
        String(question.number),
        question.text,
        answer.author,
        answer.text,
        answer.ts,
        answer.late ? 'yes' : 'no',
        answer.part ?? '',
      ];
      if (guests) row.push(answer.guest ? 'yes' : 'no');
      yield `${row.map(csvField).join(',')}\r\n`;
    }
  }
}

// Invisible characters go first, so "\u200B=cmd" cannot hide a formula from the check after. A leading =, +, -,
// @, tab or carriage return would run as a formula (or start one) in a spreadsheet: a "'" keeps it text.
function csvField(value: string): string {
  const visible = visibleText(value);
  const safe = /^[=+\-@\t\r]/.test(visible) ? `'${visible}` : visible;
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}
