import { nextRuns } from '../schedule/next-runs.js';
import type { ScriptCatalog } from '../script/script-catalog.js';
import type { ChatScript } from '../script/script-schema.js';
import type { ChatStore } from '../store/chat-store.js';
import type { EpisodeRow } from '../store/episodes-repo.js';
import type { Clock } from '../time/clock.js';
import { instantOf, wallTimeAt } from '../time/zoned-time.js';
import { type Episode, episodeSchema, type Guest } from './episode-schema.js';

/** An episode as people and `emcee episodes --json` see it (the JSON shape is documented in the README). */
export interface EpisodeView {
  /** The series id. */
  series: string;
  /** When, in ISO 8601 with the series' UTC offset, e.g. "2026-12-03T13:00:00-05:00". */
  at: string;
  /** When, as the host writes it: "2026-12-03 13:00" in the series' timezone. */
  local: string;
  /** The series' timezone. */
  timezone: string;
  /** What it is about. */
  topic: string;
  /** Who answers as the guest. */
  guests: Guest[];
  /** Its questions; empty means the series' default questions run. */
  questions: Episode['questions'];
  /** A note for the hosts. */
  note?: string;
  /** planned, running, done, skipped or rehearsal. */
  state: EpisodeRow['state'];
}

/** A plan that could not be saved: a message per field ("" for the form as a whole). */
export type PlanOutcome = { ok: true; episode: EpisodeView } | { ok: false; errors: Record<string, string> };

/**
 * Plans each date of a series, with the same checks whatever the way in (a file, a Slack or Discord modal, the
 * console, the CLI): the schema, a series that exists, a time that exists in its timezone and is still ahead.
 */
export class EpisodePlanner {
  constructor(private readonly deps: { store: ChatStore; scripts: ScriptCatalog; clock: Clock }) {}

  /**
   * Saves an episode (replacing what was planned at that date). `replacing` names the date it had before an
   * edit moved it, which is then freed.
   */
  plan(input: unknown, replacing?: { series: string; at: string }): PlanOutcome {
    const parsed = episodeSchema.safeParse(input);
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? '')] ??= issue.message;
      return { ok: false, errors };
    }
    const episode = parsed.data;
    const series = this.series(episode.series);
    if (!series.ok) return { ok: false, errors: { series: series.message } };
    const when = this.instantOf(episode.at, series.script);
    if (!when.ok) return { ok: false, errors: { at: when.message } };
    if (when.at <= this.deps.clock.now()) return { ok: false, errors: { at: 'is in the past: pick a time ahead' } };
    const { store, clock } = this.deps;
    const previous = replacing && this.find(replacing.series, replacing.at);
    const taken = store.episodes.at(episode.series, when.at);
    if (previous && taken && taken.id !== previous.id && taken.state !== 'skipped') {
      return { ok: false, errors: { at: `another chat is planned then ("${taken.topic}"): pick another time` } };
    }
    store.transaction(() => {
      store.episodes.save(
        {
          series_id: episode.series,
          run_at: when.at,
          topic: episode.topic,
          guests_json: JSON.stringify(episode.guests),
          questions_json: JSON.stringify(episode.questions),
          note: episode.note ?? null,
          state: episode.state,
        },
        clock.now(),
      );
      // Moved: no chat at the old time (kept as skipped), so the scheduler moves that run's announcement here.
      if (previous && previous.run_at !== when.at) store.episodes.setState(previous.id, 'skipped', clock.now());
    });
    return { ok: true, episode: this.view(store.episodes.at(episode.series, when.at)!) };
  }

  /** Upcoming episodes, soonest first (every series, or one). */
  list(seriesId?: string): EpisodeView[] {
    const since = this.deps.clock.now() - 2 * 3_600_000; // a chat running now still shows
    return this.deps.store.episodes.upcoming(since, seriesId).map((row) => this.view(row));
  }

  /**
   * The episode of a series on a date ("2026-12-03") or at a time ("2026-12-03 13:00"), in the series'
   * timezone; undefined when there is none.
   */
  find(seriesId: string, when: string): EpisodeRow | undefined {
    const series = this.series(seriesId);
    if (!series.ok) return undefined;
    const zone = series.script.timezone;
    return this.deps.store.episodes.ofSeries(seriesId).find((row) => {
      const local = localOf(row.run_at, zone);
      return local === when.trim() || local.startsWith(`${when.trim()} `);
    });
  }

  /** Marks a date skipped (the chat does not run that day); plans a skipped date when nothing was planned. */
  skip(seriesId: string, when: string): PlanOutcome {
    const found = this.find(seriesId, when);
    if (found) {
      this.deps.store.episodes.setState(found.id, 'skipped', this.deps.clock.now());
      return { ok: true, episode: this.view(this.deps.store.episodes.at(seriesId, found.run_at)!) };
    }
    const series = this.series(seriesId);
    if (!series.ok) return { ok: false, errors: { series: series.message } };
    const at = this.scheduledAt(series.script, when);
    if (!at) return { ok: false, errors: { at: `no chat of ${seriesId} is planned or scheduled on ${when}` } };
    return this.plan({ series: seriesId, at, topic: 'Skipped', state: 'skipped' });
  }

  /** Deletes a date's episode: the series' default questions run then (or the date is skipped, if it says so). */
  delete(seriesId: string, when: string): boolean {
    const found = this.find(seriesId, when);
    return found ? this.deps.store.episodes.delete(found.id) : false;
  }

  /** The next scheduled date of a series with no episode planned yet, as "YYYY-MM-DD HH:MM", if any. */
  nextUnplanned(seriesId: string): string | undefined {
    const series = this.series(seriesId);
    if (!series.ok || !series.script.schedule) return undefined;
    const { script } = series;
    const runs = nextRuns(script.schedule!, script.timezone, this.deps.clock.now(), 12);
    const free = runs.find((run) => !this.deps.store.episodes.at(seriesId, run.at));
    return free ? localOf(free.at, this.zoneOf(script)) : undefined;
  }

  /** An episode row as people see it. */
  view(row: EpisodeRow): EpisodeView {
    const script = this.series(row.series_id);
    const zone = script.ok ? this.zoneOf(script.script) : 'UTC';
    return {
      series: row.series_id,
      at: isoWithOffset(row.run_at, zone),
      local: localOf(row.run_at, zone),
      timezone: zone,
      topic: row.topic,
      guests: JSON.parse(row.guests_json) as Guest[],
      questions: JSON.parse(row.questions_json) as Episode['questions'],
      ...(row.note ? { note: row.note } : {}),
      state: row.state,
    };
  }

  private series(id: string): { ok: true; script: ChatScript } | { ok: false; message: string } {
    try {
      return { ok: true, script: this.deps.scripts.load(id) };
    } catch (error) {
      return { ok: false, message: (error as Error).message.split('\n')[0]! };
    }
  }

  private zoneOf(script: ChatScript): string {
    return script.schedule?.timezone ?? script.timezone;
  }

  // The instant of a local "YYYY-MM-DD HH:MM" in the series' timezone; a time the clocks skip is refused.
  private instantOf(local: string, script: ChatScript): { ok: true; at: number } | { ok: false; message: string } {
    const zone = this.zoneOf(script);
    const [date = '', time = ''] = local.trim().split(' ');
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    const [hour, minute] = time.split(':').map(Number) as [number, number];
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) {
      return { ok: false, message: `"${local}" is not a real date and time` };
    }
    const at = instantOf({ year, month, day, hour, minute }, zone);
    const seen = wallTimeAt(at, zone);
    if (seen.day !== day || seen.month !== month) return { ok: false, message: `"${local}" is not a real date` };
    if (seen.hour !== hour || seen.minute !== minute) {
      return {
        ok: false,
        message: `${time} does not exist on ${date} in ${zone} (the clocks go forward): pick another time`,
      };
    }
    return { ok: true, at };
  }

  // The scheduled start of a series on a local date ("2026-12-03"), as "YYYY-MM-DD HH:MM".
  private scheduledAt(script: ChatScript, when: string): string | undefined {
    if (!script.schedule) return undefined;
    const zone = this.zoneOf(script);
    const runs = nextRuns(script.schedule, script.timezone, this.deps.clock.now(), 60);
    const run = runs.find((r) => localOf(r.at, zone).startsWith(when.trim()));
    return run ? localOf(run.at, zone) : undefined;
  }
}

/** "2026-12-03 13:00" for an instant in a timezone. */
export function localOf(at: number, zone: string): string {
  const w = wallTimeAt(at, zone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${two(w.month)}-${two(w.day)} ${two(w.hour)}:${two(w.minute)}`;
}

/** "2026-12-03T13:00:00-05:00" for an instant in a timezone. */
export function isoWithOffset(at: number, zone: string): string {
  const w = wallTimeAt(at, zone);
  const offsetMinutes = Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - at) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const two = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  const local = `${localOf(at, zone).replace(' ', 'T')}:${two(w.second)}`;
  return `${local}${sign}${two(offsetMinutes / 60)}:${two(offsetMinutes % 60)}`;
}
