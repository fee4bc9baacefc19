import { dispatchAction, dispatchCommand, dispatchFormSubmit } from '../src/commands/dispatch-command.js';
import type { CommandReply, FormOutcome } from '../src/port.js';
import { actingHost, CONSOLE_ORIGIN } from './console-host.js';
import type { SignedInHost } from './viewer.js';
import { webCommandServices } from './web-command-services.js';
import type { WebDeps } from './web-deps.js';

/**
 * The chat commands as the console uses them: through the same dispatcher as Slack, Discord and the terminal, so
 * the checks and the words are the same; the host's rights are asked again at every call.
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
    run: async (host, name, args) =>
      dispatchCommand(
        { ...CONSOLE_ORIGIN, by: await actingHost(deps, host), name, args },
        undefined,
        webCommandServices(deps),
      ),
    submit: async (host, formId, values) =>
      dispatchFormSubmit(
        { ...CONSOLE_ORIGIN, by: await actingHost(deps, host), formId, values },
        undefined,
        webCommandServices(deps),
      ),
    act: async (host, actionId) =>
      dispatchAction(
        { ...CONSOLE_ORIGIN, by: await actingHost(deps, host), actionId },
        undefined,
        webCommandServices(deps),
      ),
  };
}
