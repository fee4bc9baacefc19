import { Repo } from './repo.js';

/** A planned start of a scheduled chat, as stored (instants in UTC epoch ms). */
export interface PlannedRunRow {
  id: number;
  script_id: string;
  community_id: string;
  channel: string;
  run_at: number;
  state: 'planned' | 'started' | 'missed' | 'cancelled';
  session_id: number | null;
  note: string | null;
  /** The platform's id for the run's announcement, once announced. */
  announcement: string | null;
}

/** A reminder before a planned run. */
export interface ReminderRow {
  run_id: number;
  before_ms: number;
  remind_at: number;
  state: 'planned' | 'sent' | 'skipped';
  address: string | null;
}

/** Planned runs and reminders: every planned instant lives here, so timers are re-armed from the database at boot. */
export class ScheduleRepo extends Repo {

  /** Records a planned run once; returns its id either way. */
  planRun(fields: { scriptId: string; communityId: string; channel: string; runAt: number }): number {
    this.statement(
        `INSERT OR IGNORE INTO planned_runs (script_id, community_id, channel, run_at, state)
         VALUES (?, ?, ?, ?, 'planned')`,
      )
      .run(fields.scriptId, fields.communityId, fields.channel, fields.runAt);
    const row = this.statement('SELECT id FROM planned_runs WHERE script_id = ? AND channel = ? AND run_at = ?')
      .get(fields.scriptId, fields.channel, fields.runAt) as { id: number };
    return row.id;
  }

  /** Runs still planned in a community, soonest first. */
  plannedRuns(communityId: string): PlannedRunRow[] {
    return this.statement("SELECT * FROM planned_runs WHERE community_id = ? AND state = 'planned' ORDER BY run_at")
      .all(communityId) as PlannedRunRow[];
  }

  /** Every run of a community whatever its state, newest first. */
  recentRuns(communityId: string, limit: number): PlannedRunRow[] {
    return this.statement('SELECT * FROM planned_runs WHERE community_id = ? ORDER BY run_at DESC LIMIT ?')
      .all(communityId, limit) as PlannedRunRow[];
  }

  /** Moves a run on: started (with its session), missed or cancelled (with a note). */
  markRun(id: number, state: PlannedRunRow['state'], fields: { sessionId?: number; note?: string } = {}): void {
    this.statement('UPDATE planned_runs SET state = ?, session_id = COALESCE(?, session_id), note = COALESCE(?, note) WHERE id = ?')
      .run(state, fields.sessionId ?? null, fields.note ?? null, id);
  }

  /** Remembers the platform's id for a run's announcement. */
  setAnnouncement(id: number, announcement: string | null): void {
    this.statement('UPDATE planned_runs SET announcement = ? WHERE id = ?').run(announcement, id);
  }

  /** Runs cancelled that still have an announcement to withdraw. */
  cancelledWithAnnouncement(communityId: string): PlannedRunRow[] {
    return this.statement("SELECT * FROM planned_runs WHERE community_id = ? AND state = 'cancelled' AND announcement IS NOT NULL")
      .all(communityId) as PlannedRunRow[];
  }

  /** Records a reminder once. */
  planReminder(fields: { runId: number; beforeMs: number; remindAt: number; state: ReminderRow['state'] }): void {
    this.statement('INSERT OR IGNORE INTO reminders (run_id, before_ms, remind_at, state) VALUES (?, ?, ?, ?)')
      .run(fields.runId, fields.beforeMs, fields.remindAt, fields.state);
  }

  /** Reminders still to send for planned runs of a community, soonest first. */
  plannedReminders(communityId: string): (ReminderRow & { script_id: string; channel: string; run_at: number })[] {
    return this.statement(
        `SELECT r.*, p.script_id, p.channel, p.run_at FROM reminders r JOIN planned_runs p ON p.id = r.run_id
         WHERE p.community_id = ? AND p.state = 'planned' AND r.state = 'planned' ORDER BY r.remind_at`,
      )
      .all(communityId) as (ReminderRow & { script_id: string; channel: string; run_at: number })[];
  }

  /** Marks a reminder sent (with the post's address) or skipped. */
  markReminder(runId: number, beforeMs: number, state: ReminderRow['state'], address?: string): void {
    this.statement('UPDATE reminders SET state = ?, address = ? WHERE run_id = ? AND before_ms = ?')
      .run(state, address ?? null, runId, beforeMs);
  }
}
