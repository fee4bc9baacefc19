import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { EpisodePlanner } from '../../src/plan/episode-planner.js';
import { parseQuestionLines } from '../../src/plan/episode-schema.js';
import { ScriptCatalog } from '../../src/script/script-catalog.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { SystemClock } from '../../src/time/clock.js';
import { UserError } from '../../src/errors/user-error.js';
import { parseFlags, UsageError } from '../args.js';
import { loadEnvironment } from '../environment.js';
import type { CommandIO } from './command-io.js';
import { describeEpisode } from './episodes.js';

/** Help for `emcee plan`. */
export const PLAN_HELP = `emcee plan <series> --at "YYYY-MM-DD HH:MM" --topic TEXT [options]

Plans one date of a series (a chat script in prompts/): its topic, guests and questions. The time is in
the series' timezone. Planning the same date again replaces it. Without questions, the series' own
questions run that day.

  --at "YYYY-MM-DD HH:MM"   when (default: the next scheduled date with nothing planned)
  --topic TEXT              what it is about (required)
  --guest NAME              a guest, by name (repeat for several)
  --question TEXT           a question; end it with [10] for ten minutes (repeat, in order)
  --questions-file FILE     questions one per line, each optionally ending with [minutes]
  --note TEXT               a note for the hosts
  --db FILE                 SQLite database (default: EMCEE_DB or data/emcee.db)

Example: emcee plan weekly-chat --at "2026-12-03 13:00" --topic "Trust" --guest "Ana Lopez" \\
           --question "What builds trust? [10]" --question "What breaks it?"`;

const flagsSchema = z.object({
  at: z.string().min(1).optional(),
  topic: z.string().min(1).optional(),
  guest: z.array(z.string().min(1)).default([]),
  question: z.array(z.string().min(1)).default([]),
  'questions-file': z.string().min(1).optional(),
  note: z.string().optional(),
  db: z.string().min(1).optional(),
  help: z.boolean().optional(),
});

/** Plans an episode from the command line, with the same checks as the chat modals. */
export async function planCommand(argv: string[], io: CommandIO): Promise<number> {
  const { flags, positionals } = parseFlags(
    argv,
    {
      at: { type: 'string' },
      topic: { type: 'string' },
      guest: { type: 'string', multiple: true },
      question: { type: 'string', multiple: true },
      'questions-file': { type: 'string' },
      note: { type: 'string' },
      db: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    flagsSchema,
  );
  if (flags.help) {
    io.stdout.write(`${PLAN_HELP}\n`);
    return 0;
  }
  const series = positionals[0];
  if (!series) throw new UsageError('Say which series to plan, e.g. "emcee plan weekly-chat --topic …".');
  if (!flags.topic) {
    throw new UserError(
      'EPISODES_INVALID',
      'Not planned: --topic is missing: say what the chat is about, e.g. --topic "Trust".',
    );
  }
  const lines = [...flags.question];
  if (flags['questions-file']) lines.push(readQuestionsFile(flags['questions-file']));
  const questions = parseQuestionLines(lines.join('\n'));
  if (!questions.ok) throw new UsageError(`--question: ${questions.message}`);
  const { config } = loadEnvironment();
  const store = ChatStore.open(flags.db ?? config.EMCEE_DB);
  try {
    const planner = new EpisodePlanner({
      store,
      scripts: new ScriptCatalog(config.EMCEE_PROMPTS_DIR),
      clock: new SystemClock(),
    });
    const at = flags.at ?? planner.nextUnplanned(series);
    if (!at)
      throw new UsageError(
        `--at: ${series} has no scheduled date left to plan: give one, e.g. --at "2026-12-03 13:00"`,
      );
    const outcome = planner.plan({
      series,
      at,
      topic: flags.topic,
      guests: flags.guest.map((name) => ({ name })),
      questions: questions.questions,
      ...(flags.note ? { note: flags.note } : {}),
    });
    if (!outcome.ok) {
      const names: Record<string, string> = {
        at: '--at',
        topic: '--topic',
        guests: '--guest',
        questions: '--question',
        note: '--note',
      };
      throw new UserError(
        'EPISODES_INVALID',
        `Not planned: ${Object.entries(outcome.errors)
          .map(([field, message]) => `${names[field] ?? field} ${message.replace(/\.$/, '')}`)
          .join('; ')}.`,
      );
    }
    io.stdout.write(`Planned: ${describeEpisode(outcome.episode)}\n`);
    return 0;
  } finally {
    store.close();
  }
}

function readQuestionsFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UserError('FILE_UNREADABLE', `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}.`);
  }
}
