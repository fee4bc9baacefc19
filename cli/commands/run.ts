import { z } from 'zod';
import { exampleOf } from '../../src/commands/parse-args.js';
import { CHAT_COMMANDS } from '../../src/commands/registry.js';
import { Crowd } from '../../adapters/local/crowd.js';
import { LocalRoom } from '../../adapters/local/local-room.js';
import { createLogger } from '../../src/log.js';
import { describeStatus } from '../../src/session/describe-status.js';
import type { ChatScript } from '../../src/script/script-schema.js';
import { ScriptCatalog } from '../../src/script/script-catalog.js';
import { ChatService, describeRecovery } from '../../src/service/chat-service.js';
import type { ChatRouter } from '../../src/chat-router.js';
import { planForRun } from '../../src/plan/episode-book.js';
import { EpisodePlanner } from '../../src/plan/episode-planner.js';
import type { CatchUpPolicy, RecoveryReport, SessionRunner } from '../../src/session/session-runner.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { SystemClock } from '../../src/time/clock.js';
import { parseFlags, UsageError } from '../args.js';
import { loadEnvironment } from '../environment.js';
import { watchSignals } from '../signals.js';
import { terminalChoices } from '../terminal-choices.js';
import { ensureWritableFolder } from '../writable-folder.js';
import { launchWebBesideChats, SignInLinks, siteAddress } from '../web-launch.js';
import { createBotAccess } from '../../web/bot-access.js';
import { cliIdentity, hostRightsFrom } from '../../src/access/host-rights.js';
import { hostname } from 'node:os';
import type { CommandIO } from './command-io.js';

const LOCAL_CHANNEL = 'local:room';

const flagsSchema = z.object({
  speed: z.coerce.number().positive('must be more than 0, e.g. 10 for ten times faster').max(10_000).default(1),
  crowd: z.coerce.number().int('must be a whole number').min(0).max(30, 'at most 30 simulated people').default(0),
  db: z.string().min(1).optional(),
  room: z.string().min(1).optional(),
  user: z
    .string()
    .regex(/^[\w.-]{1,32}$/, 'letters, digits, dots, dashes')
    .optional(),
  fresh: z.boolean().optional(),
  web: z.boolean().optional(),
  'catch-up': z.enum(['resume', 'compress', 'close']).optional(),
  help: z.boolean().optional(),
});

/** Help for `emcee run`. */
export const RUN_HELP = `emcee run <script> [options]

Runs a chat script now, in the terminal room. If the room has an unfinished chat (the bot was
stopped or crashed), it carries on with that one instead: nothing is posted twice, and what was
said meanwhile (lines appended to the room log) is picked up.

  <script>          a name in prompts/ (e.g. weekly-chat) or a path to a .yaml file
  --crowd N         add N simulated participants (0-30, default 0)
  --speed X         run the clock X times faster (default 1; 30 turns an hour into two minutes)
  --user NAME       the name you chat under (default: your login name)
  --db FILE         SQLite database (default: EMCEE_DB or data/emcee.db)
  --room FILE       the room's history (default: EMCEE_LOCAL_ROOM or data/local-room.jsonl)
  --fresh           abandon an unfinished chat in the room and start a new one
  --web             serve the website beside the chat, as the demo does (EMCEE_WEB_PORT, default 8787)
  --catch-up P      when resuming after a question's time ran out: resume (post it now, default),
                    compress (squeeze the rest into the planned hour) or close (thank and end)

Type to chat at the "you ›" prompt; answers start with A1:, A2:… Commands:
${CHAT_COMMANDS.map((c) => `/${exampleOf(c.name, c.args)}`).join(' ')}.
Colour is on in a terminal; NO_COLOR=1 turns it off, FORCE_COLOR=1 on in a pipe.
Without a terminal (a pipe, CI) the chat runs unattended to the end. Ctrl-C ends the chat with thanks
and a recap; SIGTERM stops the bot and leaves the chat to be resumed.`;

/** Runs one chat in the terminal room and writes its recap; resolves with the exit code. */
export async function runCommand(argv: string[], io: CommandIO): Promise<number> {
  const { flags, positionals } = parseFlags(
    argv,
    {
      speed: { type: 'string' },
      crowd: { type: 'string' },
      db: { type: 'string' },
      room: { type: 'string' },
      user: { type: 'string' },
      fresh: { type: 'boolean' },
      web: { type: 'boolean' },
      'catch-up': { type: 'string' },
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
  return runLocalChat(
    {
      scriptName,
      speed: flags.speed,
      crowd: flags.crowd,
      db: flags.db,
      room: flags.room,
      user: flags.user,
      fresh: flags.fresh ?? false,
      catchUp: flags['catch-up'],
      web: flags.web ?? false,
    },
    io,
  );
}

/** Options of a local chat. */
export interface LocalChatOptions {
  scriptName: string;
  speed: number;
  crowd: number;
  db?: string;
  room?: string;
  user?: string;
  fresh?: boolean;
  catchUp?: CatchUpPolicy;
  /** Rehearse the series' next episode, squeezed into about two minutes; it never counts. */
  rehearse?: boolean;
  /** Serve the website beside the chat (the demo), and keep it up after the chat in a terminal. */
  web?: boolean;
}

/** The local room with an optional crowd: what `npm start` runs when no platform is configured. */
export async function runLocalChat(options: LocalChatOptions, io: CommandIO): Promise<number> {
  const { config, env } = loadEnvironment();
  const scripts = new ScriptCatalog(config.EMCEE_PROMPTS_DIR);
  // Found now rather than when the chat ends and its recap has nowhere to go.
  ensureWritableFolder(config.EMCEE_RECAP_DIR, 'recaps', 'EMCEE_RECAP_DIR');
  const store = ChatStore.open(options.db ?? config.EMCEE_DB);
  let unfinished = store.sessions.openOnChannel(LOCAL_CHANNEL);
  if (unfinished && options.fresh) {
    store.sessions.update(unfinished.id, { state: 'ended', ended_at: Date.now(), end_reason: 'abandoned (--fresh)' });
    unfinished = undefined;
  }
  // A resumed demo keeps its own sped-up clock, so its stored deadlines still mean what they meant.
  const clock = unfinished
    ? new SystemClock(unfinished.clock_speed, unfinished.clock_origin ?? Date.now())
    : new SystemClock(options.speed);
  if (unfinished && options.rehearse) {
    store.close();
    throw new UsageError(
      `The room has an unfinished chat (session ${unfinished.id}): finish it with "emcee run ` +
        `${unfinished.script_id}", ` +
        'or abandon it with --fresh, before rehearsing.',
    );
  }
  const script: ChatScript = unfinished
    ? (JSON.parse(unfinished.script_json) as ChatScript)
    : options.rehearse
      ? nextEpisodeOf(store, scripts, options.scriptName)
      : scripts.load(options.scriptName);

  const room = new LocalRoom({
    input: io.stdin,
    output: io.stdout,
    ...terminalChoices(env, io.stdin, io.stdout),
    clock,
    userName: options.user ?? safeUserName(),
    botName: 'emcee',
    roomLogPath: options.room ?? config.EMCEE_LOCAL_ROOM,
    elapsedFrom: unfinished?.started_at,
  });
  // Log lines are drawn above the status line and the prompt, like chat lines, or they would land in them.
  const log = createLogger(config.EMCEE_LOG_LEVEL, (line) =>
    room.terminal.interject(() => process.stderr.write(`${line}\n`)),
  );
  const recapPaths: string[] = [];
  const takenOver: RecoveryReport[] = [];
  const signInLinks = new SignInLinks(store);
  const service = new ChatService({
    store,
    clock,
    webSignIn: signInLinks.make,
    log,
    config,
    scripts,
    onChatEnded: (_platform, _session, paths) => recapPaths.push(...paths),
    onTakeover: (_platform, report) => takenOver.push(report),
  });
  // Signals are handled before anything is posted, so a stop during the opening is clean too.
  let runner: SessionRunner | undefined;
  const signals = watchSignals({
    interrupt: () => {
      room.terminal.interject(() =>
        io.stderr.write('\nEnding the chat (thanks and recap first). Press Ctrl-C again to quit at once.\n'),
      );
      void runner?.end('interrupted');
    },
  });

  const served = await service.connect(room, {
    servesChannel: (requested) => requested === LOCAL_CHANNEL,
    catchUp: options.catchUp,
  });
  // The site's address comes first, so whoever opens it sees the chat from its opening.
  const roomHosts = hostRightsFrom([room]);
  const web = options.web
    ? await launchWebBesideChats(
        {
          config,
          store,
          log,
          scripts,
          extra: { hostRights: roomHosts, bot: createBotAccess(service) },
        },
        (line) => room.terminal.print(line),
      )
    : undefined;
  if (web) {
    const site = siteAddress(config, web);
    signInLinks.serveAt(site);
    const you = options.user ?? safeUserName();
    room.terminal.print(
      `Open ${site}/ — and to follow the chat live in the host console, sign in with ` +
        `${signInLinks.make(cliIdentity(you, hostname()), you)} (one use, 10 minutes).`,
    );
  }
  const elsewhere = served.router.chatsOwnedElsewhere().find((chat) => chat.channel === LOCAL_CHANNEL);
  if (elsewhere) {
    // A second `emcee run` on the same database waits as a standby rather than exiting: if the running
    // process dies, this one carries the chat on once that process's lease lapses, and nothing is lost.
    room.terminal.print(
      `Session ${elsewhere.sessionId} in this room is run by ${service.leases.describe(elsewhere.holder)}. ` +
        `Waiting: this process takes it over if that one stops (${service.leases.ttlMs / 1000} s after its ` +
        'last heartbeat). Ctrl-C leaves it alone.',
    );
    runner = await waitForTakeover(served.router, store, elsewhere.sessionId, signals.terminated);
    if (!runner) room.terminal.print('The other process finished that chat (or this one was stopped): nothing to do.');
  } else if (unfinished) {
    room.terminal.print(`Resuming the unfinished chat "${script.title}" (session ${unfinished.id}).`);
    runner = served.router.runnerFor(LOCAL_CHANNEL);
  } else {
    runner = await served.router.startSession({
      script,
      community: room.community,
      channel: LOCAL_CHANNEL,
      clock: { speed: clock.speed, origin: clock.origin },
      rehearsal: options.rehearse,
    });
    if (options.rehearse) room.terminal.print('Rehearsal: the chat in about two minutes, counted nowhere.');
  }
  for (const report of [...served.recovered, ...takenOver]) room.terminal.print(describeRecovery(room.name, report));
  const crowd = options.crowd > 0 ? new Crowd(room, clock, script, options.crowd) : undefined;
  service.pollControls();

  let outcome: 'ended' | 'terminated' = 'ended';
  let status;
  if (runner) {
    const live = runner;
    const showStatus = () => {
      const current = live.status();
      room.terminal.setStatus(`${describeStatus(current)} · ${room.reactions} 👏`, `${current.openQuestion}`);
    };
    const ticker = setInterval(showStatus, 1000);
    showStatus();
    outcome = await Promise.race([
      live.done.then(() => 'ended' as const),
      signals.terminated.then(() => 'terminated' as const),
    ]);
    clearInterval(ticker);
    status = live.status();
  }
  crowd?.stop();
  if (web && outcome === 'ended' && io.stdin.isTTY) {
    // The newcomer who opened the site reads the recap there: the site stays until they stop it.
    room.terminal.print(`The chat is over; its recap is on ${siteAddress(config, web)}/ — Ctrl-C stops the website.`);
    await signals.terminated;
  }
  await web?.close();
  // Signals stay handled while stopping: a second SIGTERM must not cut the acknowledgements' drain short.
  await service.stop();
  await room.stop();
  signals.dispose();

  if (outcome === 'terminated') {
    io.stdout.write('\nStopped. The chat is saved and carries on with the same command.\n');
    return 0;
  }
  io.stdout.write(
    (status ? `\nChat finished: ${status.answers} answers from ${status.participants} participants.\n` : '') +
      recapPaths.map((path) => `Recap written to ${path}\n`).join(''),
  );
  return 0;
}

/** The series' next planned episode as a script (its own questions when nothing is planned). */
function nextEpisodeOf(store: ChatStore, scripts: ScriptCatalog, series: string): ChatScript {
  const script = scripts.load(series);
  const planner = new EpisodePlanner({ store, scripts, clock: new SystemClock() });
  const next = planner.list(script.id).find((episode) => episode.state === 'planned');
  if (!next) return script;
  const plan = planForRun(store, script, Date.parse(next.at));
  return 'script' in plan ? plan.script : script;
}

/** Resolves with the chat's runner once this process took it over, or undefined once it ended elsewhere. */
async function waitForTakeover(
  router: ChatRouter,
  store: ChatStore,
  sessionId: number,
  terminated: Promise<void>,
): Promise<SessionRunner | undefined> {
  let stop = false;
  void terminated.then(() => (stop = true));
  while (!stop) {
    const runner = router.runnerFor(LOCAL_CHANNEL);
    if (runner) return runner;
    if (store.sessions.get(sessionId)?.state === 'ended') return undefined;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return undefined;
}

function safeUserName(): string {
  const name = (process.env.USER ?? process.env.USERNAME ?? 'you').replace(/[^\w.-]/g, '');
  return name || 'you';
}
