import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Recap } from '../../src/recap/recap-model.js';
import type { ChatStore } from '../../src/store/chat-store.js';
import type { MessageRow } from '../../src/store/session-rows.js';

/** A message as the platform holds it after the chat: the truth the store is checked against. */
export interface SaidLine {
  /** Its address as the core sees it. */
  address: string;
  /** The author's user address (people only). */
  authorId: string;
  text: string;
  /** The question post whose thread it is in (or which it replies to), if any. */
  thread?: string;
  /** Where it stands in the platform's order of messages. */
  order: bigint;
}

/** What a finished chat holds, for the summary line. */
export interface ChaosFigures {
  posts: number;
  answers: number;
  messages: number;
  thanked: number;
  recapFiles: number;
}

/** What the checks read: the store, the platform's messages, and how the thanks name people. */
export interface ChaosChatRecord {
  store: ChatStore;
  sessionId: number;
  recapDir: string;
  questions: number;
  botLines: SaidLine[];
  peopleLines: SaidLine[];
  mentionOf: (userAddress: string) => string;
}

/**
 * Checks a chat that was killed and restarted until it finished: every post once (the ledger and the platform
 * agree one to one), every message said stored once with the right question, everyone who spoke before the
 * thanks went out thanked exactly once (in the store and in the thanks' text), the recap files complete.
 */
export function checkChaosChat(chat: ChaosChatRecord): ChaosFigures {
  const { store, sessionId } = chat;
  expect(store.sessions.get(sessionId)!.state).toBe('ended');
  const events = store.sessions.events(sessionId).map((event) => event.kind);
  for (const kind of ['thanked', 'recap-written', 'ended']) {
    expect(
      events.filter((k) => k === kind),
      kind,
    ).toHaveLength(1);
  }
  checkPostsOnce(chat);
  const messages = checkMessagesStored(chat);
  const thanked = checkThanks(chat);
  const answers = messages.filter((row) => row.question_number !== null);
  checkRecapFiles(chat.recapDir, sessionId, answers);
  return { posts: chat.botLines.length, answers: answers.length, messages: messages.length, thanked, recapFiles: 3 };
}

function checkPostsOnce({ store, sessionId, botLines, questions }: ChaosChatRecord): void {
  const texts = botLines.map((line) => line.text);
  expect(
    texts.filter((text, index) => texts.indexOf(text) !== index),
    'bot posts said twice',
  ).toEqual([]);
  const rows = store.posts.forSession(sessionId);
  expect(
    rows.filter((row) => row.state !== 'sent'),
    'posts left unconfirmed',
  ).toEqual([]);
  // The ledger and the platform agree one to one: nothing posted that the ledger does not know, nothing lost.
  expect(rows.map((row) => row.address).sort()).toEqual(botLines.map((line) => line.address).sort());
  const purposes = rows.map((row) => row.purpose);
  const asked = Array.from({ length: questions }, (_, i) => `question:${i + 1}`);
  for (const purpose of ['welcome', 'intro', ...asked, 'closing', 'thanks:0', 'recap:0']) {
    expect(
      purposes.filter((p) => p === purpose),
      purpose,
    ).toHaveLength(1);
  }
  const firstTimers = store.messages.forSession(sessionId).filter((row) => row.first_time === 1);
  const welcomed = purposes.filter((p) => p.startsWith('first-timer:')).map((p) => p.slice('first-timer:'.length));
  expect(welcomed.sort(), 'every first-timer welcomed once').toEqual(firstTimers.map((row) => row.author_id).sort());
  const questionPrefixes = Array.from({ length: questions }, (_, i) => `Q${i + 1}:`);
  for (const prefix of ['Welcome to', "That's a wrap", 'Thank you, everyone', ...questionPrefixes]) {
    expect(
      botLines.filter((line) => line.text.startsWith(prefix)),
      prefix,
    ).toHaveLength(1);
  }
}

function checkMessagesStored({ store, sessionId, peopleLines }: ChaosChatRecord): MessageRow[] {
  const rows = store.messages.forSession(sessionId);
  expect(rows.map((row) => row.address).sort(), 'every message said, stored once').toEqual(
    peopleLines.map((line) => line.address).sort(),
  );
  const questionOf = new Map(
    store.posts
      .forSession(sessionId)
      .flatMap((row) => (row.question_number ? [[row.address, row.question_number] as const] : [])),
  );
  const expectedQuestion = (line: SaidLine) => {
    const prefix = /^A(\d+):/.exec(line.text);
    if (prefix) return Number(prefix[1]);
    return line.thread ? (questionOf.get(line.thread) ?? null) : null;
  };
  const byAddress = new Map(rows.map((row) => [row.address, row]));
  const got = peopleLines.map((line) => [line.text, byAddress.get(line.address)?.question_number]);
  const expected = peopleLines.map((line) => [line.text, expectedQuestion(line)]);
  expect(got, 'each message attributed to its question').toEqual(expected);
  return rows;
}

// Who spoke before the last thanks post is thanked exactly once; who spoke only after it is stored but not
// thanked (the thanks had gone out).
function checkThanks({ store, sessionId, botLines, peopleLines, mentionOf }: ChaosChatRecord): number {
  const thanksAddresses = new Set(
    store.posts
      .forSession(sessionId)
      .filter((row) => row.purpose.startsWith('thanks:'))
      .map((row) => row.address),
  );
  const thanksLines = botLines.filter((line) => thanksAddresses.has(line.address));
  expect(thanksLines.length).toBeGreaterThan(0);
  // The thanks carry on after a restart part-way through them, so whoever spoke before the last thanks post is
  // owed thanks (a newcomer during that outage is thanked in a further post).
  // biome-ignore lint/complexity/useMathMinMax: the orders are bigints, which Math.max does not take.
  const lastThanks = thanksLines.map((line) => line.order).reduce((last, order) => (order > last ? order : last));
  const before = new Set(peopleLines.filter((line) => line.order < lastThanks).map((line) => line.authorId));
  const thanked = store.thanks.forSession(sessionId).map((row) => row.user_id);
  expect(
    thanked.filter((id, index) => thanked.indexOf(id) !== index),
    'thanked twice in the store',
  ).toEqual([]);
  expect([...thanked].sort(), 'thanked in the store: everyone who spoke before the thanks').toEqual([...before].sort());
  const thanksText = thanksLines.map((line) => line.text).join('\n');
  for (const author of new Set(peopleLines.map((line) => line.authorId))) {
    const mention = mentionOf(author);
    // "@ana" must not count inside "@anabel".
    const pattern = new RegExp(`${mention.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w.-])`, 'g');
    const count = thanksText.match(pattern)?.length ?? 0;
    expect(count, `${mention} in the thanks' text`).toBe(before.has(author) ? 1 : 0);
  }
  return thanked.length;
}

function checkRecapFiles(dir: string, sessionId: number, answers: MessageRow[]): void {
  for (const format of ['md', 'html', 'json']) {
    expect(existsSync(join(dir, `session-${sessionId}.${format}`)), format).toBe(true);
  }
  const recap = JSON.parse(readFileSync(join(dir, `session-${sessionId}.json`), 'utf8')) as Recap;
  const listed = recap.questions.flatMap((q) => q.answers.map((a) => [a.id, q.number]));
  const stored = answers.map((a) => [a.address, a.question_number]);
  expect(listed.sort(), 'the json recap lists every answer').toEqual(stored.sort());
  const markdown = readFileSync(join(dir, `session-${sessionId}.md`), 'utf8');
  const html = readFileSync(join(dir, `session-${sessionId}.html`), 'utf8');
  for (const answer of answers) {
    const body = answer.text.replace(/^A\d+:\s*/, '');
    expect(markdown, 'the Markdown recap').toContain(body);
    expect(html, 'the HTML recap').toContain(body);
  }
}
