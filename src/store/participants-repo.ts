import { Repo } from './repo.js';

/** People known in a community, so a first-timer is welcomed once, ever. */
export class ParticipantsRepo extends Repo {
  /** Records a participant; returns true only the first time they are ever seen in the community. */
  recordSeen(fields: {
    communityId: string;
    userId: string;
    displayName: string;
    sessionId: number;
    now: number;
  }): boolean {
    const inserted = this.statement(
      `INSERT OR IGNORE INTO participants (community_id, user_id, display_name, first_seen_at, first_session_id)
         VALUES (?, ?, ?, ?, ?)`,
    ).run(fields.communityId, fields.userId, fields.displayName, fields.now, fields.sessionId);
    if (inserted.changes === 1) return true;
    this.statement(
      'UPDATE participants SET display_name = ? WHERE community_id = ? AND user_id = ? AND display_name != ?',
    ).run(fields.displayName, fields.communityId, fields.userId, fields.displayName);
    return false;
  }

  /** Every known person's latest display name in a community, by user address: mentions in a recap read as names. */
  namesIn(communityId: string): Record<string, string> {
    const rows = this.statement('SELECT user_id, display_name FROM participants WHERE community_id = ?').all(
      communityId,
    ) as { user_id: string; display_name: string }[];
    return Object.fromEntries(rows.map((row) => [row.user_id, row.display_name]));
  }

  /** How many people a community has seen. */
  count(communityId: string): number {
    return (
      this.statement('SELECT COUNT(*) AS n FROM participants WHERE community_id = ?').get(communityId) as { n: number }
    ).n;
  }
}
