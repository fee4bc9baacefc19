import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { RoomLogEntry } from '../../adapters/local/room-log.js';
import type { Recap } from '../../src/recap/recap-model.js';
import { ChatStore } from '../../src/store/chat-store.js';
import type { MessageRow } from '../../src/store/session-rows.js';
import type { ChaosFiles } from './local-chaos-chat.js';
import { RoomLogReader } from './room-log-reader.js';

/** What a finished chaos chat holds, for the summary line. */
export interface ChaosChatFigures {
  sessionId: number;
  posts: number;
  answers: number;
  messages: number;
  thanked: number;
  recapFiles: number;
}

/**
 * Checks a chat that was killed and restarted until it finished, from the room log and the store: every post
 * once, every message said in the room stored once with the right question, everyone who spoke before the
 * thanks thanked once (in the store and in the thanks' text), and the recap files complete.
 */
export function checkFinishedChaosChat(files: ChaosFiles, questions: number): ChaosChatFigures {
  const log = new RoomLogReader(files.room).entries();
  const store = ChatStore.open(files.db);
  try {
    const sessions = store.sessions.unfinished();
    expect(sessions, 'no unfinished session is left').toEqual([]);
    const session = store.sessions.lastEndedOnChannel('local:room')!;
    expect(session.state).toBe('ended');
    const events = store.sessions.events(session.id).map((event) => event.kind);
    for (const kind of ['thanked', 'recap-written', 'ended']) {
      expect(events.filter((k) => k === kind), kind).toHaveLength(1);
    }

    const posts = checkPostsOnce(store, session.id, log, questions);
    const messages = checkMessagesStored(store, session.id, log);
    const thanked = checkThanks(store, session.id, log);
    const answers = messages.filter((row) => row.question_number !== null);
    checkRecapFiles(files.recaps, session.id, answers);
    return { sessionId: session.id, posts, answers: answers.length, messages: messages.length, thanked, recapFiles: 3 };
  } finally {
    store.close();
  }
}

function checkPostsOnce(store: ChatStore, sessionId: number, log: RoomLogEntry[], questions: number): number {
  const botLines = log.filter((entry) => entry.bot);
  const texts = botLines.map((entry) => entry.text);
  expect(texts.filter((text, index) => texts.indexOf(text) !== index), 'bot posts said twice').toEqual([]);
  const rows = store.posts.forSession(sessionId);
  expect(rows.filter((row) => row.state !== 'sent'), 'posts left unconfirmed').toEqual([]);
  // The ledger and the room agree one to one: nothing posted that the ledger does not know, nothing lost.
  expect(rows.map((row) => row.address).sort()).toEqual(botLines.map((entry) => entry.id).sort());
  const purposes = rows.map((row) => row.purpose);
  const expected = ['welcome', 'intro', ...Array.from({ length: questions }, (_, i) => `question:${i + 1}`)];
  for (const purpose of [...expected, 'closing', 'thanks:0', 'recap:0']) {
    expect(purposes.filter((p) => p === purpose), purpose).toHaveLength(1);
  }
  const questionPrefixes = Array.from({ length: questions }, (_, i) => `Q${i + 1}:`);
  for (const prefix of ['Welcome to', "That's a wrap", 'Thank you, everyone', ...questionPrefixes]) {
    expect(botLines.filter((entry) => entry.text.startsWith(prefix)), prefix).toHaveLength(1);
  }
  return botLines.length;
}

function checkMessagesStored(store: ChatStore, sessionId: number, log: RoomLogEntry[]) {
  const said = log.filter((entry) => !entry.bot);
  const rows = store.messages.forSession(sessionId);
  expect(rows.map((row) => row.address).sort(), 'every line said in the room, stored once').toEqual(
    said.map((entry) => entry.id).sort(),
  );
  const questionOf = new Map(
    store.posts
      .forSession(sessionId)
      .flatMap((row) => (row.question_number ? [[row.address, row.question_number] as const] : [])),
  );
  const expectedQuestion = (entry: RoomLogEntry) => {
    const prefix = /^A(\d+):/.exec(entry.text);
    if (prefix) return Number(prefix[1]);
    return entry.replyTo ? (questionOf.get(entry.replyTo) ?? null) : null;
  };
  const byAddress = new Map(rows.map((row) => [row.address, row]));
  const got = said.map((entry) => [entry.text, byAddress.get(entry.id)?.question_number]);
  const expected = said.map((entry) => [entry.text, expectedQuestion(entry)]);
  expect(got, 'each line attributed to its question').toEqual(expected);
  return rows;
}

// Who spoke before the first thanks post was said in the room is thanked exactly once; who spoke only after
// it is stored but not thanked (the thanks had gone out).
function checkThanks(store: ChatStore, sessionId: number, log: RoomLogEntry[]): number {
  const thanksPosts = store.posts.forSession(sessionId).filter((row) => row.purpose.startsWith('thanks:'));
  const thanksIds = new Set(thanksPosts.map((row) => row.address));
  const firstThanks = log.findIndex((entry) => thanksIds.has(entry.id));
  expect(firstThanks).toBeGreaterThan(-1);
  const before = new Set(log.slice(0, firstThanks).filter((entry) => !entry.bot).map((entry) => entry.authorId));
  const thanked = store.thanks.forSession(sessionId).map((row) => row.user_id);
  expect(thanked.filter((id, index) => thanked.indexOf(id) !== index), 'thanked twice in the store').toEqual([]);
  expect([...thanked].sort(), 'thanked in the store').toEqual([...before].sort());
  const thanksText = log.filter((entry) => thanksIds.has(entry.id)).map((entry) => entry.text).join('\n');
  const speakers = new Set(log.filter((entry) => !entry.bot).map((entry) => entry.author));
  for (const name of speakers) {
    const mentions = thanksText.match(new RegExp(`@${name}(?![\\w.-])`, 'g')) ?? [];
    expect(mentions, `@${name} in the thanks`).toHaveLength(before.has(`local:${name}`) ? 1 : 0);
  }
  return thanked.length;
}

function checkRecapFiles(dir: string, sessionId: number, answers: MessageRow[]) {
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
