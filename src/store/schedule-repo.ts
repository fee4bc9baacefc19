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
  /** Set (epoch ms) while the announcement call is in flight: a restart looks for it before announcing again. */
  announcing_at: number | null;
  /** What the announcement was last told: null (as created), 'moving', 'active', 'completed' or 'canceled'. */
  announcement_status: AnnouncementStatus | null;
  /** What the announcement last said (title, description, times), so a changed episode is edited in place. */
  announced_fields: string | null;
}

/** Where a run's announcement stands on the platform. */
export type AnnouncementStatus = 'moving' | 'active' | 'completed' | 'canceled';

/** A reminder before a planned run. */
export interface ReminderRow {
  run_id: number;
  before_ms: number;
  remind_at: number;
  state: 'planned' | 'sent' | 'skipped';
  address: string | null;
  /** Set (epoch ms) while the post is in flight: with text_start, a restart finds it instead of reposting. */
  sending_at: number | null;
  /** The reminder's text as posted, its first characters. */
  text_start: string | null;
}

/** A reminder with the run it belongs to. */
export type DueReminder = ReminderRow & { script_id: string; channel: string; run_at: number };

// As much of a reminder's text as a restart needs to recognise it in the channel's history.
const REMINDER_TEXT_PREFIX = 120;

/** Planned runs and reminders: every planned instant lives here, so timers are re-armed from the database at boot. */
export class ScheduleRepo extends Repo {
  /** Records a planned run once; returns its id either way. */
  planRun(fields: { scriptId: string; communityId: string; channel: string; runAt: number }): number {
    this.statement(
      `INSERT OR IGNORE INTO planned_runs (script_id, community_id, channel, run_at, state)
         VALUES (?, ?, ?, ?, 'planned')`,
    ).run(fields.scriptId, fields.communityId, fields.channel, fields.runAt);
    const row = this.statement('SELECT id FROM planned_runs WHERE script_id = ? AND channel = ? AND run_at = ?').get(
      fields.scriptId,
      fields.channel,
      fields.runAt,
    ) as { id: number };
    return row.id;
  }

  /** Runs still planned in a community, soonest first. */
  plannedRuns(communityId: string): PlannedRunRow[] {
    return this.statement(
      "SELECT * FROM planned_runs WHERE community_id = ? AND state = 'planned' ORDER BY run_at",
    ).all(communityId) as PlannedRunRow[];
  }

  /** Every run of a community whatever its state, newest first. */
  recentRuns(communityId: string, limit: number): PlannedRunRow[] {
    return this.statement('SELECT * FROM planned_runs WHERE community_id = ? ORDER BY run_at DESC LIMIT ?').all(
      communityId,
      limit,
    ) as PlannedRunRow[];
  }

  /** Moves a run on: started (with its session), missed or cancelled (with a note). */
  markRun(id: number, state: PlannedRunRow['state'], fields: { sessionId?: number; note?: string } = {}): void {
    this.statement(
      'UPDATE planned_runs SET state = ?, session_id = COALESCE(?, session_id), note = COALESCE(?, note) WHERE id = ?',
    ).run(state, fields.sessionId ?? null, fields.note ?? null, id);
  }

  /** Remembers the platform's id for a run's announcement (confirming a pending one), and where it stands. */
  setAnnouncement(id: number, announcement: string | null, status: AnnouncementStatus | null = null): void {
    this.statement(
      'UPDATE planned_runs SET announcement = ?, announcement_status = ?, announcing_at = NULL WHERE id = ?',
    ).run(announcement, status, id);
  }

  /** Hands a cancelled run's announcement to the run that replaced it, to be moved ('moving') in place. */
  moveAnnouncement(fromId: number, toId: number): void {
    this.db.transaction(() => {
      const row = this.statement('SELECT announcement FROM planned_runs WHERE id = ?').get(fromId) as {
        announcement: string | null;
      };
      this.statement(
        "UPDATE planned_runs SET announcement = ?, announcement_status = 'moving', announcing_at = NULL WHERE id = ?",
      ).run(row.announcement, toId);
      this.statement('UPDATE planned_runs SET announcement = NULL, announcement_status = NULL WHERE id = ?').run(
        fromId,
      );
    })();
  }

  /** Records that a run's announcement is being made (before the platform call), or clears that mark. */
  markAnnouncing(id: number, at: number | null): void {
    this.statement('UPDATE planned_runs SET announcing_at = ? WHERE id = ?').run(at, id);
  }

  /** Records what a run's announcement was last told. */
  /** Records what the announcement now says. */
  setAnnouncedFields(id: number, fields: string): void {
    this.statement('UPDATE planned_runs SET announced_fields = ? WHERE id = ?').run(fields, id);
  }

  setAnnouncementStatus(id: number, status: AnnouncementStatus | null): void {
    this.statement('UPDATE planned_runs SET announcement_status = ? WHERE id = ?').run(status, id);
  }

  /** Runs cancelled that still have an announcement to withdraw. */
  cancelledWithAnnouncement(communityId: string): PlannedRunRow[] {
    return this.statement(
      "SELECT * FROM planned_runs WHERE community_id = ? AND state = 'cancelled' AND announcement IS NOT NULL",
    ).all(communityId) as PlannedRunRow[];
  }

  /** Started or missed runs whose announcement has not reached its last status (completed or canceled). */
  announcementsToSettle(communityId: string): PlannedRunRow[] {
    return this.statement(
      `SELECT * FROM planned_runs WHERE community_id = ? AND state IN ('started', 'missed')
         AND announcement IS NOT NULL
         AND (announcement_status IS NULL OR announcement_status NOT IN ('completed', 'canceled')) ORDER BY run_at`,
    ).all(communityId) as PlannedRunRow[];
  }

  /** Records a reminder once. */
  planReminder(fields: { runId: number; beforeMs: number; remindAt: number; state: ReminderRow['state'] }): void {
    this.statement('INSERT OR IGNORE INTO reminders (run_id, before_ms, remind_at, state) VALUES (?, ?, ?, ?)').run(
      fields.runId,
      fields.beforeMs,
      fields.remindAt,
      fields.state,
    );
  }

  /** Reminders still to send for planned runs of a community, soonest first. */
  plannedReminders(communityId: string): DueReminder[] {
    return this.statement(
      `SELECT r.*, p.script_id, p.channel, p.run_at FROM reminders r JOIN planned_runs p ON p.id = r.run_id
         WHERE p.community_id = ? AND p.state = 'planned' AND r.state = 'planned' ORDER BY r.remind_at`,
    ).all(communityId) as DueReminder[];
  }

  /** Records a reminder as being sent, with its text, before the platform call. */
  markReminderSending(runId: number, beforeMs: number, text: string, at: number): void {
    this.statement('UPDATE reminders SET sending_at = ?, text_start = ? WHERE run_id = ? AND before_ms = ?').run(
      at,
      text.slice(0, REMINDER_TEXT_PREFIX),
      runId,
      beforeMs,
    );
  }

  /** Marks a reminder sent (with the post's address) or skipped; either way it is no longer in flight. */
  markReminder(runId: number, beforeMs: number, state: ReminderRow['state'], address?: string): void {
    this.statement(
      'UPDATE reminders SET state = ?, address = ?, sending_at = NULL WHERE run_id = ? AND before_ms = ?',
    ).run(state, address ?? null, runId, beforeMs);
  }
}
