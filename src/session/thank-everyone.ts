import type { Logger } from '../log.js';
import type { MessageAddress, OutboundMessage, Platform } from '../port.js';
import { type Guest, isGuest, type Wording } from '../script/script-schema.js';
import type { ChatStore } from '../store/chat-store.js';
import { type CommunityAddressing, communityAddressing } from '../people/addressing.js';
import { isForgotten } from '../people/forget-person.js';
import { composeThanks, type ThankYouParticipant } from './thank-you.js';

/**
 * Thanks every participant of a session by mention (by plain name for those who asked to be quiet) and records
 * who was thanked with which words.
 */
export async function thankEveryone(
  deps: { store: ChatStore; platform: Platform; log: Logger },
  session: {
    sessionId: number;
    /** The community the session belongs to, whose quiet people are named without a mention. */
    community: string;
    wording: Wording;
    hashtag: string;
    /** The chat's guests: thanked first, as the guests. */
    guests?: readonly Guest[];
    postOnce: (purpose: string, message: OutboundMessage) => Promise<MessageAddress | undefined>;
  },
): Promise<number> {
  const { store } = deps;
  // After a restart part-way through the thanks: people named in a thanks post that went out are done; the
  // others (named in one that never went out, or who spoke during the outage) are thanked in further posts.
  const recorded = store.thanks.forSession(session.sessionId);
  const sent = (purpose: string) => store.posts.get(session.sessionId, purpose)?.state === 'sent';
  const covered = new Set(recorded.filter((row) => sent(row.post_purpose)).map((row) => row.user_id));
  const addressing = communityAddressing(store, deps.platform, session.community);
  const participants = participantsOf(store, addressing, session.sessionId, session.guests ?? []).filter(
    (person) => !covered.has(person.userId),
  );
  if (participants.length === 0) return 0;
  // Numbered after the thanks posts already made; one that never went out is made again under its number.
  const used = store.posts
    .purposes(session.sessionId)
    .map((purpose) => /^thanks:(\d+)$/.exec(purpose)?.[1])
    .filter((index): index is string => index !== undefined)
    .map(Number);
  const first = used.length ? Math.max(...used) + 1 : 0;
  const messages = composeThanks(participants, session.wording, {
    hashtag: session.hashtag,
    limits: deps.platform.limits,
    seed: session.sessionId,
    withHeader: covered.size === 0,
  });
  for (const [index, message] of messages.entries()) {
    const purpose = `thanks:${first + index}`;
    // Whom this post thanks is recorded before it is sent, so a restart knows who is still owed thanks.
    await store.writes.write(() =>
      store.transaction(() => {
        for (const thanked of message.thanked) {
          store.thanks.recordPlanned({ sessionId: session.sessionId, ...thanked, postPurpose: purpose });
        }
      }),
    );
    await session.postOnce(purpose, { kind: 'thanks', text: message.text, mentions: message.mentions });
  }
  return messages.length;
}

// Participants in order of their first message, with their answers (deleted ones excluded).
function participantsOf(
  store: ChatStore,
  addressing: CommunityAddressing,
  sessionId: number,
  guests: readonly Guest[],
): ThankYouParticipant[] {
  const byAuthor = new Map<string, ThankYouParticipant>();
  for (const row of store.messages.forSession(sessionId)) {
    // Someone who used forget-me during the chat is not named in its thanks.
    if (row.from_host === 1 || row.deleted_at !== null || isForgotten(row.author_id)) continue;
    let entry = byAuthor.get(row.author_id);
    if (!entry) {
      entry = {
        userId: row.author_id,
        displayName: row.author_name,
        mention: addressing.addressOf({ id: row.author_id, displayName: row.author_name }),
        ...(addressing.isQuiet(row.author_id) ? { quiet: true } : {}),
        answers: 0,
        questions: [],
        ...(isGuest(guests, { id: row.author_id, displayName: row.author_name }) ? { isGuest: true } : {}),
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
