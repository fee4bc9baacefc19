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

emcee start <script> --channel C asks the bot already running to start that chat now.`;

/** Connects to the configured platforms, or runs the local demo when none is configured. */
export async function startCommand(argv: string[], io: CommandIO): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout.write(`${START_HELP}\n`);
    return 0;
  }
  // "emcee start <script> --channel C" asks the running bot to start a chat, like "/emcee start".
  if (argv.some((arg) => !arg.startsWith('-'))) return controlCommand('start', argv, io);
  const environment = loadEnvironment();
  const wanted = PLATFORMS.filter((platform) => platform.wanted(environment.env));
  if (wanted.length > 0) return servePlatforms(wanted, environment, io);
  io.stdout.write('No SLACK_BOT_TOKEN or DISCORD_TOKEN set: running the local demo chat (about two minutes).\n\n');
  return runLocalChat({ scriptName: 'demo', speed: 1, crowd: 12 }, io);
}
