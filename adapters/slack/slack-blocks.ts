import type { QuestionDetails } from '../../src/port.js';
import { escapeSlack, truncateSlack } from './slack-text.js';

// Block Kit refuses a whole message (invalid_blocks) when a header exceeds 150 characters or a section's
// text 3,000; a long question is cut in the blocks, and the plain `text` fallback still carries all of it.
const HEADER_MAX = 150;
const SECTION_MAX = 3000;

/** A question in Block Kit: the number and hashtag as a header, the question prominent, then the hint. */
export function questionBlocks(question: QuestionDetails): object[] {
  return [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: truncateSlack(`Q${question.number} ${question.hashtag}`, HEADER_MAX),
        emoji: true,
      },
    },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `*${truncateSlack(escapeSlack(question.text), SECTION_MAX - 2)}*` },
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: truncateSlack(escapeSlack(question.hint), SECTION_MAX) }] },
  ];
}
