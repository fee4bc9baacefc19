import type { Recap } from './recap-model.js';

const BOM = '\uFEFF';

/** One row per answer, RFC 4180 quoting, UTF-8 with a BOM so spreadsheets show every script correctly. */
export function renderCsv(recap: Recap): string {
  const rows = [['question', 'question_text', 'author', 'text', 'time', 'late', 'part']];
  for (const question of recap.questions) {
    for (const answer of question.answers) {
      rows.push([
        String(question.number),
        question.text,
        answer.author,
        answer.text,
        answer.ts,
        answer.late ? 'yes' : 'no',
        answer.part ?? '',
      ]);
    }
  }
  return BOM + rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function csvField(value: string): string {
  // A leading =, +, - or @ would run as a formula in a spreadsheet: prefix it so it stays text.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}
