import { type SeriesTrends, seriesTrends } from '../src/people/trends.js';
import type { ChatStore } from '../src/store/chat-store.js';

/**
 * A series' trends as its recaps show them (new vs returning at its last 12 chats, and retention), in the
 * community of its latest chat; undefined before its first chat ends.
 */
export function seriesAttendance(store: ChatStore, seriesId: string): SeriesTrends | undefined {
  const latest = store.db
    .prepare(
      `SELECT community_id FROM sessions WHERE script_id = ? AND rehearsal = 0 AND state = 'ended'
        ORDER BY started_at DESC LIMIT 1`,
    )
    .get(seriesId) as { community_id: string } | undefined;
  return latest ? seriesTrends(store, latest.community_id, seriesId) : undefined;
}
