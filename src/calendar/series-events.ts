import { upcomingRuns, withEpisode } from '../plan/episode-book.js';
import type { ChatScript, Guest } from '../script/script-schema.js';
import { planTimeline } from '../script/timeline.js';
import type { ChatStore } from '../store/chat-store.js';
import type { EpisodeRow } from '../store/episodes-repo.js';
import { wallTimeAt } from '../time/zoned-time.js';
import type { CalendarEvent } from './ics-writer.js';

/** How far ahead (and back, for chats that ran) a calendar reaches. */
export const CALENDAR_REACH_MS = 12 * 7 * 86_400_000;
// Sequence numbers count seconds from here, so an edit (episodes.updated_at) always raises it.
const SEQUENCE_EPOCH = Date.UTC(2024, 0, 1);
const MINIMUM_LENGTH_MS = 15 * 60_000;
const MOST_RUNS = 500;

/** Where the entries link to; every part optional. */
export interface CalendarLinks {
  /** The site's public address, without a trailing slash; absent, entries carry no links to the site. */
  publicUrl?: string;
  /** A link that opens the chat's channel on a platform, from the schedule's channel id there. */
  channelLinkOf?: (platform: string, channelId: string) => string | undefined;
  /** The site's paths for a series page and a chat's recap. */
  paths: { series: (seriesId: string) => string; recap: (seriesId: string, localDate: string) => string };
}

/**
 * The chats of a series a calendar shows, soonest first: the chats that ran in the last 12 weeks (their episodes),
 * then the next 12 weeks: every planned episode and every run of the schedule, each with that date's plan, skipped
 * dates (a host's skip, the schedule's skip list, an unplanned date of a series that skips those) left out.
 */
export function seriesEvents(store: ChatStore, script: ChatScript, now: number, links: CalendarLinks): CalendarEvent[] {
  const from = now - CALENDAR_REACH_MS;
  const until = now + CALENDAR_REACH_MS;
  const runs = new Map<number, EpisodeRow | undefined>();
  // The chats that ran: their episodes.
  for (const episode of store.episodes.upcoming(from, script.id)) {
    if (episode.run_at >= now) break;
    if (episode.state === 'done' || episode.state === 'running') runs.set(episode.run_at, episode);
  }
  // The chats ahead, as the scheduler will run them.
  for (const run of upcomingRuns(store, script, now - 1, { scheduleRuns: MOST_RUNS, until })) {
    runs.set(run.at, run.episode);
  }
  const zone = script.schedule?.timezone ?? script.timezone;
  const sorted = [...runs].sort(([a], [b]) => a - b);
  const perDate = new Map<string, number>();
  return sorted.map(([at, episode]) => {
    const date = localDate(at, zone);
    const sameDay = (perDate.get(date) ?? 0) + 1;
    perDate.set(date, sameDay);
    return chatEvent(script, at, zone, episode, sameDay, at < now, links);
  });
}

function chatEvent(
  series: ChatScript,
  at: number,
  zone: string,
  episode: EpisodeRow | undefined,
  sameDay: number,
  ran: boolean,
  links: CalendarLinks,
): CalendarEvent {
  const script = episode ? withEpisode(series, episode) : series;
  const date = localDate(at, zone);
  const length = Math.max(MINIMUM_LENGTH_MS, planTimeline(script).closingOffset);
  const site = links.publicUrl;
  const page =
    site && (ran ? `${site}${links.paths.recap(series.id, date)}` : `${site}${links.paths.series(series.id)}`);
  const channels = Object.entries(series.schedule?.channels ?? {}).flatMap(([platform, id]) => {
    const link = links.channelLinkOf?.(platform, id);
    return link ? [`Join on ${platform[0]!.toUpperCase()}${platform.slice(1)}: ${link}`] : [];
  });
  const description = [
    script.topic ? `Topic: ${script.topic}` : undefined,
    script.guests.length ? `Guests: ${guestNames(script.guests)}` : undefined,
    `Hashtag: ${script.hashtag}`,
    ...channels,
    page ? `${ran ? 'Recap' : 'Series'}: ${page}` : undefined,
  ].filter((line): line is string => line !== undefined);
  const host = site ? new URL(site).host : 'emcee';
  return {
    uid: `${series.id}-${date}${sameDay > 1 ? `-${sameDay}` : ''}@${host}`,
    start: at,
    end: at + length,
    timeZone: zone,
    summary: script.topic ? `${series.title}: ${script.topic}` : series.title,
    description: description.join('\n'),
    url: page || undefined,
    sequence: episode ? Math.max(0, Math.floor((episode.updated_at - SEQUENCE_EPOCH) / 1000)) : 0,
    lastModified: episode?.updated_at,
  };
}

function guestNames(guests: readonly Guest[]): string {
  return guests.map((guest) => guest.name).join(', ');
}

function localDate(at: number, zone: string): string {
  const w = wallTimeAt(at, zone);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}
