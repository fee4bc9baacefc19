import { dispatchAction, dispatchCommand, dispatchFormSubmit } from '../src/commands/dispatch-command.js';
import type { CommandReply, FormOutcome } from '../src/port.js';
import { CONSOLE_ORIGIN, consoleAuthor } from './console-host.js';
import type { SignedInHost } from './viewer.js';
import { webCommandServices } from './web-command-services.js';
import type { WebDeps } from './web-deps.js';

/**
 * The chat commands as the console uses them: through the same dispatcher as Slack, Discord and the terminal, so
 * the checks and the words are the same (host rights were asked of the platform by requireHost for this request).
 */
export interface ConsoleCommands {
  /** Runs a command, e.g. ("plan", ["weekly-chat"]). */
  run(host: SignedInHost, name: string, args: string[]): Promise<CommandReply>;
  /** Submits a form a command opened (its id as the command gave it, never as a browser sent it). */
  submit(host: SignedInHost, formId: string, values: Record<string, string>): Promise<FormOutcome>;
  /** Clicks a button of a command's reply. */
  act(host: SignedInHost, actionId: string): Promise<CommandReply>;
}

/** The console's way into the command registry. */
export function consoleCommands(deps: WebDeps): ConsoleCommands {
  return {
    run: (host, name, args) =>
      dispatchCommand({ ...CONSOLE_ORIGIN, by: consoleAuthor(host), name, args }, undefined, webCommandServices(deps)),
    submit: (host, formId, values) =>
      dispatchFormSubmit(
        { ...CONSOLE_ORIGIN, by: consoleAuthor(host), formId, values },
        undefined,
        webCommandServices(deps),
      ),
    act: (host, actionId) =>
      dispatchAction({ ...CONSOLE_ORIGIN, by: consoleAuthor(host), actionId }, undefined, webCommandServices(deps)),
  };
}
