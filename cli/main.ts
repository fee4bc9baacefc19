import { usageOf } from '../src/commands/parse-args.js';
import { CHAT_COMMANDS } from '../src/commands/registry.js';
import type { CommandIO } from './commands/command-io.js';
import { reportFailure } from './report-failure.js';

type Command = (argv: string[], io: CommandIO) => Promise<number>;
type Loaded = { run: Command; help: string };

// Each command's module is loaded only when it runs, so `emcee recap` does not pay for the chat
// engine, the store or the terminal room (start-up time is most of a small command's time).
const control = (name: string) => async (): Promise<Loaded> => {
  const m = await import('./commands/control.js');
  return { run: (argv, io) => m.controlCommand(name, argv, io), help: m.CONTROL_HELP };
};

// Host controls the CLI relays to the running bot come from the chat-command registry, like /emcee's.
const relayed = CHAT_COMMANDS.filter((command) => command.relayFromCli);

const COMMANDS: Record<string, { load: () => Promise<Loaded>; summary: string }> = {
  start: {
    load: async () => {
      const m = await import('./commands/start.js');
      return { run: m.startCommand, help: m.START_HELP };
    },
    summary: 'connect to Slack/Discord from .env, or run the local demo',
  },
  run: {
    load: async () => {
      const m = await import('./commands/run.js');
      return { run: m.runCommand, help: m.RUN_HELP };
    },
    summary: 'run a chat script now in the terminal room',
  },
  validate: {
    load: async () => {
      const m = await import('./commands/validate.js');
      return { run: m.validateCommand, help: m.VALIDATE_HELP };
    },
    summary: 'check chat scripts, naming file, line and field',
  },
  recap: {
    load: async () => {
      const m = await import('./commands/recap.js');
      return { run: m.recapCommand, help: m.RECAP_HELP };
    },
    summary: 'recap a session or an imported transcript (md, html, json, csv)',
  },
  web: {
    load: async () => {
      const m = await import('./commands/web.js');
      return { run: m.webCommand, help: m.WEB_HELP };
    },
    summary: 'serve the website and host console from the database, with no chat running',
  },
  sessions: {
    load: async () => {
      const m = await import('./commands/sessions.js');
      return { run: m.sessionsCommand, help: m.SESSIONS_HELP };
    },
    summary: 'list past and running sessions with counts',
  },
  ...Object.fromEntries(
    relayed.map((command, index) => [
      command.name,
      {
        load: control(command.name),
        // One help line for the group keeps the list short.
        summary:
          index === 0
            ? `${command.summary.toLowerCase()} (also ${relayed
                .slice(1)
                .map((c) => usageOf(c.name, c.args))
                .join(', ')})`
            : '',
      },
    ]),
  ),
  status: { load: control('status'), summary: 'where the running chat stands (reads the database)' },
  plan: {
    load: async () => {
      const m = await import('./commands/plan.js');
      return { run: m.planCommand, help: m.PLAN_HELP };
    },
    summary: 'plan a date of a series: topic, guests, questions (also from Slack and Discord)',
  },
  episodes: {
    load: async () => {
      const m = await import('./commands/episodes.js');
      return { run: m.episodesCommand, help: m.EPISODES_HELP };
    },
    summary: 'upcoming episodes (--json); skip, delete, export and import them',
  },
  publish: {
    load: async () => {
      const m = await import('./commands/publish.js');
      return { run: (argv, io) => m.publishCommand(true, argv, io), help: m.PUBLISH_HELP };
    },
    summary: "make a series' calendar, recaps and search public on the website (unpublish: private again)",
  },
  unpublish: {
    load: async () => {
      const m = await import('./commands/publish.js');
      return { run: (argv, io) => m.publishCommand(false, argv, io), help: m.PUBLISH_HELP };
    },
    summary: '',
  },
  signin: {
    load: async () => {
      const m = await import('./commands/signin.js');
      return { run: m.signinCommand, help: m.SIGNIN_HELP };
    },
    summary: 'print a one-time link that signs you in to the host console on the website',
  },
  followups: {
    load: async () => {
      const m = await import('./commands/followups.js');
      return { run: m.followupsCommand, help: m.FOLLOWUPS_HELP };
    },
    summary: "the hosts' follow-up list of the latest chat (--json, --session N)",
  },
  settings: {
    load: async () => {
      const m = await import('./commands/settings.js');
      return { run: m.settingsCommand, help: m.SETTINGS_HELP };
    },
    summary: 'every setting with its value or default (tokens masked); --env-example',
  },
  schedule: {
    load: async () => {
      const m = await import('./commands/schedule.js');
      return { run: m.scheduleCommand, help: m.SCHEDULE_HELP };
    },
    summary: 'list the next runs of scheduled chats (DST-aware)',
  },
};

/** Top-level help. */
export function usage(): string {
  // Commands listed under another's line (resume, unpublish) do not widen the column.
  const width = Math.max(
    ...Object.entries(COMMANDS)
      .filter(([, command]) => command.summary !== '')
      .map(([name]) => name.length),
  );
  return `Emcee hosts Twitter-style community chats (Q1/A1) on Slack, Discord and your terminal.

Usage: emcee <command> [options]

Commands:
${Object.entries(COMMANDS)
  .filter(([, command]) => command.summary !== '')
  .map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`)
  .join('\n')}
  help      this text; "emcee <command> --help" for one command

Examples:
  emcee run demo --crowd 12          a two-minute demo chat with a simulated crowd
  emcee run weekly-chat --speed 30   the weekly chat, thirty times faster
  emcee validate prompts/*.yaml      check scripts before the chat

Settings come from the environment or .env; see .env.example.`;
}

/** Runs the CLI; resolves with the process exit code. Failures print plain words, not stacks. */
export async function main(argv: string[], io: CommandIO = process): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' && rest[0] ? COMMANDS[rest[0]] : undefined;
    io.stdout.write(`${topic ? (await topic.load()).help : usage()}\n`);
    return 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.stderr.write(`Unknown command "${name}".\n\n${usage()}\n`);
    return 2;
  }
  const command = await entry.load();
  try {
    return await command.run(rest, io);
  } catch (error) {
    // One clear line (the stack only with EMCEE_LOG_LEVEL=debug); .env, when read, is in process.env by now.
    const report = reportFailure(error, name, command.help, process.env.EMCEE_LOG_LEVEL === 'debug');
    io.stderr.write(report.text);
    return report.code;
  }
}
