import type { ChatStore } from '../../src/store/chat-store.js';

/** Someone's part in a seeded chat. */
export interface SeededPerson {
  id: string;
  name?: string;
  /** How many answers they give (besides one chatty message). */
  answers?: number;
  /** Wrote as the host. */
  host?: boolean;
  /** Their messages were deleted afterwards. */
  deleted?: boolean;
}

/**
 * A chat written straight into the store, as the session runner would have left it: a session, each person's
 * messages and, for participants, their first sighting in the community. For unit tests of what is computed
 * from the store; whole chats run through the router elsewhere.
 */
export function seedChat(
  store: ChatStore,
  chat: { community: string; startedAt: number; people: SeededPerson[]; rehearsal?: boolean; running?: boolean },
): number {
  store.sessions.ensureCommunity(chat.community, 'test', chat.startedAt);
  const id = store.sessions.create({
    communityId: chat.community,
    channel: chat.rehearsal ? 'test:dm' : 'test:C1',
    scriptId: 'weekly',
    scriptJson: '{}',
    now: chat.startedAt,
    rehearsal: chat.rehearsal,
  });
  let seq = 0;
  for (const person of chat.people) {
    const name = person.name ?? person.id;
    const at = chat.startedAt + 60_000 + seq * 1000;
    const participant = !person.host && !chat.rehearsal;
    const first =
      participant &&
      store.participants.recordSeen({
        communityId: chat.community,
        userId: person.id,
        displayName: name,
        sessionId: id,
        now: at,
      });
    const write = (text: string, question: number | null) => {
      const address = `s${id}:m${++seq}`;
      store.messages.insert({
        address,
        session_id: id,
        author_id: person.id,
        author_name: name,
        text,
        ts: chat.startedAt + 60_000 + seq * 1000,
        reply_to: null,
        from_host: person.host ? 1 : 0,
        first_time: first ? 1 : 0,
        open_question: 1,
        asked_questions: 1,
        question_number: question,
        part: null,
        late: 0,
        via: question === null ? null : 'prefix',
        reason: question === null ? 'chatter' : null,
        received_at: chat.startedAt + 60_000 + seq * 1000,
      });
      if (person.deleted) store.messages.markDeleted(address, chat.startedAt + 120_000);
    };
    write(`hello from ${name}`, null);
    for (let n = 1; n <= (person.answers ?? 0); n++) write(`A${n}: ${name}`, n);
  }
  if (!chat.running) store.sessions.update(id, { state: 'ended', ended_at: chat.startedAt + 3_600_000 });
  return id;
}
