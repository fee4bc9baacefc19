import { Repo } from './repo.js';

/** An episode as stored: one date of a series, with what is planned for it. */
export interface EpisodeRow {
  id: number;
  series_id: string;
  /** Its start, epoch ms (UTC). */
  run_at: number;
  topic: string;
  /** JSON array of { name, id? }. */
  guests_json: string;
  /** JSON array of { text, minutes? }; empty means the series' default questions. */
  questions_json: string;
  note: string | null;
  state: 'planned' | 'running' | 'done' | 'skipped' | 'rehearsal';
  /** The session that ran it, once it ran. */
  session_id: number | null;
  created_at: number;
  updated_at: number;
}

/** The fields a host plans. */
export type PlannedEpisode = Pick<
  EpisodeRow,
  'series_id' | 'run_at' | 'topic' | 'guests_json' | 'questions_json' | 'note' | 'state'
>;

/** Episodes of every series: the weeks hosts plan ahead. */
export class EpisodesRepo extends Repo {
  /** Saves an episode for its date, replacing what was planned for that date. Returns its id. */
  save(episode: PlannedEpisode, now: number): number {
    this.statement(
      `INSERT INTO episodes (series_id, run_at, topic, guests_json, questions_json, note, state, created_at, updated_at)
       VALUES (@series_id, @run_at, @topic, @guests_json, @questions_json, @note, @state, @now, @now)
       ON CONFLICT (series_id, run_at) DO UPDATE SET topic = excluded.topic, guests_json = excluded.guests_json,
         questions_json = excluded.questions_json, note = excluded.note, state = excluded.state,
         updated_at = excluded.updated_at`,
    ).run({ ...episode, now });
    this.changed();
    return this.at(episode.series_id, episode.run_at)!.id;
  }

  /** The episode of a series at an instant. */
  at(seriesId: string, runAt: number): EpisodeRow | undefined {
    return this.statement('SELECT * FROM episodes WHERE series_id = ? AND run_at = ?').get(seriesId, runAt) as
      | EpisodeRow
      | undefined;
  }

  /** Episodes from `from` on (every series, or one), soonest first. */
  upcoming(from: number, seriesId?: string): EpisodeRow[] {
    return (
      seriesId
        ? this.statement('SELECT * FROM episodes WHERE series_id = ? AND run_at >= ? ORDER BY run_at').all(
            seriesId,
            from,
          )
        : this.statement('SELECT * FROM episodes WHERE run_at >= ? ORDER BY run_at, series_id').all(from)
    ) as EpisodeRow[];
  }

  /** Every episode of a series, oldest first (for export). */
  ofSeries(seriesId: string): EpisodeRow[] {
    return this.statement('SELECT * FROM episodes WHERE series_id = ? ORDER BY run_at').all(seriesId) as EpisodeRow[];
  }

  /** Moves an episode to another state (and links the session that ran it). */
  setState(id: number, state: EpisodeRow['state'], now: number, sessionId?: number): void {
    this.statement(
      'UPDATE episodes SET state = ?, session_id = COALESCE(?, session_id), updated_at = ? WHERE id = ?',
    ).run(state, sessionId ?? null, now, id);
    this.changed();
  }

  /** Differs after any change to any episode, from any process on this database. */
  signature(): string {
    return String((this.statement('SELECT n FROM episode_changes').get() as { n: number }).n);
  }

  private changed(): void {
    this.statement('UPDATE episode_changes SET n = n + 1').run();
  }

  /** Deletes an episode; false when there was none. */
  delete(id: number): boolean {
    const deleted = this.statement('DELETE FROM episodes WHERE id = ?').run(id).changes === 1;
    if (deleted) this.changed();
    return deleted;
  }
}
