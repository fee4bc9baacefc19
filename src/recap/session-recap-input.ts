import type { Attribution } from '../attribution/attribute.js';
import { isForgotten } from '../people/forget-person.js';
import { returnersAt, welcomeBackAfterOf } from '../people/returners.js';
import { seriesTrends } from '../people/trends.js';
import type { ChatScript } from '../script/script-schema.js';
import type { ChatStore } from '../store/chat-store.js';
import type { MessageRow, SessionRow } from '../store/session-rows.js';
import type { RecapInput, RecapInputCommunity, RecapInputGuest } from './recap-input.js';

/**
 * Reads a session back from the store in the neutral recap shape, so live chats and transcripts share one recap.
 * The community's known people come along, so a mention of someone who did not write still reads as a name; so do
 * the series' trends and who came back after an absence, unless `community` is false (the short channel recap
 * shows neither and need not read the community's history). A rehearsal has neither.
 */
export function sessionRecapInput(
  store: ChatStore,
  sessionId: number,
  options: { community?: boolean } = {},
): RecapInput {
  const session = store.sessions.get(sessionId);
  if (!session) throw new Error(`No session ${sessionId} in the store. List them with "emcee sessions".`);
  const script = JSON.parse(session.script_json) as ChatScript;
  const askedAt = new Map<number, number>();
  for (const post of store.posts.forSession(sessionId)) {
    if (post.question_number !== null && post.state === 'sent')
      askedAt.set(post.question_number, post.sent_at ?? post.created_at);
  }
  const rows = store.messages.forSession(sessionId);
  const last = rows.at(-1)?.ts ?? session.started_at;
  return {
    title: script.title,
    host: script.host,
    hashtag: script.hashtag,
    timezone: script.timezone,
    startedAt: session.started_at,
    endedAt: session.ended_at ?? Math.max(last, session.started_at),
    questions: script.questions.map((question, index) => {
      const at = askedAt.get(index + 1);
      return at === undefined
        ? { number: index + 1, text: question.text }
        : { number: index + 1, text: question.text, askedAt: at };
    }),
    messages: rows.map((row) => ({
      id: row.address,
      author: row.author_name,
      text: row.text,
      ts: row.ts,
      ...(row.reply_to ? { replyTo: row.reply_to } : {}),
      attribution: attributionOf(row),
      firstTime: row.first_time === 1,
      authorId: row.author_id,
      // Someone who used forget-me leaves the recap: only the store's counts keep a number for them.
      ...(row.deleted_at !== null || isForgotten(row.author_id) ? { deleted: true } : {}),
    })),
    people: store.participants.namesIn(session.community_id),
    guests: scriptGuests(script),
    ...(options.community !== false && session.rehearsal === 0 ? { community: communityOf(store, session) } : {}),
  };
}

// Each reads only the recent chats it needs: a community with years of history costs no more than a new one.
function communityOf(store: ChatStore, session: SessionRow): RecapInputCommunity {
  const after = welcomeBackAfterOf(JSON.parse(session.script_json));
  return {
    trends: seriesTrends(store, session.community_id, session.script_id, session.id),
    returners: returnersAt(store, session.community_id, session.id, after),
  };
}

/**
 * The episode's guests as the stored script names them. Read defensively: scripts stored before guests existed
 * have none, a bare string is a name, and an entry without a name is no guest.
 */
export function scriptGuests(script: unknown): RecapInputGuest[] {
  const guests = (script as { guests?: unknown } | undefined)?.guests;
  if (!Array.isArray(guests)) return [];
  return guests.flatMap((guest: unknown) => {
    if (typeof guest === 'string') return guest.trim() ? [{ name: guest.trim() }] : [];
    const { id, name } = (typeof guest === 'object' && guest !== null ? guest : {}) as { id?: unknown; name?: unknown };
    if (typeof name !== 'string' || !name.trim()) return [];
    return [typeof id === 'string' && id ? { id, name: name.trim() } : { name: name.trim() }];
  });
}

function attributionOf(row: MessageRow): Attribution {
  if (row.question_number === null) {
    return {
      question: null,
      reason: (row.reason ?? 'no-prefix') as Extract<Attribution, { question: null }>['reason'],
    };
  }
  const base = {
    question: row.question_number,
    late: row.late === 1,
    via: (row.via ?? 'prefix') as 'prefix' | 'thread',
  };
  return row.part ? { ...base, part: row.part } : base;
}
