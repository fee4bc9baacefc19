import { Repo } from './repo.js';
import type { SessionRow } from './session-rows.js';

/** Sessions and their timeline. */
export class SessionsRepo extends Repo {
  /** Registers a community once; later calls are no-ops. */
  ensureCommunity(id: string, platform: string, now: number): void {
    this.statement('INSERT OR IGNORE INTO communities (id, platform, created_at) VALUES (?, ?, ?)').run(
      id,
      platform,
      now,
    );
  }

  /** Creates a running session at the opening step and returns its id. */
  create(fields: {
    communityId: string;
    channel: string;
    scriptId: string;
    scriptJson: string;
    now: number;
    clockSpeed?: number;
    clockOrigin?: number;
    plannedRunId?: number;
    rehearsal?: boolean;
    windowScale?: number;
  }): number {
    const result = this.statement(
      `INSERT INTO sessions (community_id, channel, script_id, script_json, state, step, started_at,
           clock_speed, clock_origin, planned_run_id, rehearsal, window_scale)
         VALUES (?, ?, ?, ?, 'running', 0, ?, ?, ?, ?, ?, ?)`,
    ).run(
      fields.communityId,
      fields.channel,
      fields.scriptId,
      fields.scriptJson,
      fields.now,
      fields.clockSpeed ?? 1,
      fields.clockOrigin ?? null,
      fields.plannedRunId ?? null,
      fields.rehearsal ? 1 : 0,
      fields.windowScale ?? 1,
    );
    return Number(result.lastInsertRowid);
  }

  /** The session, or undefined. */
  get(id: number): SessionRow | undefined {
    return this.statement('SELECT * FROM sessions WHERE id = ?').get(id) as SessionRow | undefined;
  }

  /** The unfinished session on a channel, if any. */
  openOnChannel(channel: string): SessionRow | undefined {
    return this.statement("SELECT * FROM sessions WHERE channel = ? AND state != 'ended' ORDER BY id DESC LIMIT 1").get(
      channel,
    ) as SessionRow | undefined;
  }

  /** Every unfinished session, for recovery at boot. */
  unfinished(): SessionRow[] {
    return this.statement("SELECT * FROM sessions WHERE state != 'ended' ORDER BY id").all() as SessionRow[];
  }

  /** The newest sessions first, with answer and participant counts. */
  recent(limit: number): (SessionRow & { answers: number; participants: number; messages: number })[] {
    return this.statement(
      `SELECT s.*,
           (SELECT COUNT(*) FROM messages m WHERE m.session_id = s.id AND m.deleted_at IS NULL
              AND m.question_number IS NOT NULL) AS answers,
           (SELECT COUNT(DISTINCT author_id) FROM messages m WHERE m.session_id = s.id
              AND m.deleted_at IS NULL AND m.from_host = 0) AS participants,
           (SELECT COUNT(*) FROM messages m WHERE m.session_id = s.id AND m.deleted_at IS NULL) AS messages
         FROM sessions s ORDER BY s.id DESC LIMIT ?`,
    ).all(limit) as (SessionRow & { answers: number; participants: number; messages: number })[];
  }

  /** The newest finished session in a channel, if any (rehearsals do not count). */
  lastEndedOnChannel(channel: string): SessionRow | undefined {
    return this.statement(
      "SELECT * FROM sessions WHERE channel = ? AND state = 'ended' AND rehearsal = 0 ORDER BY id DESC LIMIT 1",
    ).get(channel) as SessionRow | undefined;
  }

  /** The newest finished chat (rehearsals do not count), of one series when given. */
  lastEnded(seriesId?: string): SessionRow | undefined {
    return this.statement(
      `SELECT * FROM sessions WHERE state = 'ended' AND rehearsal = 0 AND (? IS NULL OR script_id = ?)
         ORDER BY started_at DESC, id DESC LIMIT 1`,
    ).get(seriesId ?? null, seriesId ?? null) as SessionRow | undefined;
  }

  /** Saves where the session stands. */
  update(id: number, fields: Partial<Omit<SessionRow, 'id'>>): void {
    const keys = Object.keys(fields);
    if (keys.length === 0) return;
    const sql = `UPDATE sessions SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`;
    this.statement(sql).run({ ...fields, id });
  }

  /** Appends to the session's timeline (question posted, paused, extended …). */
  logEvent(sessionId: number, at: number, kind: string, detail?: string): void {
    this.statement('INSERT INTO session_events (session_id, at, kind, detail) VALUES (?, ?, ?, ?)').run(
      sessionId,
      at,
      kind,
      detail ?? null,
    );
  }

  /** The session's timeline, oldest first. */
  events(sessionId: number): { at: number; kind: string; detail: string | null }[] {
    return this.statement('SELECT at, kind, detail FROM session_events WHERE session_id = ? ORDER BY rowid').all(
      sessionId,
    ) as { at: number; kind: string; detail: string | null }[];
  }
}
