import { Repo } from './repo.js';

/** Who was thanked in a session, and with which wording. */
export class ThanksRepo extends Repo {
  /** Records one thank-you; a second record for the same person in the session is ignored. */
  record(fields: { sessionId: number; userId: string; answers: number; variant: number; postPurpose: string }): void {
    this.statement(
      'INSERT OR IGNORE INTO thanks (session_id, user_id, answers, variant, post_purpose) VALUES (?, ?, ?, ?, ?)',
    ).run(fields.sessionId, fields.userId, fields.answers, fields.variant, fields.postPurpose);
  }

  /**
   * Records, before its post is sent, whom a thanks post thanks; a person recorded for a post that never went out
   * is moved to the new one.
   */
  recordPlanned(fields: {
    sessionId: number;
    userId: string;
    answers: number;
    variant: number;
    postPurpose: string;
  }): void {
    this.statement(
      'INSERT OR REPLACE INTO thanks (session_id, user_id, answers, variant, post_purpose) VALUES (?, ?, ?, ?, ?)',
    ).run(fields.sessionId, fields.userId, fields.answers, fields.variant, fields.postPurpose);
  }

  /** Everyone thanked in a session. */
  forSession(sessionId: number): { user_id: string; answers: number; variant: number; post_purpose: string }[] {
    return this.statement('SELECT * FROM thanks WHERE session_id = ? ORDER BY rowid').all(sessionId) as {
      user_id: string;
      answers: number;
      variant: number;
      post_purpose: string;
    }[];
  }
}
