import { UserError } from '../errors/user-error.js';
import { readableMentions } from '../recap/readable-mentions.js';
import { scriptGuests } from '../recap/session-recap-input.js';
import type { ChatStore } from '../store/chat-store.js';
import type { MessageRow, SessionRow } from '../store/session-rows.js';
import { communityAttendance } from './attendance.js';
import { isForgotten } from './forget-person.js';
import { mentionsPerson, type Mentionable } from './mentions-person.js';

/** A regular has attended at least this many of the series' previous `REGULAR_OF` chats. */
export const REGULAR_AT_LEAST = 3;
/** How many previous chats of the series decide who is a regular. */
export const REGULAR_OF = 5;
/** How many of the most-replied answers the list shows, at most. */
export const TOP_ANSWERS = 5;

/** Someone on the list. Quiet people are named, never mentioned. */
export interface FollowUpPerson {
  /** Their user address on the platform (`slack:T1:U1`). */
  userId: string;
  /** Their name as last seen. */
  name: string;
  /** They asked to be quiet: list them by name only, never mention them. */
  quiet: boolean;
}

/** A message on the list, its platform mentions written as names. */
export interface FollowUpMessage {
  /** The message's platform address. */
  address: string;
  /** The text, mentions as names (`@Ana Lopez`). */
  text: string;
  /** When it was written, ISO 8601 UTC. */
  at: string;
  /** The question it answers, or null. */
  question: number | null;
}

/**
 * What a host may want to follow up after one chat, private to the hosts: the JSON of `emcee followups --json`
 * and what the console shows. Fields are only ever added.
 */
export interface FollowUps {
  /** The chat. */
  sessionId: number;
  /** Its series (the script's id). */
  seriesId: string;
  /** The series' title. */
  title: string;
  /** When the chat started, ISO 8601 UTC. */
  startedAt: string;
  /** People whose first chat in the community this was (guests excluded), with their first answer (null if none). */
  firstTimers: { person: FollowUpPerson; firstAnswer: FollowUpMessage | null }[];
  /** Regulars absent today: at least 3 of the series' previous 5 chats, how many, and when they last came. */
  missedRegulars: { person: FollowUpPerson; attended: number; of: number; lastAttendedAt: string }[];
  /**
   * Questions asked of a host or guest (a "?" in a message that mentions one or replies to one) that no host or
   * guest answered afterwards (by replying to it or mentioning the asker), and whom it was asked of.
   */
  unansweredQuestions: { person: FollowUpPerson; message: FollowUpMessage; askedOf: string[] }[];
  /** Participants' answers that drew the most replies from other people, most first (at most 5, each ≥ 1). */
  mostRepliedAnswers: { person: FollowUpPerson; message: FollowUpMessage; replies: number }[];
}

/**
 * The follow-up list of one finished (or closing) chat, computed from the store. Throws a UserError for a
 * session that does not exist or is a rehearsal: rehearsals never count and have no list.
 */
export function followUpsFor(store: ChatStore, sessionId: number): FollowUps {
  const session = store.sessions.get(sessionId);
  if (!session) {
    throw new UserError('SESSION_NOT_FOUND', `No session ${sessionId} in the store. List them with "emcee sessions".`);
  }
  if (session.rehearsal === 1) {
    throw new UserError('SESSION_NOT_FOUND', `Session ${sessionId} is a rehearsal: rehearsals have no follow-up list.`);
  }
  const script = JSON.parse(session.script_json) as { title?: string };
  const rows = store.messages.forSession(sessionId).filter((row) => row.deleted_at === null);
  const quiet = store.quiet.quietIn(session.community_id);
  const nameById = new Map(rows.map((row) => [row.author_id, row.author_name]));
  const knownName = store.db.prepare('SELECT display_name FROM participants WHERE community_id = ? AND user_id = ?');
  const person = (userId: string): FollowUpPerson => {
    const stored = knownName.get(session.community_id, userId) as { display_name: string } | undefined;
    return { userId, name: nameById.get(userId) ?? stored?.display_name ?? userId, quiet: quiet.has(userId) };
  };
  const message = (row: MessageRow): FollowUpMessage => ({
    address: row.address,
    text: readableMentions(row.text, (id) => nameOfMention(id, nameById)).text,
    at: new Date(row.ts).toISOString(),
    question: row.question_number,
  });
  const answerers = answerersOf(session, rows);
  const isAnswerer = (row: MessageRow) => row.from_host === 1 || answerers.guestIds.has(row.author_id);
  return {
    sessionId,
    seriesId: session.script_id,
    title: script.title ?? session.script_id,
    startedAt: new Date(session.started_at).toISOString(),
    // Someone who used forget-me is not followed up: their messages still count (replies) but name no one.
    firstTimers: firstTimersOf(rows, isAnswerer)
      .filter((userId) => !isForgotten(userId))
      .map((userId) => {
        const first = rows.find((row) => row.author_id === userId && row.question_number !== null);
        return { person: person(userId), firstAnswer: first ? message(first) : null };
      }),
    missedRegulars: missedRegularsOf(store, session)
      .filter(({ userId }) => !isForgotten(userId))
      .map(({ userId, ...regular }) => ({ person: person(userId), ...regular })),
    unansweredQuestions: unansweredOf(rows, answerers.people, isAnswerer)
      .filter((asked) => !isForgotten(asked.row.author_id))
      .map((asked) => ({ person: person(asked.row.author_id), message: message(asked.row), askedOf: asked.askedOf })),
    mostRepliedAnswers: mostRepliedOf(
      rows.filter((row) => !isForgotten(row.author_id) || row.question_number === null),
      isAnswerer,
    ).map((top) => ({
      person: person(top.row.author_id),
      message: message(top.row),
      replies: top.replies,
    })),
  };
}

// A mention carries the platform's bare id; authors are stored by address (`slack:T1:U1`).
function nameOfMention(id: string, nameById: ReadonlyMap<string, string>): string | undefined {
  for (const [address, name] of nameById) if (address === id || address.endsWith(`:${id}`)) return name;
  return undefined;
}

// The people questions may be asked of: the hosts who wrote in the chat and the episode's guests.
function answerersOf(session: SessionRow, rows: readonly MessageRow[]) {
  const people = new Map<string, Mentionable>();
  for (const row of rows)
    if (row.from_host === 1) people.set(row.author_id, { id: row.author_id, name: row.author_name });
  const guestIds = new Set<string>();
  for (const guest of scriptGuests(JSON.parse(session.script_json))) {
    if (guest.id) guestIds.add(guest.id);
    people.set(guest.id ?? `name:${guest.name}`, guest);
  }
  return { people: [...people.values()], guestIds };
}

function firstTimersOf(rows: readonly MessageRow[], isAnswerer: (row: MessageRow) => boolean): string[] {
  const firstTimers = new Set<string>();
  for (const row of rows) if (row.first_time === 1 && !isAnswerer(row)) firstTimers.add(row.author_id);
  return [...firstTimers];
}

// From the one definition of attendance: the series' previous chats, this one last.
function missedRegularsOf(store: ChatStore, session: SessionRow) {
  const chats = communityAttendance(store, session.community_id, {
    seriesId: session.script_id,
    upToSession: session.id,
    limit: REGULAR_OF + 1,
  });
  const today = chats.at(-1);
  if (today?.sessionId !== session.id) return [];
  const previous = chats.slice(0, -1);
  const seen = new Map<string, { attended: number; lastAt: number }>();
  for (const chat of previous) {
    for (const userId of chat.people) {
      const entry = seen.get(userId) ?? { attended: 0, lastAt: 0 };
      seen.set(userId, { attended: entry.attended + 1, lastAt: chat.startedAt });
    }
  }
  return [...seen]
    .filter(([userId, entry]) => entry.attended >= REGULAR_AT_LEAST && !today.people.has(userId))
    .sort(([, a], [, b]) => b.attended - a.attended || b.lastAt - a.lastAt)
    .map(([userId, entry]) => ({
      userId,
      attended: entry.attended,
      of: previous.length,
      lastAttendedAt: new Date(entry.lastAt).toISOString(),
    }));
}

function unansweredOf(
  rows: readonly MessageRow[],
  answerers: readonly Mentionable[],
  isAnswerer: (row: MessageRow) => boolean,
): { row: MessageRow; askedOf: string[] }[] {
  const byAddress = new Map(rows.map((row) => [row.address, row]));
  const unanswered: { row: MessageRow; askedOf: string[] }[] = [];
  for (const [index, row] of rows.entries()) {
    if (isAnswerer(row) || !row.text.includes('?')) continue;
    const repliedTo = row.reply_to === null ? undefined : byAddress.get(row.reply_to);
    const askedOf = answerers.filter(
      (answerer) =>
        mentionsPerson(row.text, answerer) || (repliedTo !== undefined && isAuthor(repliedTo, answerer, isAnswerer)),
    );
    if (askedOf.length === 0) continue;
    const asker = { id: row.author_id, name: row.author_name };
    const answered = rows
      .slice(index + 1)
      .some((later) => isAnswerer(later) && (later.reply_to === row.address || mentionsPerson(later.text, asker)));
    if (!answered) unanswered.push({ row, askedOf: askedOf.map((answerer) => answerer.name) });
  }
  return unanswered;
}

// A guest planned by name only cannot be told apart by address: a host-or-guest message under that name is theirs.
function isAuthor(row: MessageRow, person: Mentionable, isAnswerer: (row: MessageRow) => boolean): boolean {
  if (person.id) return row.author_id === person.id;
  return isAnswerer(row) && row.author_name.toLowerCase() === person.name.toLowerCase();
}

function mostRepliedOf(
  rows: readonly MessageRow[],
  isAnswerer: (row: MessageRow) => boolean,
): { row: MessageRow; replies: number }[] {
  const byAddress = new Map(rows.map((row) => [row.address, row]));
  const replies = new Map<string, number>();
  for (const row of rows) {
    const answer = row.reply_to === null ? undefined : byAddress.get(row.reply_to);
    if (answer && answer.question_number !== null && answer.author_id !== row.author_id)
      replies.set(answer.address, (replies.get(answer.address) ?? 0) + 1);
  }
  return [...replies]
    .map(([address, count]) => ({ row: byAddress.get(address)!, replies: count }))
    .filter((entry) => !isAnswerer(entry.row))
    .sort((a, b) => b.replies - a.replies || a.row.ts - b.row.ts)
    .slice(0, TOP_ANSWERS);
}
