import type { LiveMessage, LiveStep } from '../../src/service/live-feed.js';
import type { ChatStore } from '../../src/store/chat-store.js';
import type { MessageRow } from '../../src/store/session-rows.js';
import { cachedFormatter } from '../../src/time/formatter-cache.js';
import type { RunningChat } from '../web-deps.js';

/** One message as the console shows it, on the page and in the live stream alike. */
export interface AnswerView {
  /** Its platform address (the element's key: a message is shown once). */
  address: string;
  /** Who wrote it. */
  authorId: string;
  /** Their name. */
  who: string;
  /** When it was written, in the series' time zone (HH:MM:SS). */
  when: string;
  /** The same instant, ISO 8601, for <time datetime>. */
  iso: string;
  /** Its text (participant text: only ever set as text, never as markup). */
  text: string;
  /** The question it answers, or null. */
  question: number | null;
  /** Its author's first message in the community. */
  firstTime: boolean;
  /** Whether their welcome went out. */
  welcomed: boolean;
  /** An answer to a question already closed. */
  late: boolean;
  /** A host's message. */
  fromHost: boolean;
  /** A link that opens it on the platform, when one can be made. */
  link?: string;
}

/** Where the chat stands, as the console's heading and countdown show it. */
export interface StepView {
  /** "Opening", "Q2 of 6", "Closing". */
  label: string;
  /** The open question's text, if a question is open. */
  questionText?: string;
  /** The open question (0 opening, questionCount + 1 closing). */
  openQuestion: number;
  /** running, paused or ended. */
  state: string;
  /** Until the step ends, on the chat's clock; null when no step is timed. */
  timeLeftMs: number | null;
  /** How fast the chat's clock runs against real time. */
  clockSpeed: number;
}

/** How a view needs times and links made. */
export interface ViewContext {
  /** The series' time zone. */
  timezone: string;
  /** The platform link of a stored message, when there is one. */
  permalinkOf?: (address: string) => string | undefined;
}

/** The console's label of a step. */
export function stepLabel(openQuestion: number, questionCount: number): string {
  if (openQuestion <= 0) return 'Opening';
  return openQuestion > questionCount ? 'Closing' : `Q${openQuestion} of ${questionCount}`;
}

/** A stored message as the console shows it. */
export function answerViewOfRow(row: MessageRow, welcomed: boolean, context: ViewContext): AnswerView {
  return viewOf(
    {
      address: row.address,
      authorId: row.author_id,
      who: row.author_name,
      ts: row.ts,
      text: row.text,
      question: row.question_number,
      firstTime: row.first_time === 1,
      welcomed,
      late: row.late === 1,
      fromHost: row.from_host === 1,
    },
    context,
  );
}

/** A message from the live feed as the console shows it (its welcome, if any, comes after). */
export function answerViewOfEvent(event: LiveMessage, context: ViewContext): AnswerView {
  return viewOf(
    {
      address: event.address,
      authorId: event.author.id,
      who: event.author.name,
      ts: event.ts,
      text: event.text,
      question: event.question,
      firstTime: event.firstTime,
      welcomed: false,
      late: event.late,
      fromHost: event.fromHost,
    },
    context,
  );
}

/** Where a running chat stands, as the console shows it. */
export function stepViewOfChat(chat: RunningChat): StepView {
  return {
    label: stepLabel(chat.openQuestion, chat.questionCount),
    ...(chat.openQuestion >= 1 && chat.openQuestion <= chat.questionCount
      ? { questionText: chat.questions[chat.openQuestion - 1] }
      : {}),
    openQuestion: chat.openQuestion,
    state: chat.state,
    timeLeftMs: chat.timeLeftMs ?? null,
    clockSpeed: chat.clockSpeed,
  };
}

/** A step change from the live feed, as the console shows it. */
export function stepViewOfEvent(event: LiveStep): StepView {
  return {
    label: event.change === 'ended' ? 'Ended' : stepLabel(event.openQuestion, event.questionCount),
    ...(event.questionText === undefined ? {} : { questionText: event.questionText }),
    openQuestion: event.openQuestion,
    state: event.state,
    timeLeftMs: event.timeLeftMs,
    clockSpeed: event.clockSpeed,
  };
}

/** Whether each first-timer of a session has been welcomed (their welcome post went out). */
export function welcomedAuthors(store: ChatStore, sessionId: number, rows: MessageRow[]): Set<string> {
  const welcomed = new Set<string>();
  for (const row of rows) {
    if (row.first_time !== 1 || welcomed.has(row.author_id)) continue;
    if (store.posts.get(sessionId, `first-timer:${row.author_id}`)?.state === 'sent') welcomed.add(row.author_id);
  }
  return welcomed;
}

/** HH:MM:SS of an instant in a time zone. */
export function clockTime(at: number, timezone: string): string {
  return cachedFormatter('en-GB', {
    timeZone: timezone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

/** "4:05" of a duration (hours as "1:02:03"). */
export function countdownText(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

type ViewFields = Omit<AnswerView, 'when' | 'iso' | 'link'> & { ts: number };

function viewOf(fields: ViewFields, context: ViewContext): AnswerView {
  const { ts, ...rest } = fields;
  const link = context.permalinkOf?.(fields.address);
  return {
    ...rest,
    when: clockTime(ts, context.timezone),
    iso: new Date(ts).toISOString(),
    ...(link ? { link } : {}),
  };
}
