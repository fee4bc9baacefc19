import { Repo } from './repo.js';

/** Series whose calendar, recaps and search a host made public on the website. */
export class PublishedRepo extends Repo {
  /** Whether visitors may see this series. */
  isPublished(seriesId: string): boolean {
    return this.statement('SELECT 1 FROM published_series WHERE series_id = ?').get(seriesId) !== undefined;
  }

  /** Every published series id. */
  all(): Set<string> {
    const rows = this.statement('SELECT series_id FROM published_series').all() as { series_id: string }[];
    return new Set(rows.map((row) => row.series_id));
  }

  /** Publishes or unpublishes a series; returns whether anything changed. */
  set(seriesId: string, published: boolean, by: string, now: number): boolean {
    const result = published
      ? this.statement(
          'INSERT OR IGNORE INTO published_series (series_id, published_at, published_by) VALUES (?, ?, ?)',
        ).run(seriesId, now, by)
      : this.statement('DELETE FROM published_series WHERE series_id = ?').run(seriesId);
    return result.changes > 0;
  }

  /** Every series that could be published: those that ran (rehearsals aside) or have planned episodes. */
  seriesOnRecord(): string[] {
    const rows = this.statement(
      'SELECT script_id AS id FROM sessions WHERE rehearsal = 0 UNION SELECT series_id AS id FROM episodes',
    ).all() as { id: string }[];
    return rows.map((row) => row.id);
  }
}
