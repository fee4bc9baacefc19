import { stripAnswerPrefix } from '../attribution/answer-prefix.js';
import { formatClock, formatDay } from '../time/format-time.js';
import type { Recap, RecapAnswer } from './recap-model.js';
import { oneLine, visibleUrl } from './safe-text.js';

/** What the Markdown needs beyond the recap itself. */
export interface MarkdownOptions {
  /** The chat's timezone for dates. */
  timezone: string;
  /** Highlights per question number. */
  highlights: Map<number, RecapAnswer[]>;
  /** Optional AI synthesis per question number, and a note when it could not be made. */
  summaries?: Map<number, string>;
  /** Shown under the title, e.g. why no AI summary appears. */
  notice?: string;
}

/** A recap ready to paste into a blog post. */
export function renderMarkdown(recap: Recap, options: MarkdownOptions): string {
  return markdownLines(recap, options).join('\n');
}

/** The same, a line at a time: the recap of a huge transcript is longer than one string can be. */
export function* renderMarkdownChunks(recap: Recap, options: MarkdownOptions): Generator<string> {
  const lines = markdownLines(recap, options);
  for (let i = 0; i < lines.length; i++) yield i === 0 ? lines[i]! : `\n${lines[i]}`;
}

function markdownLines(recap: Recap, options: MarkdownOptions): string[] {
  const { stats } = recap;
  const lines: string[] = [
    `# ${escapeMd(recap.title)} — recap`,
    '',
    `**${formatDay(recap.startedAt, options.timezone)}** · hosted by ${escapeMd(recap.host)} · ${escapeMd(recap.hashtag)}`,
    '',
    `**${stats.participants}** participants · **${stats.answers}** answers · **${stats.firstTimers}** first-timers · ` +
      `**${stats.messages}** messages`,
  ];
  if (options.notice) lines.push('', `> ${escapeMd(options.notice)}`);
  for (const question of recap.questions) {
    const people = new Set(question.answers.map((a) => a.author)).size;
    lines.push('', `## Q${question.number}: ${escapeMd(question.text)}`, '');
    if (question.askedAt === null && question.answers.length === 0) {
      lines.push('_Not asked: the chat ended before this question._');
      continue;
    }
    const answered = `${people} ${people === 1 ? 'person' : 'people'} answered (${plural(question.answers.length, 'answer')})`;
    // A host can skip a number (Q1, Q2, Q4) while people still answer "A3": those answers are kept.
    const when = question.askedAt === null ? 'though it was never posted as a question' : `asked at ${formatClock(question.askedAt, options.timezone)}`;
    lines.push(`_${answered}, ${when}._`);
    const summary = options.summaries?.get(question.number);
    if (summary) lines.push('', `**In short:** ${escapeMd(summary)}`);
    const highlights = options.highlights.get(question.number) ?? [];
    if (highlights.length > 0) {
      lines.push('', '**Highlights**', '');
      for (const h of highlights) lines.push(`> ${escapeLineStart(escapeMd(stripAnswerPrefix(h.text)))} — **${escapeMd(h.author)}**`, '>');
      lines.pop();
    }
    if (question.answers.length > 0) {
      lines.push('', '**All answers**', '');
      for (const group of groupByAuthor(question.answers)) {
        const parts = group.map((a) => `${a.part ? `(${a.part}) ` : ''}${escapeMd(stripAnswerPrefix(a.text))}${a.late ? ' _(late)_' : ''}`);
        lines.push(`- **${escapeMd(group[0]!.author)}**: ${parts.join(' ')}`);
      }
    }
  }
  lines.push('', '## Who joined', '');
  const firstTimers = recap.participants.filter((p) => p.firstTime);
  if (firstTimers.length > 0) {
    lines.push(`A warm welcome to our first-timers: ${firstTimers.map((p) => `**${escapeMd(p.author)}**`).join(', ')}.`, '');
  }
  lines.push(
    recap.participants
      .map((p) => `${escapeMd(p.author)} (${p.answers} ${p.answers === 1 ? 'answer' : 'answers'}${p.firstTime ? ', first time' : ''})`)
      .join(' · ') || '_Nobody joined this time._',
  );
  if (recap.links.length > 0) {
    lines.push('', '## Links shared', '');
    for (const link of recap.links) lines.push(`- <${visibleUrl(link.url)}> — ${escapeMd(link.author)}`);
  }
  lines.push('');
  return lines;
}

// Multi-part answers stay together: an author's answers to one question are listed in one line.
function groupByAuthor(answers: RecapAnswer[]): RecapAnswer[][] {
  const groups = new Map<string, RecapAnswer[]>();
  for (const answer of answers) {
    const group = groups.get(answer.author) ?? [];
    group.push(answer);
    groups.set(answer.author, group);
  }
  return [...groups.values()].map((group) => group.sort((a, b) => (a.part ?? '').localeCompare(b.part ?? '') || a.ts.localeCompare(b.ts)));
}

// Participant text must not turn into links, headings or HTML in a blog engine, nor start a new line
// (every break form, \r and U+2028 included), nor reverse or hide the text around it.
function escapeMd(text: string): string {
  return oneLine(text).replace(/[\\`*_[\]<>|]/g, (ch) => `\\${ch}`);
}

// Text that opens a line (a highlight's quote) must not start a heading, list, quote or rule.
// Leading spaces go: up to three of them still let "#" start a heading.
function escapeLineStart(text: string): string {
  const escape = (start: string) => (/\d/.test(start) ? `${start}\\` : `\\${start}`);
  return text.trimStart().replace(/^([#>+=~-]|\d+(?=[.)]))/, escape);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
