import { communityAttendance } from '../src/people/attendance.js';
import { type ChatNewcomers, newVersusReturning } from '../src/people/new-versus-returning.js';
import type { WebDeps } from './web-deps.js';

/**
 * New and returning people at the last `count` chats of a series, in the community of its latest chat. Every chat
 * of the series is read, from its first, so "new" means new to the series, not merely to the chats shown.
 */
export function seriesAttendance(deps: WebDeps, seriesId: string, count: number): ChatNewcomers[] {
  const latest = deps.store.db
    .prepare(
      "SELECT community_id FROM sessions WHERE script_id = ? AND rehearsal = 0 AND state = 'ended' ORDER BY id DESC",
    )
    .get(seriesId) as { community_id: string } | undefined;
  if (!latest) return [];
  const chats = communityAttendance(deps.store, latest.community_id, { seriesId });
  return newVersusReturning(chats).slice(-count);
}
