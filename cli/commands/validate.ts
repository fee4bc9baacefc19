import { readFileSync } from 'node:fs';
import { ScriptCatalog } from '../../src/script/script-catalog.js';
import { ScriptError } from '../../src/script/load-script.js';
import { unknownPlaceholders } from '../../src/script/placeholders.js';
import { planTimeline } from '../../src/script/timeline.js';
import { UsageError } from '../args.js';
import { loadEnvironment } from '../environment.js';
import type { CommandIO } from './command-io.js';

/** Help for `emcee validate`. */
export const VALIDATE_HELP = `emcee validate <script> [<script> …]

Checks chat scripts without running them: every problem is listed with its file, line and field.
A placeholder the bot does not fill in (a typo like {nmae}) is a warning: it would be posted as written.
Exits 0 when all are valid (warnings or not), 1 otherwise.`;

/** Validates scripts and prints what each will do; exit code 1 when any is invalid. */
export async function validateCommand(argv: string[], io: CommandIO): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout.write(`${VALIDATE_HELP}\n`);
    return 0;
  }
  const names = argv.filter((arg) => !arg.startsWith('-'));
  if (names.length === 0)
    throw new UsageError('Say which script to check, e.g. "emcee validate prompts/weekly-chat.yaml".');
  const scripts = new ScriptCatalog(loadEnvironment().config.EMCEE_PROMPTS_DIR);
  let failures = 0;
  for (const name of names) {
    try {
      const script = scripts.load(name);
      const plan = planTimeline(script);
      const minutes = (ms: number) =>
        `${Math.floor(ms / 60_000)}:${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}`;
      io.stdout.write(
        `✓ ${name}: "${script.title}" ${script.hashtag}, ${script.questions.length} questions ` +
          `(Q1 at ${minutes(plan.questionOffsets[0] ?? 0)}, closing at ${minutes(plan.closingOffset)})\n`,
      );
      const path = scripts.pathOf(name)!;
      for (const warning of unknownPlaceholders(readFileSync(path, 'utf8'))) {
        io.stderr.write(`⚠ ${path}:${warning.line}  ${warning.field}: ${warning.message}\n`);
      }
    } catch (error) {
      failures++;
      io.stderr.write(`✗ ${error instanceof ScriptError ? error.message : (error as Error).message}\n`);
    }
  }
  return failures === 0 ? 0 : 1;
}
