import { Repo } from './repo.js';

/** A host control asked for from the command line, waiting for the running bot. */
export interface ControlRequestRow {
  id: number;
  channel: string;
  command: string;
  args: string;
  requested_at: number;
  handled_at: number | null;
  ok: number | null;
  result: string | null;
}

/** Host controls from the CLI: the CLI writes a request, the running bot carries it out and answers. */
export class ControlRepo extends Repo {
  /** Queues a request; returns its id. */
  request(fields: { channel: string; command: string; args: string[]; now: number }): number {
    return Number(
      this.statement('INSERT INTO control_requests (channel, command, args, requested_at) VALUES (?, ?, ?, ?)').run(
        fields.channel,
        fields.command,
        JSON.stringify(fields.args),
        fields.now,
      ).lastInsertRowid,
    );
  }

  /** Requests not handled yet, oldest first. */
  pending(): ControlRequestRow[] {
    return this.statement(
      'SELECT * FROM control_requests WHERE handled_at IS NULL ORDER BY id',
    ).all() as ControlRequestRow[];
  }

  /** Records the answer. */
  answer(id: number, ok: boolean, result: string, now: number): void {
    this.statement('UPDATE control_requests SET handled_at = ?, ok = ?, result = ? WHERE id = ?').run(
      now,
      ok ? 1 : 0,
      result,
      id,
    );
  }

  /** One request. */
  get(id: number): ControlRequestRow | undefined {
    return this.statement('SELECT * FROM control_requests WHERE id = ?').get(id) as ControlRequestRow | undefined;
  }
}
