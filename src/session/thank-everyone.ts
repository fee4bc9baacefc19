import type { Logger } from '../log.js';
import type { MessageAddress, OutboundMessage, Platform } from '../port.js';
import type { Wording } from '../script/script-schema.js';
import type { ChatStore } from '../store/chat-store.js';
import { composeThanks, type ThankYouParticipant } from './thank-you.js';

/** Thanks every participant of a session by mention and records who was thanked with which words. */
export async function thankEveryone(
  deps: { store: ChatStore; platform: Platform; log: Logger },
  session: {
    sessionId: number;
    wording: Wording;
    hashtag: string;
    /** The chat's guests' addresses: thanked first, as the guests. */
    guestIds?: readonly string[];
    postOnce: (purpose: string, message: OutboundMessage) => Promise<MessageAddress | undefined>;
  },
): Promise<number> {
  const participants = participantsOf(deps.store, deps.platform, session.sessionId, session.guestIds ?? []);
  if (participants.length === 0) return 0;
  const messages = composeThanks(participants, session.wording, {
    hashtag: session.hashtag,
    limits: deps.platform.limits,
    seed: session.sessionId,
  });
  for (const [index, message] of messages.entries()) {
    const purpose = `thanks:${index}`;
    const address = await session.postOnce(purpose, {
      kind: 'thanks',
      text: message.text,
      mentions: message.mentions,
    });
    if (!address) continue;
    const { store } = deps;
    await store.writes.write(() => {
      for (const thanked of message.thanked) store.thanks.record({ sessionId: session.sessionId, ...thanked, postPurpose: purpose });
    });
  }
  return messages.length;
}

// Participants in order of their first message, with their answers (deleted ones excluded).
function participantsOf(
  store: ChatStore,
  platform: Platform,
  sessionId: number,
  guestIds: readonly string[],
): ThankYouParticipant[] {
  const byAuthor = new Map<string, ThankYouParticipant>();
  for (const row of store.messages.forSession(sessionId)) {
    if (row.from_host === 1 || row.deleted_at !== null) continue;
    let entry = byAuthor.get(row.author_id);
    if (!entry) {
      entry = {
        userId: row.author_id,
        displayName: row.author_name,
        mention: platform.mention(row.author_id, row.author_name),
        answers: 0,
        questions: [],
        ...(guestIds.includes(row.author_id) ? { isGuest: true } : {}),
      };
      byAuthor.set(row.author_id, entry);
    }
    if (row.question_number !== null) {
      entry.answers++;
      if (!entry.questions.includes(row.question_number)) entry.questions.push(row.question_number);
    }
  }
  for (const entry of byAuthor.values()) entry.questions.sort((a, b) => a - b);
  return [...byAuthor.values()];
}
