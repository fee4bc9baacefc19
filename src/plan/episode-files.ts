import { LineCounter, parseDocument, stringify } from 'yaml';
import { z } from 'zod';
import type { EpisodePlanner, EpisodeView } from './episode-planner.js';

/** One problem in an episodes file, with the line it is on. */
export interface EpisodeFileProblem {
  /** 1-based line, when known. */
  line?: number;
  /** The field, e.g. "episodes.2.at". */
  field: string;
  /** What is wrong. */
  message: string;
}

const fileSchema = z
  .object({
    series: z.string().min(1, 'the series id, like "weekly-chat"'),
    episodes: z.array(z.record(z.string(), z.unknown())).default([]),
  })
  .strict();

/** A series' episodes as YAML, so planning can live in git (`emcee episodes export`). */
export function exportEpisodes(series: string, episodes: readonly EpisodeView[]): string {
  const body = episodes
    .filter((episode) => episode.state === 'planned' || episode.state === 'skipped')
    .map((episode) => ({
      at: episode.local,
      topic: episode.topic,
      ...(episode.guests.length ? { guests: episode.guests } : {}),
      ...(episode.questions.length ? { questions: episode.questions } : {}),
      ...(episode.note ? { note: episode.note } : {}),
      ...(episode.state === 'skipped' ? { state: 'skipped' } : {}),
    }));
  return (
    `# Episodes of ${series}: times in the series' timezone. Import with "emcee episodes import FILE".\n` +
    `${stringify({ series, episodes: body })}`
  );
}

/**
 * Imports an episodes file: every episode is checked with the planner's rules first, and nothing is saved
 * unless all pass, so a typo never leaves half a plan. Returns the problems (empty when all were saved).
 */
export function importEpisodes(
  planner: EpisodePlanner,
  source: string,
  save: (apply: () => void) => void,
): { saved: number; problems: EpisodeFileProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter });
  if (doc.errors.length > 0) {
    return {
      saved: 0,
      problems: doc.errors.map((e) => ({
        line: e.linePos?.[0]?.line,
        field: '',
        message: `YAML syntax: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  const lineOf = (path: (string | number)[]) => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    return node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
  };
  const file = fileSchema.safeParse(doc.toJS());
  if (!file.success) {
    return {
      saved: 0,
      problems: file.error.issues.map((i) => ({
        field: i.path.join('.'),
        message: i.message,
        line: lineOf(i.path.map(String)),
      })),
    };
  }
  const { series, episodes } = file.data;
  const problems: EpisodeFileProblem[] = [];
  let saved = 0;
  // Checked inside one transaction: any problem rolls the whole import back.
  try {
    save(() => {
      for (const [index, episode] of episodes.entries()) {
        const outcome = planner.plan({ series, ...episode });
        if (outcome.ok) {
          saved++;
          continue;
        }
        for (const [field, message] of Object.entries(outcome.errors)) {
          const path = field === 'series' ? ['series'] : ['episodes', index, ...(field ? [field] : [])];
          problems.push({ field: path.join('.'), message, line: lineOf(path) ?? lineOf(['episodes', index]) });
        }
      }
      if (problems.length > 0) throw new RolledBack();
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
    return { saved: 0, problems };
  }
  return { saved, problems };
}

class RolledBack extends Error {}
