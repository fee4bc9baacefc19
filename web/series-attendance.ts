import { communityAttendance } from '../src/people/attendance.js';
import { type ChatNewcomers, newVersusReturning, peopleSeenBefore } from '../src/people/new-versus-returning.js';
import { seriesSignature } from '../src/recap/recap-dates.js';
import type { ChatStore } from '../src/store/chat-store.js';
import type { WebDeps } from './web-deps.js';

// Each store's series attendance as last counted: who attended a finished chat does not change, so it is counted
// again only when a chat of the series starts or ends.
const counted = new WeakMap<ChatStore, Map<string, { signature: string; chats: ChatNewcomers[] }>>();

/**
 * New and returning people at the last `count` chats of a series, in the community of its latest chat. "New" means
 * new to the series: the people of the first chat shown are looked up in the chats before it.
 */
export function seriesAttendance(deps: WebDeps, seriesId: string, count: number): ChatNewcomers[] {
  const signature = `${seriesSignature(deps.store, seriesId)}/${count}`;
  let series = counted.get(deps.store);
  if (!series) {
    series = new Map();
    counted.set(deps.store, series);
  }
  const known = series.get(seriesId);
  if (known?.signature === signature) return known.chats;
  const chats = countAttendance(deps.store, seriesId, count);
  series.set(seriesId, { signature, chats });
  return chats;
}

function countAttendance(store: ChatStore, seriesId: string, count: number): ChatNewcomers[] {
  const latest = store.db
    .prepare(
      `SELECT community_id FROM sessions WHERE script_id = ? AND rehearsal = 0 AND state = 'ended'
        ORDER BY started_at DESC LIMIT 1`,
    )
    .get(seriesId) as { community_id: string } | undefined;
  if (!latest) return [];
  const chats = communityAttendance(store, latest.community_id, { seriesId, limit: count });
  if (chats.length === 0) return [];
  const people = new Set(chats.flatMap((chat) => [...chat.people]));
  const before = peopleSeenBefore(store, latest.community_id, seriesId, chats[0]!.startedAt, people);
  return newVersusReturning(chats, before);
}
