import type { QuestionDetails } from '../../src/port.js';
import { escapeSlack } from './slack-text.js';

/** A question in Block Kit: the number as a header, the question prominent, then the hint; `text` stays the fallback. */
export function questionBlocks(question: QuestionDetails): object[] {
  return [
    { type: 'header', text: { type: 'plain_text', text: `Q${question.number} ${question.hashtag}`, emoji: true } },
    { type: 'section', text: { type: 'mrkdwn', text: `*${escapeSlack(question.text)}*` } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: escapeSlack(question.hint) }] },
  ];
}
