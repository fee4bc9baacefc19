import { html } from 'hono/html';
import { consoleNav } from '../console-nav.js';
import { page, type Markup } from '../page-layout.js';
import { csrfField, type Viewer } from '../viewer.js';
import type { RunningChat } from '../web-deps.js';
import { type AnswerView, countdownText, stepViewOfChat } from './live-view.js';

/** The script of the live console, served by the site. */
export const LIVE_CONSOLE_SCRIPT = '/assets/live-console.js';

/** A command's reply, shown once after the form that gave it. */
export interface ControlNote {
  /** Whether the command did what was asked. */
  ok: boolean;
  /** Its reply, as the slash command gives it. */
  text: string;
}

/** What the live page of one chat shows. */
export interface LiveChatParts {
  /** The chat. */
  chat: RunningChat;
  /** Its messages so far, oldest first. */
  answers: AnswerView[];
  /** Its participants so far, by first message. */
  participants: { id: string; name: string }[];
  /** The live stream's id at render time: the script asks for what follows. */
  lastEventId: string;
  /** The reply of the command just given, if any. */
  note?: ControlNote;
}

/** The console's address of a chat's live page. */
export function livePathOf(channel: string): string {
  return `/console/live/${encodeURIComponent(channel)}`;
}

/** The live console of one running chat. */
export function liveChatPage(viewer: Viewer, parts: LiveChatParts): Markup {
  const { chat } = parts;
  const step = stepViewOfChat(chat);
  const body = html`${consoleNav('live')}
<div class="live" data-live-channel="${chat.channel}" data-session-id="${chat.sessionId}"
data-last-event-id="${parts.lastEventId}">
<h1>Live: ${chat.title}</h1>
<p class="muted">On ${chat.platform}, channel ${chat.channel}. Times in ${chat.timezone}.</p>
<section class="live-now" aria-labelledby="live-step">
<h2 id="live-step" data-step-label>${step.label}</h2>
<p class="live-question" data-step-text>${step.questionText ?? ''}</p>
<p>Time left on this step: <span class="countdown" data-countdown data-remaining-ms="${step.timeLeftMs ?? ''}"
data-speed="${step.clockSpeed}" data-state="${step.state}">${countdownOf(step.timeLeftMs)}</span>
<span data-step-state>${step.state === 'paused' ? '(paused)' : ''}</span></p>
</section>
${controls(viewer, chat.channel, parts.note)}
<section class="live-people" aria-labelledby="live-people">
<h2 id="live-people">Participants so far: <span data-participant-count>${parts.participants.length}</span></h2>
<ul class="people" data-participants>${parts.participants.map(
    (person) => html`<li data-author-id="${person.id}">${person.name}</li>`,
  )}</ul>
</section>
<section class="live-answers" aria-labelledby="live-answers">
<h2 id="live-answers">Answers by question</h2>
<p class="muted" data-live-status>Newest first, as of this page's loading: reload it to see newer ones.</p>
<div data-groups>${groupsOf(chat, parts.answers).map((group) => answerGroup(group, chat))}</div>
</section>
</div>`;
  return page({ title: `Live: ${chat.title}`, viewer, body, scripts: [LIVE_CONSOLE_SCRIPT] });
}

const WITHOUT_BOT = ' This site is served without the bot: chats show here when Emcee serves it.';

/** The console when no chat runs: says so, with the next scheduled ones. */
export function noChatPage(viewer: Viewer, next: string[], servesChats: boolean, note?: ControlNote): Markup {
  const body = html`${consoleNav('live')}
<h1>Live</h1>
${noteLine(note)}
<p>No chat is running now.${servesChats ? '' : WITHOUT_BOT}</p>
${next.length ? html`<ul class="cards">${next.map((line) => html`<li>${line}</li>`)}</ul>` : ''}`;
  return page({ title: 'Live', viewer, body });
}

/** The console when several chats run: one link each. */
export function chatListPage(viewer: Viewer, chats: RunningChat[]): Markup {
  const body = html`${consoleNav('live')}
<h1>Live</h1>
<p>${chats.length} chats are running. Pick one to watch.</p>
<ul class="cards">${chats.map(
    (chat) =>
      html`<li><a href="${livePathOf(chat.channel)}">${chat.title}</a>
<span class="muted">on ${chat.platform}, ${chat.channel}: ${stepViewOfChat(chat).label}</span></li>`,
  )}</ul>`;
  return page({ title: 'Live', viewer, body });
}

function controls(viewer: Viewer, channel: string, note: ControlNote | undefined): Markup {
  return html`<section class="live-controls" aria-labelledby="live-controls">
<h2 id="live-controls">Controls</h2>
<form method="post" action="/console/control" class="controls" data-control>
${csrfField(viewer)}<input type="hidden" name="channel" value="${channel}">
<button type="submit" name="command" value="pause">Pause</button>
<button type="submit" name="command" value="resume">Resume</button>
<button type="submit" name="command" value="skip">Skip</button>
<button type="submit" name="command" value="end" class="secondary">End</button>
</form>
<form method="post" action="/console/control" class="controls" data-control>
${csrfField(viewer)}<input type="hidden" name="channel" value="${channel}">
<input type="hidden" name="command" value="extend">
<label for="extend-minutes">Minutes to add</label>
<input id="extend-minutes" type="number" name="minutes" min="1" max="120" value="5" required>
<button type="submit">Extend</button>
</form>
${noteLine(note)}
</section>`;
}

function noteLine(note: ControlNote | undefined): Markup {
  const state = note ? (note.ok ? 'ok' : 'refused') : '';
  return html`<p class="control-reply ${state}" role="status" data-control-reply>${note?.text ?? ''}</p>`;
}

interface AnswerGroup {
  question: number | null;
  answers: AnswerView[];
}

// The questions asked so far, the latest first, then messages that answer none.
function groupsOf(chat: RunningChat, answers: AnswerView[]): AnswerGroup[] {
  const asked = Math.min(chat.openQuestion, chat.questionCount);
  const numbers = new Set<number>();
  for (let n = 1; n <= asked; n++) numbers.add(n);
  for (const answer of answers) if (answer.question !== null) numbers.add(answer.question);
  const groups: AnswerGroup[] = [...numbers]
    .sort((a, b) => b - a)
    .map((question) => ({ question, answers: answers.filter((a) => a.question === question) }));
  groups.push({ question: null, answers: answers.filter((a) => a.question === null) });
  return groups;
}

function answerGroup(group: AnswerGroup, chat: RunningChat): Markup {
  const text = group.question === null ? undefined : chat.questions[group.question - 1];
  return html`<section class="answer-group" data-question="${group.question ?? 'none'}">
<h3>${group.question === null ? 'Other messages' : `Q${group.question}`}
<span class="muted">(<span data-group-count>${group.answers.length}</span>)</span></h3>
${text ? html`<p class="question-text">${text}</p>` : ''}
<ol class="answers" data-answers>${[...group.answers].reverse().map(answerItem)}</ol>
</section>`;
}

/** One message in the console (the script builds the same markup for those that arrive live). */
function answerItem(answer: AnswerView): Markup {
  return html`<li class="answer" data-address="${answer.address}" data-author-id="${answer.authorId}">
<p class="meta"><span class="who">${answer.who}</span> <time datetime="${answer.iso}">${answer.when}</time>
${answer.firstTime ? firstTimeBadge(answer.welcomed) : ''}
${answer.late ? html`<span class="badge late">Late</span>` : ''}
${answer.fromHost ? html`<span class="badge host">Host</span>` : ''}
${answer.link ? html`<a href="${answer.link}">Jump to the message</a>` : ''}</p>
<p class="text">${answer.text}</p>
</li>`;
}

function firstTimeBadge(welcomed: boolean): Markup {
  return html`<span class="badge first">First time,
<span data-welcomed>${welcomed ? 'welcomed' : 'not welcomed yet'}</span></span>`;
}

function countdownOf(timeLeftMs: number | null): string {
  return timeLeftMs === null ? '\u2013' : countdownText(timeLeftMs);
}
