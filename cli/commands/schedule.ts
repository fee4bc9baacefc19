import { z } from 'zod';
import { nextRuns } from '../../src/schedule/next-runs.js';
import { formatInZone } from '../../src/time/format-time.js';
import { describeBrokenScript, ScriptCatalog } from '../../src/script/script-catalog.js';
import { parseFlags } from '../args.js';
import { loadEnvironment } from '../environment.js';
import type { CommandIO } from './command-io.js';

/** Help for `emcee schedule`. */
export const SCHEDULE_HELP = `emcee schedule [<script> …] [--count N] [--from "YYYY-MM-DD"]

Lists the next runs of scheduled chats (scripts with a "schedule" block) in their own timezone and
in UTC, with when each reminder goes out. Daylight-saving changes keep the local time.`;

const flagsSchema = z.object({
  count: z.coerce.number().int().min(1).max(52).default(5),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like "2026-10-20"')
    .optional(),
  help: z.boolean().optional(),
});

/** Prints upcoming runs and reminders for scheduled scripts. */
export async function scheduleCommand(argv: string[], io: CommandIO): Promise<number> {
  const { flags, positionals } = parseFlags(
    argv,
    { count: { type: 'string' }, from: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    flagsSchema,
  );
  if (flags.help) {
    io.stdout.write(`${SCHEDULE_HELP}\n`);
    return 0;
  }
  const catalog = new ScriptCatalog(loadEnvironment().config.EMCEE_PROMPTS_DIR);
  const after = flags.from ? Date.parse(`${flags.from}T00:00:00Z`) : Date.now();
  // Scripts named here must load; of the whole folder, a broken one is skipped as the serving bot skips it.
  const named = positionals.map((name) => ({ name, script: catalog.load(name) }));
  const everyScript = positionals.length > 0 ? undefined : catalog.loadAll();
  for (const broken of everyScript?.broken ?? []) io.stderr.write(`⚠ ${describeBrokenScript(broken)}\n`);
  const listed = everyScript?.loaded ?? named;
  let shown = 0;
  for (const { name, script } of listed) {
    if (!script.schedule) {
      if (positionals.length > 0) io.stdout.write(`${name}: no schedule block, so it only runs on demand.\n`);
      continue;
    }
    shown++;
    const zone = script.schedule.timezone ?? script.timezone;
    const reminders = script.schedule.reminders;
    io.stdout.write(`${script.title} (${name}), ${zone}:\n`);
    for (const run of nextRuns(script.schedule, script.timezone, after, flags.count)) {
      io.stdout.write(
        `  ${formatInZone(run.at, zone).padEnd(36)} ` +
          `${new Date(run.at).toISOString().slice(0, 16)}Z${run.source === 'once' ? '  (one-off)' : ''}\n`,
      );
    }
    io.stdout.write(
      reminders.length === 0
        ? '  reminders: off\n'
        : `  reminders: ${reminders.map((ms) => humanize(ms)).join(', ')} before each run\n`,
    );
    if (script.schedule.skip.length > 0) io.stdout.write(`  skipped dates: ${script.schedule.skip.join(', ')}\n`);
  }
  if (shown === 0)
    io.stdout.write('No scheduled chats. Add a "schedule" block to a script (see README, "Schedules").\n');
  return 0;
}

function humanize(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return minutes > 60 ? `${Math.floor(minutes / 60)}h${minutes % 60}m` : `${minutes}m`;
}
