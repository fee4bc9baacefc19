import { html } from 'hono/html';
import { stripAnswerPrefix } from '../src/attribution/answer-prefix.js';
import type { FollowUpMessage, FollowUpPerson, FollowUps } from '../src/people/follow-ups.js';
import { formatClock, formatDay } from '../src/time/format-time.js';
import type { ArchivedChat } from './archive-query.js';
import { consoleNav } from './console-nav.js';
import { type Markup, page } from './page-layout.js';
import type { Viewer } from './viewer.js';

/** What the Follow-ups page shows: one chat's list, or a note when there is no list to show. */
export interface FollowUpsView {
  /** The chat shown, when there is one. */
  chat?: ArchivedChat;
  /** Its follow-up list. */
  list?: FollowUps;
  /** Said instead of a list (no chat finished yet, the chat still running). */
  note?: string;
  /** The chats the host can switch to, newest first. */
  choices: ArchivedChat[];
  /** A link that opens a message in Slack or Discord, when the platform gives one. */
  permalinkOf?: (address: string) => string | undefined;
}

/** The console's Follow-ups: the hosts' follow-up list of one chat, the same as the DM and `emcee followups`. */
export function followUpsPage(viewer: Viewer, view: FollowUpsView): Markup {
  const { chat, list } = view;
  return page({
    title: 'Follow-ups',
    viewer,
    body: html`${consoleNav('followups')}
<h1>Follow-ups</h1>
${view.choices.length > 0 ? chatPicker(view) : ''}
${view.note ? html`<p class="notice" role="status">${view.note}</p>` : ''}
${chat && list ? chatList(chat, list, view.permalinkOf) : ''}`,
  });
}

function chatPicker(view: FollowUpsView): Markup {
  return html`<form class="chat-picker" method="get" action="/console/followups">
<label for="followups-session">Chat</label>
<select id="followups-session" name="session">${view.choices.map(
    (chat) =>
      html`<option value="${chat.sessionId}"${chat.sessionId === view.chat?.sessionId ? html` selected` : ''}>${
        chat.date
      } · ${chat.seriesId} · ${chat.topic}</option>`,
  )}</select>
<button type="submit" class="secondary">Show</button>
</form>`;
}

function chatList(chat: ArchivedChat, list: FollowUps, permalinkOf: FollowUpsView['permalinkOf']): Markup {
  const said = (person: FollowUpPerson, message: FollowUpMessage) =>
    messageLine(person.name, message, chat.zone, permalinkOf);
  return html`<h2 class="followups-chat">${list.title}, ${formatDay(list.startedAt, chat.zone)}</h2>
<p class="muted">For the hosts only: whom to welcome, whom to check on, what to answer. Times in ${chat.zone}.
<a href="${chat.recapPath}">Read the recap<span class="visually-hidden"> of ${chat.date}</span></a></p>
${section(
  'first-timers',
  'First-timers — say hello',
  'No first-timers this time.',
  list.firstTimers.map(
    ({ person, firstAnswer }) =>
      html`<li><strong>${person.name}</strong>${
        firstAnswer
          ? html` — first answer: ${said(person, firstAnswer)}`
          : html` <span class="muted">(no answer)</span>`
      }</li>`,
  ),
)}
${section(
  'missed-regulars',
  'Regulars who missed this chat',
  'Every regular was there.',
  list.missedRegulars.map(
    (regular) =>
      html`<li><strong>${regular.person.name}</strong> — ${regular.attended} of the previous ${regular.of} chats,
last on ${formatDay(regular.lastAttendedAt, chat.zone)}</li>`,
  ),
)}
${section(
  'unanswered',
  'Questions to the hosts or guests nobody answered',
  'Every question to the hosts and guests got an answer.',
  list.unansweredQuestions.map(
    (asked) =>
      html`<li><strong>${asked.person.name}</strong> asked ${asked.askedOf.join(', ')}:
${said(asked.person, asked.message)}</li>`,
  ),
)}
${section(
  'most-replied',
  'Answers that drew the most replies',
  'No answer drew replies this time.',
  list.mostRepliedAnswers.map(
    (top) =>
      html`<li><strong>${top.person.name}</strong> (${top.replies} ${top.replies === 1 ? 'reply' : 'replies'}):
${said(top.person, top.message)}</li>`,
  ),
)}`;
}

function section(id: string, title: string, whenEmpty: string, items: Markup[]): Markup {
  return html`<section class="followups" aria-labelledby="followups-${id}">
<h3 id="followups-${id}">${title} <span class="count">(${items.length})</span></h3>
${items.length === 0 ? html`<p class="muted">${whenEmpty}</p>` : html`<ul>${items}</ul>`}
</section>`;
}

// An answer reads "A2 “…”" whether it was written with its prefix or in the question's thread, as in the DM.
function messageLine(
  name: string,
  message: FollowUpMessage,
  zone: string,
  permalinkOf: FollowUpsView['permalinkOf'],
): Markup {
  const text = message.question === null ? message.text : stripAnswerPrefix(message.text);
  const link = safeLink(permalinkOf?.(message.address));
  const time = formatClock(message.at, zone);
  return html`${message.question === null ? '' : html`<span class="answer-label">A${message.question}</span> `}<q
 class="said">${text}</q> <time datetime="${message.at}">${time}</time>${
   link ? html` <a href="${link}">Open in chat<span class="visually-hidden">: ${name} at ${time}</span></a>` : ''
 }`;
}

// Only web links: a permalink is ours, but a scheme such as javascript: must never become a link.
function safeLink(link: string | undefined): string | undefined {
  return link && /^https?:\/\//i.test(link) ? link : undefined;
}
