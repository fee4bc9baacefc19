import type { SeriesTrends } from '../people/trends.js';
import { formatClock, formatDay, formatShortDay } from '../time/format-time.js';
import { answersByPerson, separateAnswers } from './answer-groups.js';
import { answerBody } from './readable-mentions.js';
import type { Recap, RecapAnswer, RecapGuest, RecapParticipant } from './recap-model.js';
import { oneLine, visibleUrl } from './safe-text.js';
import { attendanceHeading, awayNote, retentionSentence, returnersOf } from './trends-text.js';

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
    `**${formatDay(recap.startedAt, options.timezone)}** · hosted by ${escapeMd(recap.host)} · ` +
      `${escapeMd(recap.hashtag)}`,
    '',
    ...guestsLine(recap.guests),
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
    const answered =
      `${people} ${people === 1 ? 'person' : 'people'} answered ` + `(${plural(question.answers.length, 'answer')})`;
    // A host can skip a number (Q1, Q2, Q4) while people still answer "A3": those answers are kept.
    const when =
      question.askedAt === null
        ? 'though it was never posted as a question'
        : `asked at ${formatClock(question.askedAt, options.timezone)}`;
    lines.push(`_${answered}, ${when}._`);
    const summary = options.summaries?.get(question.number);
    if (summary) lines.push('', `**In short:** ${escapeMd(summary)}`);
    const highlights = options.highlights.get(question.number) ?? [];
    if (highlights.length > 0) {
      lines.push('', '**Highlights**', '');
      for (const h of highlights) {
        lines.push(`> ${escapeLineStart(escapeMd(answerBody(h)))} — **${escapeMd(h.author)}**`, '>');
      }
      lines.pop();
    }
    if (question.answers.length > 0) {
      lines.push('', '**All answers**', '');
      for (const group of answersByPerson(question.answers)) lines.push(...personLines(group));
    }
  }
  lines.push('', '## Who joined', '');
  if (recap.guests.length > 0) lines.push(`${guestsLabel(recap.guests, 'Our guest')}.`, '');
  const firstTimers = recap.participants.filter((p) => p.firstTime);
  if (firstTimers.length > 0) {
    lines.push(
      `A warm welcome to our first-timers: ${firstTimers.map((p) => `**${escapeMd(p.author)}**`).join(', ')}.`,
      '',
    );
  }
  const returners = returnersOf(recap.participants);
  if (returners.length > 0) {
    lines.push(
      `Good to see you back: ${returners.map((p) => `**${escapeMd(p.author)}** ${awayNote(p)}`).join(', ')}.`,
      '',
    );
  }
  lines.push(
    recap.participants
      .map((p) => `${escapeMd(p.author)} (${p.answers} ${p.answers === 1 ? 'answer' : 'answers'}${personNote(p)})`)
      .join(' · ') || '_Nobody joined this time._',
  );
  if (recap.trends) lines.push(...trendLines(recap.trends, options.timezone));
  if (recap.links.length > 0) {
    lines.push('', '## Links shared', '');
    for (const link of recap.links) lines.push(`- <${visibleUrl(link.url)}> — ${escapeMd(link.author)}`);
  }
  lines.push('');
  return lines;
}

// A person's answers read as separate answers: one answer on the bullet itself, several each on its own line
// under the name. A multi-part answer (A1a, A1b) is one answer and stays on one line, in part order.
function personLines(group: RecapAnswer[]): string[] {
  const name = `- **${escapeMd(group[0]!.author)}**${group[0]!.guest ? ' (🎤 guest)' : ''}:`;
  const entries = separateAnswers(group).map((entry) =>
    entry.map((a) => `${a.part ? `(${a.part}) ` : ''}${escapeMd(answerBody(a))}${a.late ? ' _(late)_' : ''}`).join(' '),
  );
  if (entries.length === 1) return [`${name} ${entries[0]}`];
  // Each answer opens its own nested item: it must not start a heading, quote or list there.
  return [name, ...entries.map((entry) => `  - ${escapeLineStart(entry)}`)];
}

// New vs returning people per chat as a small table (the HTML draws it as bars), then retention.
function trendLines(trends: SeriesTrends, timezone: string): string[] {
  const last = trends.chats.length - 1;
  const rows = trends.chats.map(
    (chat, i) =>
      `| ${formatShortDay(chat.startedAt, timezone)}${i === last ? ' (this chat)' : ''} | ${chat.new} | ` +
      `${chat.returning} | ${chat.people} |`,
  );
  return [
    '',
    `## ${attendanceHeading(trends)}`,
    '',
    '| Chat | New | Returning | People |',
    '| --- | ---: | ---: | ---: |',
    ...rows,
    '',
    retentionSentence(trends.retention),
  ];
}

function guestsLine(guests: RecapGuest[]): string[] {
  return guests.length === 0 ? [] : [`🎤 ${guestsLabel(guests, 'Guest')}`, ''];
}

// "Guest: **Ana**" or "Guests: **Ana**, **Bo**".
function guestsLabel(guests: RecapGuest[], label: string): string {
  return `${label}${guests.length === 1 ? '' : 's'}: ${guests.map((g) => `**${escapeMd(g.name)}**`).join(', ')}`;
}

function personNote(p: RecapParticipant): string {
  return p.guest ? ', guest' : p.firstTime ? ', first time' : '';
}

// Participant text must not turn into links, headings or HTML in a blog engine, nor start a new line
// (every break form, \r and U+2028 included), nor reverse or hide the text around it.
function escapeMd(text: string): string {
  return oneLine(text).replace(/[\\`*_[\]<>|]/g, (ch) => `\\${ch}`);
}

// Text that opens a line (a highlight's quote) must not start a heading, list, quote or rule.
// Leading spaces go: up to three of them still let "#" start a heading.
function escapeLineStart(text: string): string {
  const escapeStart = (start: string) => (/\d/.test(start) ? `${start}\\` : `\\${start}`);
  return text.trimStart().replace(/^([#>+=~-]|\d+(?=[.)]))/, escapeStart);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
