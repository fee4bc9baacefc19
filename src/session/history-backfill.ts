import type { Logger } from '../log.js';
import type { Platform } from '../port.js';
import type { ChatStore } from '../store/chat-store.js';
import type { AnswerIntake, ChatPosition } from './answer-intake.js';

/** What a backfill brought in. */
export interface BackfillResult {
  /** Messages fetched from history and attributed. */
  backfilled: number;
  /** What could not be fetched, in plain words. */
  backfillIncomplete?: string;
}

/**
 * Takes in what was said while the bot was down, from the platform's history, attributed against the
 * questions as they stood when each message was written (not as they stand now).
 */
export async function backfillHistory(
  deps: { store: ChatStore; platform: Platform; log: Logger },
  session: { id: number; channel: string; startedAt: number },
  intake: AnswerIntake,
): Promise<BackfillResult> {
  const { platform, store, log } = deps;
  if (!platform.fetchHistory) return { backfilled: 0, backfillIncomplete: `${platform.name} cannot fetch history` };
  const known = store.messages.forSession(session.id);
  // A minute of overlap covers clocks that disagree a little; redeliveries are ignored by id anyway.
  const since = Math.max(session.startedAt, (known.at(-1)?.ts ?? session.startedAt) - 60_000);
  // Answers in a question's thread may be newer than `since` while the question itself is older.
  const questionPosts = store.posts
    .forSession(session.id)
    .flatMap((post) => (post.question_number !== null && post.address ? [post.address] : []));
  let result;
  try {
    result = await platform.fetchHistory(session.channel, since, questionPosts);
  } catch (error) {
    log.warn('Could not fetch what was said while the bot was down', { session: session.id, error });
    return { backfilled: 0, backfillIncomplete: (error as Error).message };
  }
  const questionTimes = store.posts
    .forSession(session.id)
    .filter((post) => post.question_number !== null && post.state === 'sent')
    .map((post) => ({ number: post.question_number!, at: post.sent_at ?? post.created_at }));
  let backfilled = 0;
  for (const message of result.messages) {
    if (message.author.isBot || message.ts < session.startedAt || store.messages.get(message.id)) continue;
    intake.handleMessage(message, positionAt(questionTimes, message.ts));
    backfilled++;
  }
  return result.incomplete ? { backfilled, backfillIncomplete: result.incomplete } : { backfilled };
}

function positionAt(questions: { number: number; at: number }[], ts: number): ChatPosition {
  const asked = Math.max(0, ...questions.filter((q) => q.at <= ts).map((q) => q.number));
  return { openQuestion: asked, askedQuestions: asked };
}
