import { Repo } from './repo.js';
import type { BotPostRow } from './session-rows.js';

/** How much of a post's text is kept to recognise it in the platform's history. */
export const POST_TEXT_PREFIX = 120;

/**
 * What the bot posted. A post is recorded as pending before it is sent and confirmed after, so a restart
 * can tell "already posted" from "never posted" and nothing goes out twice.
 */
export class PostsRepo extends Repo {
  /** The post with this purpose in the session, if recorded. */
  get(sessionId: number, purpose: string): BotPostRow | undefined {
    return this.statement('SELECT * FROM bot_posts WHERE session_id = ? AND purpose = ?').get(sessionId, purpose) as
      | BotPostRow
      | undefined;
  }

  /** Every purpose recorded in the session (sent or pending). */
  purposes(sessionId: number): string[] {
    return (
      this.statement('SELECT purpose FROM bot_posts WHERE session_id = ?').all(sessionId) as { purpose: string }[]
    ).map((row) => row.purpose);
  }

  /** Records an intent to post; returns false when the purpose is already recorded. */
  recordPending(fields: {
    sessionId: number;
    purpose: string;
    kind: string;
    questionNumber?: number;
    text: string;
    now: number;
  }): boolean {
    const result = this.statement(
      `INSERT OR IGNORE INTO bot_posts (session_id, purpose, kind, question_number, state, created_at, text_start)
         VALUES (?, ?, ?, ?, 'pending', ?, ?)`,
    ).run(
      fields.sessionId,
      fields.purpose,
      fields.kind,
      fields.questionNumber ?? null,
      fields.now,
      fields.text.slice(0, POST_TEXT_PREFIX),
    );
    return result.changes === 1;
  }

  /** Confirms a post with the platform's address for it. */
  confirm(sessionId: number, purpose: string, address: string, now: number): void {
    this.statement(
      "UPDATE bot_posts SET state = 'sent', address = ?, sent_at = ? WHERE session_id = ? AND purpose = ?",
    ).run(address, now, sessionId, purpose);
  }

  /** Forgets a pending post whose send failed, so it can be tried again. */
  dropPending(sessionId: number, purpose: string): void {
    this.statement("DELETE FROM bot_posts WHERE session_id = ? AND purpose = ? AND state = 'pending'").run(
      sessionId,
      purpose,
    );
  }

  /** Which question a posted message asked, for thread replies. */
  questionAt(address: string): number | undefined {
    const row = this.statement(
      'SELECT question_number FROM bot_posts WHERE address = ? AND question_number IS NOT NULL',
    ).get(address) as { question_number: number } | undefined;
    return row?.question_number;
  }

  /** Posts recorded but never confirmed: the process stopped while sending them. */
  pending(sessionId: number): BotPostRow[] {
    return this.statement("SELECT * FROM bot_posts WHERE session_id = ? AND state = 'pending' ORDER BY id").all(
      sessionId,
    ) as BotPostRow[];
  }

  /** Every post of a session, oldest first. */
  forSession(sessionId: number): BotPostRow[] {
    return this.statement('SELECT * FROM bot_posts WHERE session_id = ? ORDER BY id').all(sessionId) as BotPostRow[];
  }
}
