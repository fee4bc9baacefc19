import { z } from 'zod';
import { parseFlags, UsageError } from '../args.js';
import { loadEnvironment } from '../environment.js';
import { PLATFORMS } from '../platforms.js';
import type { CommandIO } from './command-io.js';
import { controlCommand } from './control.js';
import { servePlatforms } from './serve.js';
import { runLocalChat } from './run.js';

/** Help for `emcee start` (what `npm start` runs). */
export const START_HELP = `emcee start

With SLACK_BOT_TOKEN or DISCORD_TOKEN in the environment or .env: connects to those platforms and
serves chats there. With neither: runs the demo chat (prompts/demo.yaml) in the terminal with a
simulated crowd, writes its recap and prints where.

emcee start <script> --channel C asks the bot already running to start that chat now.
emcee start <series> --rehearse [--speed X] rehearses the series' next episode here, in the terminal,
squeezed into about two minutes (X times faster still with --speed); a rehearsal never counts.`;

/** Connects to the configured platforms, or runs the local demo when none is configured. */
export async function startCommand(argv: string[], io: CommandIO): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout.write(`${START_HELP}\n`);
    return 0;
  }
  // "emcee start <series> --rehearse [--speed X]" rehearses its next episode here, in the terminal room.
  if (argv.includes('--rehearse')) return rehearseHere(argv, io);
  // "emcee start <script> --channel C" asks the running bot to start a chat, like "/emcee start".
  if (argv.some((arg) => !arg.startsWith('-'))) return controlCommand('start', argv, io);
  const environment = loadEnvironment();
  const wanted = PLATFORMS.filter((platform) => platform.wanted(environment.env));
  if (wanted.length > 0) return servePlatforms(wanted, environment, io);
  io.stdout.write('No SLACK_BOT_TOKEN or DISCORD_TOKEN set: running the local demo chat (about two minutes).\n\n');
  return runLocalChat({ scriptName: 'demo', speed: 1, crowd: 12, web: true }, io);
}

const rehearseFlags = z.object({
  rehearse: z.boolean(),
  speed: z.coerce.number().positive('must be more than 0').max(1000).default(1),
  db: z.string().min(1).optional(),
});

async function rehearseHere(argv: string[], io: CommandIO): Promise<number> {
  const { flags, positionals } = parseFlags(
    argv,
    { rehearse: { type: 'boolean' }, speed: { type: 'string' }, db: { type: 'string' } },
    rehearseFlags,
  );
  const series = positionals[0];
  if (!series) throw new UsageError('Say which series to rehearse, e.g. "emcee start weekly-chat --rehearse".');
  return runLocalChat({ scriptName: series, speed: flags.speed, crowd: 0, db: flags.db, rehearse: true }, io);
}
