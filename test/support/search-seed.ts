import type { ChatScript } from '../../src/script/script-schema.js';
import type { ChatStore } from '../../src/store/chat-store.js';
import { shippedScript } from './write-test-script.js';

/** A series' script for tests: the shipped weekly chat under another id and title. */
export function seriesScript(id: string, title: string, overrides: Partial<ChatScript> = {}): ChatScript {
  return { ...shippedScript('weekly-chat'), id, title, ...overrides };
}

/** One answer to store: who, to which question, what. */
export interface SeedAnswer {
  /** The author's name (their id is derived from it). */
  by: string;
  /** The question number. */
  q: number;
  /** The answer's text. */
  text: string;
}

let seeded = 0;

/** Stores an ended chat of `script` started at `startedAt` with these answers; returns its session id and addresses. */
export function seedChat(
  store: ChatStore,
  script: ChatScript,
  startedAt: number,
  answers: SeedAnswer[],
  options: { rehearsal?: boolean } = {},
): { sessionId: number; addresses: string[] } {
  store.sessions.ensureCommunity('local:room', 'local', startedAt);
  const sessionId = store.sessions.create({
    communityId: 'local:room',
    channel: `local:${script.id}`,
    scriptId: script.id,
    scriptJson: JSON.stringify(script),
    now: startedAt,
    rehearsal: options.rehearsal,
  });
  store.db
    .prepare("UPDATE sessions SET state = 'ended', ended_at = ? WHERE id = ?")
    .run(startedAt + 3_600_000, sessionId);
  const addresses = answers.map((answer, index) => {
    const address = `local:msg:${++seeded}`;
    const ts = startedAt + 60_000 * (index + 1);
    store.messages.insert({
      address,
      session_id: sessionId,
      author_id: `local:${answer.by.toLowerCase()}`,
      author_name: answer.by,
      text: answer.text,
      ts,
      reply_to: null,
      from_host: 0,
      first_time: 0,
      open_question: answer.q,
      asked_questions: answer.q,
      question_number: answer.q,
      part: null,
      late: 0,
      via: 'prefix',
      reason: null,
      received_at: ts,
    });
    return address;
  });
  return { sessionId, addresses };
}
