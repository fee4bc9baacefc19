import { recapPath } from './recap-address.js';
import type { ChatStore } from '../store/chat-store.js';
import { wallTimeAt } from '../time/zoned-time.js';
import { dateSlug } from './recap-address.js';

/** A chat of a series with the date its recap's address carries. */
export interface DatedChat {
  /** The session. */
  sessionId: number;
  /** Its series (the script's id). */
  seriesId: string;
  /** Its community. */
  communityId: string;
  /** When it started (ms). */
  startedAt: number;
  /** When it ended (ms), or null while it runs. */
  endedAt: number | null;
  /** Whether it ended (only ended chats have a recap to show). */
  ended: boolean;
  /** The timezone its date is in: the schedule's, else the script's, as the chat ran. */
  timezone: string;
  /** "2026-12-03", or "2026-12-03-2" for the second chat of the series that day. */
  slug: string;
}

interface SessionDateRow {
  id: number;
  script_id: string;
  community_id: string;
  started_at: number;
  ended_at: number | null;
  state: string;
  zone: string | null;
}

// Each store's series, with the dates last worked out and what they were worked out from: a chat's date never
// changes once it started, so they are worked out again only when a chat of the series starts or ends.
const remembered = new WeakMap<ChatStore, Map<string, { signature: string; chats: readonly DatedChat[] }>>();

/**
 * Every chat of a series (rehearsals never), oldest first, with its date. The timezone is the one stored with the
 * chat, so a series that later moves zone keeps its old addresses; chats still running are numbered too, so a chat
 * that ends later keeps the address it will have had from its start.
 */
export function seriesChatDates(store: ChatStore, seriesId: string): readonly DatedChat[] {
  const signature = seriesSignature(store, seriesId);
  let series = remembered.get(store);
  if (!series) {
    series = new Map();
    remembered.set(store, series);
  }
  const known = series.get(seriesId);
  if (known?.signature === signature) return known.chats;
  const chats = datesOf(store, seriesId);
  series.set(seriesId, { signature, chats });
  return chats;
}

/** Differs whenever a chat of the series starts or ends (rehearsals aside): cheap, from the series index. */
export function seriesSignature(store: ChatStore, seriesId: string): string {
  const now = store.db
    .prepare(
      `SELECT COUNT(*) AS n, MAX(id) AS last, SUM(state = 'ended') AS ended
        FROM sessions WHERE script_id = ? AND rehearsal = 0`,
    )
    .get(seriesId) as { n: number; last: number | null; ended: number | null };
  return `${now.n}/${now.last}/${now.ended}`;
}

function datesOf(store: ChatStore, seriesId: string): DatedChat[] {
  const rows = store.db
    .prepare(
      `SELECT id, script_id, community_id, started_at, ended_at, state,
          COALESCE(json_extract(script_json, '$.schedule.timezone'), json_extract(script_json, '$.timezone')) AS zone
        FROM sessions WHERE script_id = ? AND rehearsal = 0 ORDER BY started_at, id`,
    )
    .all(seriesId) as SessionDateRow[];
  const seen = new Map<string, number>();
  return rows.map((row) => {
    const timezone = row.zone ?? 'UTC';
    const date = localDate(row.started_at, timezone);
    const nth = (seen.get(date) ?? 0) + 1;
    seen.set(date, nth);
    return {
      sessionId: row.id,
      seriesId: row.script_id,
      communityId: row.community_id,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      ended: row.state === 'ended',
      timezone,
      slug: dateSlug(date, nth),
    };
  });
}

/** The chat of a series at a recap address's date ("2026-12-03" or "2026-12-03-2"), if there is one. */
export function chatAtDate(store: ChatStore, seriesId: string, slug: string): DatedChat | undefined {
  if (!/^\d{4}-\d{2}-\d{2}(-\d+)?$/.test(slug)) return undefined;
  return seriesChatDates(store, seriesId).find((chat) => chat.slug === slug);
}

/** A session's series and date slug (undefined for a rehearsal or an unknown session). */
export function datedChatOf(store: ChatStore, sessionId: number): DatedChat | undefined {
  const row = store.db.prepare('SELECT script_id FROM sessions WHERE id = ? AND rehearsal = 0').get(sessionId) as
    | { script_id: string }
    | undefined;
  return row ? seriesChatDates(store, row.script_id).find((chat) => chat.sessionId === sessionId) : undefined;
}

/** A finished or running chat's recap page, `/recaps/<series>/<date slug>` (undefined for a rehearsal). */
export function recapPathOfSession(store: ChatStore, sessionId: number): string | undefined {
  const chat = datedChatOf(store, sessionId);
  return chat ? recapPath(chat.seriesId, chat.slug) : undefined;
}

/** "2026-12-03" for an instant in a timezone. */
export function localDate(at: number, timeZone: string): string {
  const wall = wallTimeAt(at, timeZone);
  return `${wall.year}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;
}
