import { answerBody } from './readable-mentions.js';
import type { Recap, RecapAnswer } from './recap-model.js';
import { oneLine } from './safe-text.js';

/**
 * The short recap posted in the channel when a chat ends: the numbers, the top answer per question and a
 * thank-you, split into messages that fit the platform. `quote` makes participant text safe to repeat; before
 * it, every piece of text is put on one line without bidi controls or zero-width characters, so an answer cannot
 * add lines of its own or reverse and hide the post around it. Mentions read as names (`@Ana Lopez`), never as
 * platform markup that would ping again.
 */
export function buildChannelRecap(
  recap: Recap,
  highlights: Map<number, RecapAnswer[]>,
  options: { maxLength: number; quote: (text: string) => string; rehearsal?: boolean; recapUrl?: string },
): string[] {
  const { stats } = recap;
  const lines = [
    `📋 ${oneLine(recap.title)} ${oneLine(recap.hashtag)} recap: ${stats.participants} participants, ` +
      `${stats.answers} answers, ${stats.firstTimers} first-timers.`,
  ];
  if (recap.guests.length > 0) {
    const names = recap.guests.map((g) => options.quote(oneLine(g.name))).join(', ');
    lines.push(`🎤 ${recap.guests.length === 1 ? 'Our guest' : 'Our guests'}: ${names}`);
  }
  for (const question of recap.questions) {
    const top = highlights.get(question.number)?.[0];
    if (!top) continue;
    const text = truncate(oneLine(answerBody(top)), 200);
    const author = options.quote(oneLine(top.author));
    lines.push(`Q${question.number} (${question.answers.length}): “${options.quote(text)}” — ${author}`);
  }
  // A rehearsal writes no full recap: promising one would be wrong.
  lines.push(
    options.rehearsal
      ? 'That was a rehearsal: nothing was kept.'
      : options.recapUrl
        ? `Thank you all! The full recap: ${options.recapUrl}`
        : 'Thank you all! The full recap is on its way.',
  );
  return pack(lines, options.maxLength);
}

// Limits are counted in UTF-16 units, as platforms and `.length` count them; a cut never splits an emoji's
// surrogate pair, which would post as a broken character.
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  if (end > 0 && /[\uD800-\uDBFF]/.test(text[end - 1]!)) end--;
  return `${text.slice(0, end)}…`;
}

function pack(lines: string[], maxLength: number): string[] {
  const messages: string[] = [];
  let current = '';
  for (const line of lines) {
    const piece = line.length > maxLength ? truncate(line, maxLength) : line;
    if (current && current.length + 1 + piece.length > maxLength) {
      messages.push(current);
      current = '';
    }
    current = current ? `${current}\n${piece}` : piece;
  }
  if (current) messages.push(current);
  return messages;
}
