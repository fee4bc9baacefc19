import type { ChatStore } from '../store/chat-store.js';
import { type ChatAttendance, communityAttendance } from './attendance.js';

/** How many of a series' chats the trends show: about a quarter of a year of weekly chats. */
export const TREND_CHATS = 12;
/** A first-timer "came back" when they attended one of the series' next this-many chats. */
export const RETENTION_WINDOW = 4;

/** One chat's bar: who came, split into people new to the community and people who had come before. */
export interface TrendChat {
  /** The session. */
  sessionId: number;
  /** When it started, ISO 8601 UTC. */
  startedAt: string;
  /** Everyone who wrote in it (hosts excluded): `new + returning`. */
  people: number;
  /** Its first-timers: people whose first message ever in the community (any series) was in this chat. */
  new: number;
  /** Everyone else: people the community had seen before. */
  returning: number;
}

/**
 * Retention over the chats the trends show: of the first-timers of those chats that have at least
 * `window` later chats of the series (up to the chat the trends are for), the share who attended at least one
 * of their next `window` chats. First-timers of more recent chats cannot be judged yet: they are `pending`.
 */
export interface TrendRetention {
  /** The number of later chats a first-timer has to come back in (4). */
  window: number;
  /** First-timers counted: those of the shown chats followed by at least `window` chats. */
  firstTimers: number;
  /** How many of them came back within their next `window` chats. */
  cameBack: number;
  /** `cameBack / firstTimers`, between 0 and 1; null when no first-timer can be judged yet. */
  share: number | null;
  /** First-timers of the shown chats that have fewer than `window` later chats: not counted yet. */
  pending: number;
}

/** A series' attendance over its last chats, and how many newcomers stay: plain data for recaps and pages. */
export interface SeriesTrends {
  /** The series (the script's id). */
  seriesId: string;
  /** Its last chats (at most 12), oldest first; the chat the trends are for is the last. */
  chats: TrendChat[];
  /** Retention of the first-timers of those chats. */
  retention: TrendRetention;
}

/**
 * The trends of a series up to and including `uptoSessionId` (default: every finished chat), from the one
 * definition of attendance: rehearsals never count, "new" means a first-timer of the community (their first
 * message ever was in that chat, as the first-timer welcome knows it). Reads only the series' last 12 chats: a
 * chat with fewer than 4 later ones is pending anyway, so the look-ahead never leaves them.
 */
export function seriesTrends(
  store: ChatStore,
  community: string,
  seriesId: string,
  uptoSessionId?: number,
): SeriesTrends {
  const query = {
    seriesId,
    limit: TREND_CHATS,
    ...(uptoSessionId === undefined ? {} : { upToSession: uptoSessionId }),
  };
  return trendsFrom(communityAttendance(store, community, query), seriesId);
}

/** The same from attendance already read: the series' chats, oldest first, the last one the chat of interest. */
export function trendsFrom(chats: readonly ChatAttendance[], seriesId: string): SeriesTrends {
  const series = chats.filter((chat) => chat.seriesId === seriesId).slice(-TREND_CHATS);
  const bars: TrendChat[] = [];
  const retention: TrendRetention = { window: RETENTION_WINDOW, firstTimers: 0, cameBack: 0, share: null, pending: 0 };
  for (const [index, chat] of series.entries()) {
    const newcomers = [...chat.newcomers];
    bars.push({
      sessionId: chat.sessionId,
      startedAt: new Date(chat.startedAt).toISOString(),
      people: chat.people.size,
      new: newcomers.length,
      returning: chat.people.size - newcomers.length,
    });
    const later = series.slice(index + 1, index + 1 + RETENTION_WINDOW);
    if (later.length < RETENTION_WINDOW) {
      retention.pending += newcomers.length;
      continue;
    }
    retention.firstTimers += newcomers.length;
    retention.cameBack += newcomers.filter((person) => later.some((next) => next.people.has(person))).length;
  }
  if (retention.firstTimers > 0) retention.share = retention.cameBack / retention.firstTimers;
  return { seriesId, chats: bars, retention };
}
