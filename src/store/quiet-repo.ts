import { Repo } from './repo.js';

/** People who asked to be quiet: Emcee names them without a mention and never pings or welcomes them. */
export class QuietRepo extends Repo {
  /** Whether this person asked to be quiet in this community. */
  isQuiet(communityId: string, userId: string): boolean {
    return (
      this.statement('SELECT 1 FROM quiet_people WHERE community_id = ? AND user_id = ?').get(communityId, userId) !==
      undefined
    );
  }

  /** Everyone quiet in a community. */
  quietIn(communityId: string): Set<string> {
    const rows = this.statement('SELECT user_id FROM quiet_people WHERE community_id = ?').all(communityId) as {
      user_id: string;
    }[];
    return new Set(rows.map((row) => row.user_id));
  }

  /** Marks a person quiet (or not); returns whether anything changed. */
  setQuiet(communityId: string, userId: string, quiet: boolean, now: number): boolean {
    const result = quiet
      ? this.statement('INSERT OR IGNORE INTO quiet_people (community_id, user_id, since) VALUES (?, ?, ?)').run(
          communityId,
          userId,
          now,
        )
      : this.statement('DELETE FROM quiet_people WHERE community_id = ? AND user_id = ?').run(communityId, userId);
    return result.changes > 0;
  }
}
