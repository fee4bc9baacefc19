import type { ChatStore } from '../../src/store/chat-store.js';
import { shippedScript } from './write-test-script.js';

const H = 3_600_000;

/** A chat to store: who wrote what, relative to its start. */
interface StoredChat {
  community: string;
  topic: string;
  startedAt: number;
  state?: 'ended' | 'running';
  rehearsal?: boolean;
  /** [author, question number or null, minutes after the start, deleted?, from a host?] */
  messages: [string, number | null, number, boolean?, boolean?][];
}

/** Stores a chat of the shipped weekly series; returns its session id. */
export function storeChat(store: ChatStore, chat: StoredChat): number {
  store.sessions.ensureCommunity(chat.community, 'local', 0);
  const script = { ...shippedScript('weekly-chat'), topic: chat.topic };
  const id = store.sessions.create({
    communityId: chat.community,
    channel: `${chat.community}:room`,
    scriptId: 'weekly-chat',
    scriptJson: JSON.stringify(script),
    now: chat.startedAt,
    ...(chat.rehearsal ? { rehearsal: true } : {}),
  });
  if ((chat.state ?? 'ended') === 'ended') store.sessions.update(id, { state: 'ended', ended_at: chat.startedAt + H });
  chat.messages.forEach(([author, question, minutes, deleted, fromHost], index) => {
    const address = `${chat.community}:m:${id}:${index}`;
    const ts = chat.startedAt + minutes * 60_000;
    store.messages.insert({
      address,
      session_id: id,
      author_id: author,
      author_name: author,
      text: `message ${index}`,
      ts,
      reply_to: null,
      from_host: fromHost ? 1 : 0,
      first_time: 0,
      open_question: question ?? 0,
      asked_questions: question ?? 0,
      question_number: question,
      part: null,
      late: 0,
      via: question === null ? null : 'prefix',
      reason: question === null ? 'no-prefix' : null,
      received_at: ts,
    });
    if (deleted) store.messages.markDeleted(address, ts + 1);
  });
  return id;
}

/** Chat starts: S1 on Thursday 5 November 2026, 10 pm in New York (already 6 November in UTC). */
export const S1 = Date.UTC(2026, 10, 6, 3, 0);
/** S2: Thursday 12 November 2026, 1 pm in New York. */
export const S2 = Date.UTC(2026, 10, 12, 18, 0);

/**
 * A small community worked out by hand ("local"): Ana at both chats (3 answers: 2 + 1, a deleted one and a
 * remark not counted), Ben at the first (his rehearsal answers not counted), Cai at the second, and Dan in
 * another community ("discord:G1").
 */
export function storeSmallCommunity(store: ChatStore): { s1: number; s2: number; other: number } {
  const seen = (communityId: string, userId: string, name: string, now: number) =>
    store.participants.recordSeen({ communityId, userId, displayName: name, sessionId: 1, now });
  const s1 = storeChat(store, {
    community: 'local',
    topic: 'Trust',
    startedAt: S1,
    messages: [
      ['local:ana', 1, 5],
      ['local:ana', 2, 20],
      ['local:ana', null, 21],
      ['local:ben', 1, 6],
      ['local:host', null, 1, false, true],
    ],
  });
  const s2 = storeChat(store, {
    community: 'local',
    topic: 'Feedback',
    startedAt: S2,
    messages: [
      ['local:ana', 1, 4],
      ['local:ana', 2, 30, true],
      ['local:cai', 1, 40],
    ],
  });
  storeChat(store, {
    community: 'local',
    topic: 'Rehearsed',
    startedAt: S2 + 24 * H,
    rehearsal: true,
    messages: [
      ['local:ben', 1, 3],
      ['local:ben', 2, 4],
    ],
  });
  storeChat(store, {
    community: 'local',
    topic: 'Still running',
    startedAt: S2 + 7 * 24 * H,
    state: 'running',
    messages: [['local:ana', 1, 3]],
  });
  const other = storeChat(store, {
    community: 'discord:G1',
    topic: 'Elsewhere',
    startedAt: S2 + 2 * 24 * H,
    messages: [['discord:G1:dan', 1, 2]],
  });
  seen('local', 'local:ana', 'Ana', S1 + 5 * 60_000);
  seen('local', 'local:ben', 'Ben', S1 + 6 * 60_000);
  seen('local', 'local:cai', 'Cai', S2 + 40 * 60_000);
  seen('discord:G1', 'discord:G1:dan', 'Dan', S2 + 2 * 24 * H);
  return { s1, s2, other };
}
