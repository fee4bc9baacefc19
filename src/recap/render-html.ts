import type { SeriesTrends } from '../people/trends.js';
import { formatClock, formatDay, formatShortDay } from '../time/format-time.js';
import { answersByPerson } from './answer-groups.js';
import { answerBody } from './readable-mentions.js';
import type { RecapInput } from './recap-input.js';
import type { Recap, RecapAnswer, RecapGuest, RecapParticipant, RecapQuestion } from './recap-model.js';
import { visibleText, visibleUrl } from './safe-text.js';
import { activityChart, answersPerQuestionChart, attendanceChart } from './svg-charts.js';
import { attendanceHeading, awayNote, retentionSentence, returnersOf } from './trends-text.js';

/** What the HTML needs beyond the recap itself. */
export interface HtmlOptions {
  /** The chat's timezone. */
  timezone: string;
  /** Highlights per question number. */
  highlights: Map<number, RecapAnswer[]>;
  /** The messages, for the activity chart. */
  input: RecapInput;
  /** Optional AI synthesis per question. */
  summaries?: Map<number, string>;
  /** Shown under the title. */
  notice?: string;
}

/**
 * One self-contained page: inline CSS and SVG, no scripts, no external requests; all participant text escaped,
 * and names and answers isolated in <bdi> so right-to-left text cannot reorder what stands around it.
 */
export function renderHtml(recap: Recap, options: HtmlOptions): string {
  const { stats } = recap;
  const tz = options.timezone;
  const questions = recap.questions
    .map((q) => {
      const highlights = options.highlights.get(q.number) ?? [];
      const summary = options.summaries?.get(q.number);
      const people = new Set(q.answers.map((a) => a.author)).size;
      return `<section class="question" id="q${q.number}">
<h2><span class="qn">Q${q.number}</span> ${bdi(q.text)}</h2>
<p class="meta">${esc(questionMeta(q, people, tz))}</p>
${summary ? `<p class="summary"><strong>In short:</strong> ${esc(summary)}</p>` : ''}
${highlightsHtml(highlights)}
${answersHtml(q)}
</section>`;
    })
    .join('\n');
  const activity = activitySeries(options.input);
  const firstTimers = recap.participants.filter((p) => p.firstTime);
  // Shared links are real links: the link finder only matches http(s), and a link loads nothing until clicked.
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(recap.title)} — recap</title>
<style>
:root { --ink:#1f2330; --muted:#5d6475; --accent:#3b5bdb; --soft:#eef2ff; --line:#dde1ea; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); background: #fafbfd; }
/* Unbroken text (long URLs, hostile strings) must wrap rather than widen the page on a phone. */
main { max-width: 760px; margin: 0 auto; padding: 24px 18px 64px; overflow-wrap: anywhere; }
h1 { font-size: 1.9rem; margin: 0 0 4px; }
.byline, .meta { color: var(--muted); margin: 0 0 12px; }
.numbers { display: grid; grid-template-columns: repeat(auto-fit, minmax(120px, 1fr)); gap: 10px; margin: 18px 0; }
.numbers div { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 10px 12px; }
.numbers b { display: block; font-size: 1.6rem; color: var(--accent); }
svg { width: 100%; height: auto; background: #fff; border: 1px solid var(--line); border-radius: 10px;
  margin: 8px 0 18px; }
svg text { font-size: 12px; fill: var(--muted); }
svg .bar { fill: var(--accent); } svg .minute { fill: #91a7ff; } svg .marker { stroke: #e8590c; stroke-dasharray: 3 3; }
svg .marker-label { fill: #e8590c; font-weight: 600; } svg .axis { stroke: var(--line); }
svg .returning { fill: var(--accent); } svg .new { fill: #ffa94d; }
.question { background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 14px 16px; margin: 16px 0; }
.question h2 { font-size: 1.15rem; margin: 0 0 4px; } .qn { color: var(--accent); }
blockquote { margin: 10px 0; padding: 8px 12px; background: var(--soft); border-left: 4px solid var(--accent);
  border-radius: 6px; }
cite { display: block; font-style: normal; color: var(--muted); font-size: .9rem; margin-top: 2px; }
cite::before { content: "— "; }
.answers { padding-left: 18px; } .answers li { margin: 4px 0; } .answer { margin: 2px 0 0 12px; }
.tag { font-size: .75rem; background: var(--line); border-radius: 4px; padding: 1px 5px; }
.late { background: #ffe8cc; }
.guest { background: #d3f9d8; }
a { color: var(--accent); }
@media (max-width: 480px) { h1 { font-size: 1.5rem; } main { padding: 16px 12px 48px; } }
</style>
</head>
<body>
<main>
<h1>${esc(recap.title)}</h1>
<p class="byline">${esc(formatDay(recap.startedAt, tz))} · hosted by ${bdi(recap.host)} · ${bdi(recap.hashtag)}</p>
${recap.guests.length ? `<p class="guests">🎤 ${guestsLabel(recap.guests, 'Guest')}</p>` : ''}
${options.notice ? `<p class="meta">${esc(options.notice)}</p>` : ''}
<div class="numbers"><div><b>${stats.participants}</b>participants</div>
<div><b>${stats.answers}</b>answers</div>
<div><b>${stats.firstTimers}</b>first-timers</div>
<div><b>${stats.messages}</b>messages</div></div>
<h2>Answers per question</h2>
${answersPerQuestionChart(stats.answersPerQuestion)}
<h2>Activity across the chat</h2>
${activityChart(activity.perMinute, activity.markers)}
${questions}
<section class="question"><h2>Who joined</h2>
${recap.guests.length ? `<p>${guestsLabel(recap.guests, 'Our guest')}.</p>` : ''}
${firstTimersHtml(firstTimers)}
${returnersHtml(recap)}
<p class="people">${peopleHtml(recap)}</p></section>
${recap.trends ? trendsHtml(recap.trends, tz) : ''}
${linksHtml(recap)}
</main>
</body>
</html>
`;
}

function highlightsHtml(highlights: RecapAnswer[]): string {
  if (highlights.length === 0) return '';
  const quotes = highlights.map((h) => `<blockquote>${bdi(answerBody(h))}<cite>${bdi(h.author)}</cite></blockquote>`);
  return `<div class="highlights">${quotes.join('')}</div>`;
}

// One item per person: a single answer beside the name, several each on its own line under it.
function answersHtml(q: RecapQuestion): string {
  if (q.answers.length === 0) return '';
  const items = answersByPerson(q.answers).map((group) => {
    const guest = group[0]!.guest ? ' <span class="tag guest">🎤 guest</span>' : '';
    const name = `<bdi><strong>${esc(group[0]!.author)}</strong></bdi>${guest}`;
    if (group.length === 1) return `<li>${name}${answerHtml(group[0]!)}</li>`;
    return `<li>${name}${group.map((a) => `<div class="answer">${answerHtml(a).trimStart()}</div>`).join('')}</li>`;
  });
  const summary = q.answers.length === 1 ? 'The answer' : `All ${q.answers.length} answers`;
  const open = q.answers.length <= 12 ? ' open' : '';
  return `<details${open}><summary>${summary}</summary><ul class="answers">${items.join('')}</ul></details>`;
}

function answerHtml(a: RecapAnswer): string {
  const part = a.part ? ` <span class="tag">part ${esc(a.part)}</span>` : '';
  const late = a.late ? ' <span class="tag late">late</span>' : '';
  return `${part}${late} ${bdi(answerBody(a))}`;
}

// "Guest: Ana" or "Guests: Ana, Bo".
function guestsLabel(guests: RecapGuest[], label: string): string {
  const names = guests.map((g) => `<bdi><strong>${esc(g.name)}</strong></bdi>`).join(', ');
  return `${label}${guests.length === 1 ? '' : 's'}: ${names}`;
}

function firstTimersHtml(firstTimers: RecapParticipant[]): string {
  if (firstTimers.length === 0) return '';
  const names = firstTimers.map((p) => `<bdi><strong>${esc(p.author)}</strong></bdi>`);
  return `<p>A warm welcome to our first-timers: ${names.join(', ')}.</p>`;
}

function returnersHtml(recap: Recap): string {
  const returners = returnersOf(recap.participants);
  if (returners.length === 0) return '';
  const names = returners.map((p) => `<bdi><strong>${esc(p.author)}</strong></bdi> ${esc(awayNote(p))}`);
  return `<p>Good to see you back: ${names.join(', ')}.</p>`;
}

// The series' last chats as new vs returning bars, the chat of this recap last, then retention.
function trendsHtml(trends: SeriesTrends, tz: string): string {
  const bars = trends.chats.map((chat) => ({
    label: formatShortDay(chat.startedAt, tz),
    new: chat.new,
    returning: chat.returning,
  }));
  return `<section class="question" id="trends"><h2>${esc(attendanceHeading(trends))}</h2>
${attendanceChart(bars)}
<p class="retention">${esc(retentionSentence(trends.retention))}</p></section>`;
}

function peopleHtml(recap: Recap): string {
  const note = (p: RecapParticipant) => (p.guest ? ', guest' : '');
  const people = recap.participants.map((p) => `${bdi(p.author)} (${p.answers}${note(p)})`);
  return people.join(' · ') || 'Nobody joined this time.';
}

function linksHtml(recap: Recap): string {
  if (recap.links.length === 0) return '';
  const items = recap.links.map((l) => {
    const url = esc(visibleUrl(l.url));
    const link = `<a href="${url}" rel="nofollow ugc noopener noreferrer">${url}</a>`;
    return `<li><bdi>${link} — ${esc(l.author)}</bdi></li>`;
  });
  return `<section class="question"><h2>Links shared</h2><ul class="links">${items.join('')}</ul></section>`;
}

function questionMeta(q: RecapQuestion, people: number, tz: string): string {
  const answered = `${people} ${people === 1 ? 'person' : 'people'} answered · ${plural(q.answers.length, 'answer')}`;
  if (q.askedAt) return `${answered} · asked at ${formatClock(q.askedAt, tz)}`;
  // A host can skip a number (Q1, Q2, Q4) and people still answer "A3": their answers are kept.
  return q.answers.length
    ? `${answered} · never posted as a question`
    : 'Not asked: the chat ended before this question.';
}

function activitySeries(input: RecapInput): { perMinute: number[]; markers: { label: string; minute: number }[] } {
  const start = Math.floor(input.startedAt / 60_000);
  const live = input.messages.filter((m) => !m.deleted);
  // A loop, not Math.max(...spread): spreading 200,000 timestamps overflows the call stack.
  let last = input.endedAt;
  for (const message of live) if (message.ts > last) last = message.ts;
  const minutes = Math.min(24 * 60, Math.max(1, Math.floor(last / 60_000) - start + 1));
  const perMinute = new Array<number>(minutes).fill(0);
  for (const message of live) {
    const index = Math.floor(message.ts / 60_000) - start;
    if (index >= 0 && index < minutes) perMinute[index]!++;
  }
  const markers = input.questions.flatMap((q) =>
    q.askedAt === undefined
      ? []
      : [{ label: `Q${q.number}`, minute: Math.max(0, Math.floor(q.askedAt / 60_000) - start) }],
  );
  return { perMinute, markers };
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and attribute values, without its bidi controls and zero-width characters. */
export function esc(text: string): string {
  return visibleText(text).replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

// Isolated: a name or answer written right-to-left stays in its own box and cannot reorder its neighbours.
function bdi(text: string): string {
  return `<bdi>${esc(text)}</bdi>`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
