import { stripAnswerPrefix } from '../attribution/answer-prefix.js';
import type { FollowUpMessage, FollowUpPerson, FollowUps } from './follow-ups.js';

/** How the list is written for where it goes. */
export interface FollowUpStyle {
  /** A mention for someone who has not asked to be quiet (a platform's); without it everyone is named plainly. */
  mention?: (userId: string, name: string) => string;
  /** Makes participant text safe to show there (a platform's quote: it must not ping anyone). */
  quote?: (text: string) => string;
  /** Formats the chat's date; ISO day by default. */
  day?: (iso: string) => string;
}

// A long answer is cut: the list is for remembering whom to write to, not for reading the chat again.
const QUOTE_CHARS = 160;

/** The follow-up list as plain text for the hosts: one short section per kind, empty sections left out. */
export function renderFollowUps(list: FollowUps, style: FollowUpStyle = {}): string {
  const day = style.day ?? ((iso: string) => iso.slice(0, 10));
  const who = (person: FollowUpPerson) =>
    style.mention && !person.quiet ? style.mention(person.userId, person.name) : person.name;
  const said = (message: FollowUpMessage) => {
    // An answer reads "A2: “…”" whether it was written with its prefix or in the question's thread.
    const body = message.question === null ? message.text : stripAnswerPrefix(message.text);
    const text = body.replace(/\s+/g, ' ').trim();
    const short = text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS - 1)}…` : text;
    return `“${style.quote ? style.quote(short) : short}”`;
  };
  const label = (message: FollowUpMessage) => (message.question === null ? '' : `A${message.question}: `);
  const sections: string[] = [];
  const section = (title: string, lines: string[]) => {
    if (lines.length > 0) sections.push([`${title} (${lines.length})`, ...lines.map((line) => `• ${line}`)].join('\n'));
  };
  section(
    'First-timers — say hello',
    list.firstTimers.map(({ person, firstAnswer }) =>
      firstAnswer ? `${who(person)}: ${label(firstAnswer)}${said(firstAnswer)}` : `${who(person)} (no answer)`,
    ),
  );
  section(
    'Regulars who missed this chat',
    list.missedRegulars.map(
      (regular) =>
        `${who(regular.person)}: ${regular.attended} of the previous ${regular.of} chats, ` +
        `last on ${day(regular.lastAttendedAt)}`,
    ),
  );
  section(
    'Questions to the hosts or guests nobody answered',
    list.unansweredQuestions.map(
      (asked) => `${who(asked.person)} asked ${asked.askedOf.join(', ')}: ${said(asked.message)}`,
    ),
  );
  section(
    'Answers that drew the most replies',
    list.mostRepliedAnswers.map(
      (top) =>
        `${who(top.person)} (${top.replies} ${top.replies === 1 ? 'reply' : 'replies'}): ` +
        `${label(top.message)}${said(top.message)}`,
    ),
  );
  const heading = `Follow-ups after ${list.title} (${day(list.startedAt)}), for the hosts only:`;
  if (sections.length === 0)
    return `${heading}\nNothing to follow up: no first-timers, no regular missing, no question left unanswered.`;
  return [heading, ...sections].join('\n\n');
}
