import type { Guest } from '../src/plan/episode-schema.js';
import { planForRun } from '../src/plan/episode-book.js';
import { nextRuns } from '../src/schedule/next-runs.js';
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
 * host skipped are left out. What runs at a date is decided as the scheduler decides it (planForRun).
 */
export function upcomingChats(deps: WebDeps, series: readonly SeriesInfo[], limit: number): UpcomingChat[] {
  const now = deps.clock.now();
  const chats: UpcomingChat[] = [];
  for (const info of series) {
    const episodes = deps.store.episodes.upcoming(now, info.id);
    const byTime = new Map<number, EpisodeRow>(episodes.map((row) => [row.run_at, row]));
    for (const row of episodes) if (row.state === 'planned') chats.push(fromEpisode(info, row));
    const script = info.script;
    if (!script?.schedule) continue;
    for (const run of nextRuns(script.schedule, script.timezone, now, RUNS_AHEAD)) {
      if (byTime.has(run.at)) continue;
      const plan = planForRun(deps.store, script, run.at);
      if ('skip' in plan) continue;
      chats.push({
        series: info,
        at: run.at,
        ...(plan.script.topic ? { topic: plan.script.topic } : {}),
        guests: plan.script.guests,
      });
    }
  }
  return chats.sort((a, b) => a.at - b.at || a.series.id.localeCompare(b.series.id)).slice(0, limit);
}

function fromEpisode(series: SeriesInfo, row: EpisodeRow): UpcomingChat {
  return { series, at: row.run_at, topic: row.topic, guests: JSON.parse(row.guests_json) as Guest[] };
}
