import { Repo } from './repo.js';
import type { MessageRow } from './session-rows.js';

/** A message to store, with its attribution at arrival. */
export type NewMessage = Omit<MessageRow, 'edited_at' | 'deleted_at' | 'acked_at'>;

/** Participants' and hosts' messages. Writes are idempotent on the platform's message address. */
export class MessagesRepo extends Repo {
  /** Stores a message; returns false when that address is already stored (a redelivery). */
  insert(message: NewMessage): boolean {
    const result = this.statement(
      `INSERT OR IGNORE INTO messages (address, session_id, author_id, author_name, text, ts, reply_to,
           from_host, first_time, open_question, asked_questions, question_number, part, late, via, reason,
           received_at)
         VALUES (@address, @session_id, @author_id, @author_name, @text, @ts, @reply_to, @from_host,
           @first_time, @open_question, @asked_questions, @question_number, @part, @late, @via, @reason,
           @received_at)`,
    ).run(message);
    return result.changes === 1;
  }

  /** The message at an address, if stored. */
  get(address: string): MessageRow | undefined {
    return this.statement('SELECT * FROM messages WHERE address = ?').get(address) as MessageRow | undefined;
  }

  /** Saves an edit and its new attribution. */
  applyEdit(
    address: string,
    fields: Pick<MessageRow, 'text' | 'question_number' | 'part' | 'late' | 'via' | 'reason' | 'edited_at'>,
  ): void {
    this.statement(
      `UPDATE messages SET text = @text, question_number = @question_number, part = @part, late = @late,
           via = @via, reason = @reason, edited_at = @edited_at WHERE address = @address`,
    ).run({ ...fields, address });
  }

  /** Marks a message deleted; it stays in the store. Returns false if unknown or already deleted. */
  markDeleted(address: string, at: number): boolean {
    return (
      this.statement('UPDATE messages SET deleted_at = ? WHERE address = ? AND deleted_at IS NULL').run(at, address)
        .changes === 1
    );
  }

  /** Records that an answer was acknowledged on the platform (a reaction, or an applause naming its author). */
  markAcknowledged(address: string, at: number): void {
    this.statement('UPDATE messages SET acked_at = ? WHERE address = ? AND acked_at IS NULL').run(at, address);
  }

  /** Answers of a session still owed an acknowledgement, oldest first. */
  unacknowledgedAnswers(sessionId: number): string[] {
    return (
      this.statement(
        `SELECT address FROM messages WHERE session_id = ? AND question_number IS NOT NULL
           AND deleted_at IS NULL AND acked_at IS NULL ORDER BY ts`,
      ).all(sessionId) as { address: string }[]
    ).map((row) => row.address);
  }

  /** Every message of a session in time order, deleted ones included. */
  forSession(sessionId: number): MessageRow[] {
    return this.statement('SELECT * FROM messages WHERE session_id = ? ORDER BY ts, received_at').all(
      sessionId,
    ) as MessageRow[];
  }

  /** Answer counts: total and for one question, not counting deleted messages. */
  answerCounts(sessionId: number, question: number): { total: number; onQuestion: number; participants: number } {
    return this.statement(
      `SELECT COUNT(question_number) AS total,
                COUNT(CASE WHEN question_number = ? THEN 1 END) AS onQuestion,
                COUNT(DISTINCT CASE WHEN from_host = 0 THEN author_id END) AS participants
         FROM messages WHERE session_id = ? AND deleted_at IS NULL`,
    ).get(question, sessionId) as { total: number; onQuestion: number; participants: number };
  }
}
