import { nextRuns } from '../schedule/next-runs.js';
import type { ChatScript } from '../script/script-schema.js';
import type { ChatStore } from '../store/chat-store.js';
import type { EpisodeRow } from '../store/episodes-repo.js';
import type { Episode, Guest } from './episode-schema.js';

/** Why a run was cancelled when a host skipped its date: its announcement is withdrawn, never moved. */
export const SKIPPED_BY_HOST = 'skipped by a host';

/** What runs at a scheduled date: the series with that date's episode, or nothing (and why). */
export type RunPlan = { script: ChatScript; episode?: EpisodeRow } | { skip: string };

/**
 * The chat a series runs at an instant: its planned episode's topic, guests and questions over the series'
 * wording; the series' own questions when nothing is planned, unless the series skips unplanned dates.
 */
export function planForRun(store: ChatStore, script: ChatScript, runAt: number): RunPlan {
  const episode = store.episodes.at(script.id, runAt);
  if (episode?.state === 'skipped') return { skip: 'a host skipped this date' };
  if (episode) return { script: withEpisode(script, episode), episode };
  if (script.unplanned === 'skip')
    return { skip: 'no episode was planned for this date, and the series skips such dates' };
  return { script };
}

/** The series' script with an episode's topic, guests and questions (its own questions when the episode has none). */
export function withEpisode(script: ChatScript, episode: EpisodeRow): ChatScript {
  const questions = JSON.parse(episode.questions_json) as Episode['questions'];
  return {
    ...script,
    topic: episode.topic,
    guests: JSON.parse(episode.guests_json) as Guest[],
    questions: questions.length > 0 ? questions : script.questions,
  };
}

/** Planned episodes of a series from `from` on, whether or not their dates are on its schedule. */
export function episodeDates(store: ChatStore, seriesId: string, from: number): number[] {
  return store.episodes
    .upcoming(from, seriesId)
    .filter((row) => row.state === 'planned')
    .map((row) => row.run_at);
}

/** Dates of a series a host skipped, from `from` on. */
export function skippedDates(store: ChatStore, seriesId: string, from: number): number[] {
  return store.episodes
    .upcoming(from, seriesId)
    .filter((row) => row.state === 'skipped')
    .map((row) => row.run_at);
}

/** Changes when any episode is added, edited, skipped or deleted: cheap to compare on every heartbeat. */
export function plansSignature(store: ChatStore): string {
  return store.episodes.signature();
}

/** One date a series will run, with what runs then. */
export interface UpcomingRun {
  /** When it starts (ms). */
  at: number;
  /** What runs: the series with that date's episode, or the series' own questions. */
  script: ChatScript;
  /** The date's episode, when one was planned. */
  episode?: EpisodeRow;
}

/**
 * The dates a series runs after `after` (and up to `until`), soonest first, as the scheduler will run them: its
 * planned episodes (on its schedule or off it) and its schedule's next `scheduleRuns` dates, each with what runs
 * then (planForRun); dates that skip (a host's skip, an unplanned date of a series that skips those) are left out.
 */
export function upcomingRuns(
  store: ChatStore,
  script: ChatScript,
  after: number,
  reach: { scheduleRuns: number; until?: number },
): UpcomingRun[] {
  const until = reach.until ?? Number.POSITIVE_INFINITY;
  const dates = new Set(episodeDates(store, script.id, after + 1).filter((at) => at <= until));
  if (script.schedule) {
    for (const run of nextRuns(script.schedule, script.timezone, after, reach.scheduleRuns)) {
      if (run.at > until) break;
      dates.add(run.at);
    }
  }
  return [...dates]
    .sort((a, b) => a - b)
    .flatMap((at) => {
      const plan = planForRun(store, script, at);
      return 'skip' in plan ? [] : [{ at, ...plan }];
    });
}
