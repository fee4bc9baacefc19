import type { ChatCommand } from './command-spec.js';
import { usageOf } from './parse-args.js';
import { episodesCommand } from './episodes-command.js';
import { forgetMeCommand } from './forget-me-command.js';
import { myDataCommand } from './my-data-command.js';
import { quietCommand, unquietCommand } from './quiet-commands.js';
import { planCommand } from './plan-command.js';
import { rehearseCommand } from './rehearse-command.js';
import { nextCommand, recapCommand, statusCommand } from './query-commands.js';
import { endCommand, extendCommand, pauseCommand, resumeCommand, skipCommand } from './session-controls.js';
import { startCommand } from './start-command.js';
import { consoleCommand, publishCommand, unpublishCommand } from './web-commands.js';

/** `help`: what Emcee can do (the text follows from the registry). */
export const helpCommand: ChatCommand = {
  name: 'help',
  audience: 'everyone',
  summary: 'What Emcee can do',
  args: [],
  relayFromCli: false,
  async run() {
    return { ok: true, text: chatHelp() };
  },
};

/**
 * Every chat command, in the order help texts and Discord list them. Adding a command is a file that
 * exports a ChatCommand and a line here; the router, the CLI, Discord's registration and the help texts
 * follow, and tests check the Slack manifest against this list.
 */
export const CHAT_COMMANDS: readonly ChatCommand[] = [
  startCommand,
  pauseCommand,
  resumeCommand,
  skipCommand,
  extendCommand,
  endCommand,
  statusCommand,
  nextCommand,
  recapCommand,
  planCommand,
  episodesCommand,
  rehearseCommand,
  consoleCommand,
  publishCommand,
  unpublishCommand,
  quietCommand,
  unquietCommand,
  myDataCommand,
  forgetMeCommand,
  helpCommand,
];

/** The command called `name` (case-insensitive). */
export function findCommand(name: string): ChatCommand | undefined {
  const wanted = name.toLowerCase();
  return CHAT_COMMANDS.find((command) => command.name === wanted);
}

/** One line listing every command with its arguments, hosts' first. */
export function chatHelp(): string {
  const list = (audience: ChatCommand['audience']) =>
    CHAT_COMMANDS.filter((c) => c.audience === audience)
      .map((c) =>
        usageOf(
          c.name,
          c.args.filter((arg) => arg.default === undefined),
        ),
      )
      .join(', ');
  return `Commands: ${list('host')} (hosts only); ${list('everyone')} (everyone).`;
}
