import type { ChatScript } from '../../src/script/script-schema.js';
import type { ChatStore } from '../../src/store/chat-store.js';

/** One answer (or other message) of a stored chat. */
export interface ArchivedMessage {
  /** Its address, e.g. "slack:T1:C1:1700000000.000100". */
  address: string;
  /** The author's user address. */
  authorId: string;
  /** The author's name. */
  authorName: string;
  /** The text as written. */
  text: string;
  /** The question it answers, or null for conversation. */
  question: number | null;
  /** Minutes after the start. */
  minute: number;
}

/** A finished chat to put in the store without running it. */
export interface ArchivedChat {
  /** The series' script (its id is the series). */
  script: ChatScript;
  /** When it started (ms). */
  startedAt: number;
  /** Its messages. */
  messages: ArchivedMessage[];
  /** A rehearsal (never shown on the site). */
  rehearsal?: boolean;
  /** Leave it running rather than ended. */
  running?: boolean;
  /** Its community; "test:community" by default. */
  community?: string;
}

/**
 * Stores a chat as a finished session would have left it (session, questions posted, attributed messages, people
 * seen), without running it: for the website's route tests, browser tests and benchmarks. Returns the session id.
 */
export function archiveChat(store: ChatStore, chat: ArchivedChat): number {
  const community = chat.community ?? 'test:community';
  const channel = `${community}:C1`;
  return store.transaction(() => {
    store.sessions.ensureCommunity(community, 'test', chat.startedAt);
    const id = store.sessions.create({
      communityId: community,
      channel,
      scriptId: chat.script.id,
      scriptJson: JSON.stringify(chat.script),
      now: chat.startedAt,
      rehearsal: chat.rehearsal ?? false,
    });
    chat.script.questions.forEach((_, index) => {
      const purpose = `question:${index + 1}`;
      const at = chat.startedAt + (5 + index * 8) * 60_000;
      store.posts.recordPending({
        sessionId: id,
        purpose,
        kind: 'question',
        questionNumber: index + 1,
        text: 'Q',
        now: at,
      });
      store.posts.confirm(id, purpose, `${channel}:q${id}-${index + 1}`, at);
    });
    let last = chat.startedAt;
    for (const message of chat.messages) {
      const ts = chat.startedAt + message.minute * 60_000;
      last = Math.max(last, ts);
      const firstTime = store.participants.recordSeen({
        communityId: community,
        userId: message.authorId,
        displayName: message.authorName,
        sessionId: id,
        now: ts,
      });
      store.messages.insert({
        address: message.address,
        session_id: id,
        author_id: message.authorId,
        author_name: message.authorName,
        text: message.text,
        ts,
        reply_to: null,
        from_host: 0,
        first_time: firstTime ? 1 : 0,
        open_question: message.question ?? 0,
        asked_questions: chat.script.questions.length,
        question_number: message.question,
        part: null,
        late: 0,
        via: message.question === null ? null : 'prefix',
        reason: message.question === null ? 'no-prefix' : null,
        received_at: ts,
      });
    }
    if (!chat.running) {
      const endedAt = Math.max(last, chat.startedAt + 60 * 60_000);
      store.sessions.update(id, { state: 'ended', ended_at: endedAt, end_reason: 'finished', step: 99 });
    }
    return id;
  });
}
