import { z } from 'zod';
import { Crowd } from '../../adapters/local/crowd.js';
import { LocalRoom } from '../../adapters/local/local-room.js';
import { ChatHost, describeStatus } from '../../src/chat-host.js';
import { ScriptCatalog } from '../../src/script/script-catalog.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { SystemClock } from '../../src/time/clock.js';
import { parseFlags, UsageError } from '../args.js';
import { loadEnvironment } from '../environment.js';
import { writeSessionRecap } from '../session-recap-files.js';
import type { CommandIO } from './command-io.js';

const flagsSchema = z.object({
  adapter: z.enum(['local']).default('local'),
  speed: z.coerce.number().positive('must be more than 0, e.g. 10 for ten times faster').max(10_000).default(1),
  crowd: z.coerce.number().int('must be a whole number').min(0).max(30, 'at most 30 simulated people').default(0),
  db: z.string().min(1).optional(),
  user: z.string().regex(/^[\w.\-]{1,32}$/, 'letters, digits, dots, dashes').optional(),
  help: z.boolean().optional(),
});

/** Help for `emcee run`. */
export const RUN_HELP = `emcee run <script> [options]

Runs a chat script now, in the terminal room.

  <script>          a name in prompts/ (e.g. weekly-chat) or a path to a .yaml file
  --crowd N         add N simulated participants (0-30, default 0)
  --speed X         run the clock X times faster (default 1; 30 turns an hour into two minutes)
  --user NAME       the name you chat under (default: your login name)
  --db FILE         SQLite database (default: EMCEE_DB or data/emcee.db)

Type to chat; answers start with A1:, A2:… Host commands: /pause /resume /skip /extend 5 /end /status.
Without a terminal (a pipe, CI) the chat runs unattended to the end.`;

/** Runs one chat in the terminal room and writes its recap; resolves with the exit code. */
export async function runCommand(argv: string[], io: CommandIO): Promise<number> {
  const { flags, positionals } = parseFlags(
    argv,
    {
      adapter: { type: 'string' },
      speed: { type: 'string' },
      crowd: { type: 'string' },
      db: { type: 'string' },
      user: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    flagsSchema,
  );
  if (flags.help) {
    io.stdout.write(`${RUN_HELP}\n`);
    return 0;
  }
  const scriptName = positionals[0];
  if (!scriptName) throw new UsageError('Say which script to run, e.g. "emcee run demo". See "emcee run --help".');
  return runLocalChat({ scriptName, speed: flags.speed, crowd: flags.crowd, db: flags.db, user: flags.user }, io);
}

/** The local room with an optional crowd: what `npm start` runs when no platform is configured. */
export async function runLocalChat(
  options: { scriptName: string; speed: number; crowd: number; db?: string; user?: string },
  io: CommandIO,
): Promise<number> {
  const { config, log } = loadEnvironment();
  const scripts = new ScriptCatalog(config.EMCEE_PROMPTS_DIR);
  const script = scripts.load(options.scriptName);
  const clock = new SystemClock(options.speed);
  const store = ChatStore.open(options.db ?? config.EMCEE_DB);
  const room = new LocalRoom({
    input: io.stdin,
    output: io.stdout,
    clock,
    userName: options.user ?? safeUserName(),
    botName: 'emcee',
  });
  const recapPaths: string[] = [];
  const host = new ChatHost({
    store,
    platform: room,
    clock,
    log,
    scripts,
    onEnded: async (session) => {
      recapPaths.push(...(await writeSessionRecap(store, session.id, config.EMCEE_RECAP_DIR)));
    },
  });
  await room.start(host);
  const crowd = options.crowd > 0 ? new Crowd(room, clock, script, options.crowd) : undefined;

  const runner = await host.startSession({ script, community: room.community, channel: room.defaultChannel });
  const showStatus = () => {
    const status = runner.status();
    room.terminal.setStatus(`${describeStatus(status)} · ${room.reactions} 👏`, `${status.openQuestion}`);
  };
  const ticker = setInterval(showStatus, 1000);
  showStatus();
  const onInterrupt = () => {
    io.stderr.write('\nEnding the chat (thanks and recap first). Press Ctrl-C again to quit at once.\n');
    process.removeListener('SIGINT', onInterrupt);
    void runner.end('interrupted');
  };
  process.on('SIGINT', onInterrupt);

  await runner.done;
  clearInterval(ticker);
  process.removeListener('SIGINT', onInterrupt);
  const status = runner.status();
  crowd?.stop();
  await host.stop();
  await room.stop();
  store.close();

  io.stdout.write(
    `\nChat finished: ${status.answers} answers from ${status.participants} participants.\n` +
      recapPaths.map((path) => `Recap written to ${path}\n`).join(''),
  );
  return 0;
}

function safeUserName(): string {
  const name = (process.env.USER ?? process.env.USERNAME ?? 'you').replace(/[^\w.\-]/g, '');
  return name || 'you';
}
