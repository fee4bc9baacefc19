import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { UserError } from '../../src/errors/user-error.js';
import { exportEpisodes, importEpisodes } from '../../src/plan/episode-files.js';
import { EpisodePlanner, type EpisodeView } from '../../src/plan/episode-planner.js';
import { writeFileAtomically } from '../../src/recap/write-file-atomically.js';
import { ScriptCatalog } from '../../src/script/script-catalog.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { SystemClock } from '../../src/time/clock.js';
import { parseFlags, UsageError } from '../args.js';
import { loadEnvironment } from '../environment.js';
import type { CommandIO } from './command-io.js';

/** Help for `emcee episodes`. */
export const EPISODES_HELP = `emcee episodes [series] [--json]
emcee episodes skip <series> <date>       the chat does not run that day ("2026-12-31")
emcee episodes delete <series> <date>     forget what was planned: the series' own questions run
emcee episodes export <series> [--out FILE]
emcee episodes import <FILE>

Lists the upcoming episodes (every series, or one), soonest first. --json prints one object per
episode: { series, at (ISO 8601 with offset), local, timezone, topic, guests, questions, note, state }.
An import checks every episode first and saves nothing unless all are right. Plan one with "emcee plan".`;

const flagsSchema = z.object({
  json: z.boolean().optional(),
  out: z.string().min(1).optional(),
  db: z.string().min(1).optional(),
  help: z.boolean().optional(),
});

/** One line per episode, for people. */
export function describeEpisode(episode: EpisodeView): string {
  const guests = episode.guests.length
    ? ` · guest${episode.guests.length > 1 ? 's' : ''}: ${episode.guests.map((g) => g.name).join(', ')}`
    : '';
  const questions = episode.questions.length
    ? ` · ${episode.questions.length} question(s)`
    : " · the series' questions";
  const state = episode.state === 'planned' ? '' : ` [${episode.state}]`;
  return `${episode.series} ${episode.local} (${episode.timezone}) — ${episode.topic}${guests}${questions}${state}`;
}

/** Lists, skips, deletes, exports and imports episodes. */
export async function episodesCommand(argv: string[], io: CommandIO): Promise<number> {
  const { flags, positionals } = parseFlags(
    argv,
    {
      json: { type: 'boolean' },
      out: { type: 'string' },
      db: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    flagsSchema,
  );
  if (flags.help) {
    io.stdout.write(`${EPISODES_HELP}\n`);
    return 0;
  }
  const { config } = loadEnvironment();
  const store = ChatStore.open(flags.db ?? config.EMCEE_DB);
  const planner = new EpisodePlanner({
    store,
    scripts: new ScriptCatalog(config.EMCEE_PROMPTS_DIR),
    clock: new SystemClock(),
  });
  try {
    const [verb, ...rest] = positionals;
    if (verb === 'skip' || verb === 'delete') return change(planner, verb, rest, io);
    if (verb === 'export') {
      const series = rest[0];
      if (!series) throw new UsageError('Say which series to export, e.g. "emcee episodes export weekly-chat".');
      const yaml = exportEpisodes(series, planner.list(series));
      if (flags.out) {
        writeFileAtomically(flags.out, yaml);
        io.stdout.write(`Episodes of ${series} written to ${flags.out}\n`);
      } else io.stdout.write(yaml);
      return 0;
    }
    if (verb === 'import') {
      const file = rest[0];
      if (!file) throw new UsageError('Say which file to import, e.g. "emcee episodes import episodes.yaml".');
      const result = importEpisodes(planner, readSource(file), (apply) => store.transaction(apply));
      if (result.problems.length > 0) {
        throw new UserError(
          'EPISODES_INVALID',
          `${file} was not imported (nothing was saved):\n` +
            result.problems.map((p) => `  ${file}${p.line ? `:${p.line}` : ''}  ${p.field}: ${p.message}`).join('\n'),
        );
      }
      io.stdout.write(`Imported ${result.saved} episode(s) from ${file}.\n`);
      return 0;
    }
    const episodes = planner.list(verb);
    if (flags.json) io.stdout.write(`${JSON.stringify(episodes, null, 2)}\n`);
    else if (episodes.length === 0)
      io.stdout.write(`Nothing planned${verb ? ` for ${verb}` : ''} yet. Plan one with "emcee plan".\n`);
    else io.stdout.write(`${episodes.map(describeEpisode).join('\n')}\n`);
    return 0;
  } finally {
    store.close();
  }
}

function change(planner: EpisodePlanner, verb: 'skip' | 'delete', rest: string[], io: CommandIO): number {
  const [series, ...when] = rest;
  const date = when.join(' ');
  if (!series || !date)
    throw new UsageError(`Say which series and date, e.g. "emcee episodes ${verb} weekly-chat 2026-12-31".`);
  if (verb === 'delete') {
    if (!planner.delete(series, date))
      throw new UserError('EPISODES_INVALID', `Nothing is planned for ${series} on ${date}.`);
    io.stdout.write(`Deleted ${series} on ${date}: the series' own questions run that day (if it is scheduled).\n`);
    return 0;
  }
  const outcome = planner.skip(series, date);
  if (!outcome.ok) throw new UserError('EPISODES_INVALID', `Not skipped: ${Object.values(outcome.errors).join('; ')}.`);
  io.stdout.write(`Skipped: ${describeEpisode(outcome.episode)}\n`);
  return 0;
}

function readSource(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UserError('FILE_UNREADABLE', `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}.`);
  }
}
