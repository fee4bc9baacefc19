import { ConfigError } from '../src/config/core-config.js';
import { ScriptError } from '../src/script/load-script.js';
import { TranscriptError } from '../src/transcript/read-transcript.js';
import { UsageError } from './args.js';
import type { CommandIO } from './commands/command-io.js';
import { CONTROL_HELP, controlCommand } from './commands/control.js';
import { RECAP_HELP, recapCommand } from './commands/recap.js';
import { RUN_HELP, runCommand } from './commands/run.js';
import { SCHEDULE_HELP, scheduleCommand } from './commands/schedule.js';
import { SESSIONS_HELP, sessionsCommand } from './commands/sessions.js';
import { START_HELP, startCommand } from './commands/start.js';
import { VALIDATE_HELP, validateCommand } from './commands/validate.js';

type Command = (argv: string[], io: CommandIO) => Promise<number>;

const COMMANDS: Record<string, { run: Command; help: string; summary: string }> = {
  start: { run: startCommand, help: START_HELP, summary: 'connect to Slack/Discord from .env, or run the local demo' },
  run: { run: runCommand, help: RUN_HELP, summary: 'run a chat script now in the terminal room' },
  validate: { run: validateCommand, help: VALIDATE_HELP, summary: 'check chat scripts, naming file, line and field' },
  recap: { run: recapCommand, help: RECAP_HELP, summary: 'recap a session or an imported transcript (md, html, json, csv)' },
  sessions: { run: sessionsCommand, help: SESSIONS_HELP, summary: 'list past and running sessions with counts' },
  pause: { run: (argv, io) => controlCommand('pause', argv, io), help: CONTROL_HELP, summary: 'pause the running chat (also resume, skip, extend <min>, end)' },
  resume: { run: (argv, io) => controlCommand('resume', argv, io), help: CONTROL_HELP, summary: '' },
  skip: { run: (argv, io) => controlCommand('skip', argv, io), help: CONTROL_HELP, summary: '' },
  extend: { run: (argv, io) => controlCommand('extend', argv, io), help: CONTROL_HELP, summary: '' },
  end: { run: (argv, io) => controlCommand('end', argv, io), help: CONTROL_HELP, summary: '' },
  status: { run: (argv, io) => controlCommand('status', argv, io), help: CONTROL_HELP, summary: 'where the running chat stands (reads the database)' },
  schedule: { run: scheduleCommand, help: SCHEDULE_HELP, summary: 'list the next runs of scheduled chats (DST-aware)' },
};

/** Top-level help. */
export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
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

/** Runs the CLI; resolves with the process exit code. Expected failures print plain words, not stacks. */
export async function main(argv: string[], io: CommandIO = process): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' && rest[0] ? COMMANDS[rest[0]] : undefined;
    io.stdout.write(`${topic ? topic.help : usage()}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`Unknown command "${name}".\n\n${usage()}\n`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${error.message}\n\n${command.help}\n`);
      return 2;
    }
    if (error instanceof ScriptError || error instanceof ConfigError || error instanceof TranscriptError) {
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
    io.stderr.write(`emcee ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}
