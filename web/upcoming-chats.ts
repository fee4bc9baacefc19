import type { Guest } from '../src/plan/episode-schema.js';
import { upcomingRuns } from '../src/plan/episode-book.js';
import type { EpisodeRow } from '../src/store/episodes-repo.js';
import type { SeriesInfo } from './series-directory.js';
import type { WebDeps } from './web-deps.js';

/** A chat ahead, as the home and series pages list it. */
export interface UpcomingChat {
  /** Its series. */
  series: SeriesInfo;
  /** When it starts (ms). */
  at: number;
  /** What it is about (the episode's topic, else the series' own), if anything is said. */
  topic?: string;
  /** Who answers as the guest. */
  guests: Guest[];
}

// How many scheduled dates to look at per series: enough for a few weeks of a weekly chat.
const RUNS_AHEAD = 6;

/**
 * The next chats of these series, soonest first: planned episodes (on the schedule or off it) and the schedule's
 * dates with nothing planned, which run the series' own questions unless the series skips such dates; dates a
 * host skipped are left out. What runs at a date is decided as the scheduler decides it (upcomingRuns).
 */
export function upcomingChats(deps: WebDeps, series: readonly SeriesInfo[], limit: number): UpcomingChat[] {
  const now = deps.clock.now();
  const chats: UpcomingChat[] = [];
  for (const info of series) {
    if (info.script) {
      for (const run of upcomingRuns(deps.store, info.script, now, { scheduleRuns: RUNS_AHEAD })) {
        chats.push({
          series: info,
          at: run.at,
          ...(run.script.topic ? { topic: run.script.topic } : {}),
          guests: run.script.guests,
        });
      }
      continue;
    }
    // A series whose script is gone still shows the episodes planned for it.
    for (const row of deps.store.episodes.upcoming(now, info.id))
      if (row.state === 'planned') chats.push(fromEpisode(info, row));
  }
  return chats.sort((a, b) => a.at - b.at || a.series.id.localeCompare(b.series.id)).slice(0, limit);
}

function fromEpisode(series: SeriesInfo, row: EpisodeRow): UpcomingChat {
  return { series, at: row.run_at, topic: row.topic, guests: JSON.parse(row.guests_json) as Guest[] };
}
