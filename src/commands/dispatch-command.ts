import type { CommandReply, InboundCommand } from '../port.js';
import type { SessionRunner } from '../session/session-runner.js';
import type { CommandServices } from './command-spec.js';
import { parseCommandArgs } from './parse-args.js';
import { chatHelp, findCommand, helpCommand } from './registry.js';

/**
 * Carries out a command from any platform or the CLI: finds it in the registry, checks who may use it,
 * reads its arguments by their specs, then runs it. Every refusal is a reply in plain words.
 */
export async function dispatchCommand(
  command: InboundCommand,
  runner: SessionRunner | undefined,
  services: CommandServices,
): Promise<CommandReply> {
  const spec = command.name === '' ? helpCommand : findCommand(command.name);
  if (!spec) return { ok: false, text: `I don't know "${command.name}". ${chatHelp()}` };
  if (spec.audience === 'host' && !command.by.isHost) {
    return { ok: false, text: `Only hosts can ${spec.name} a chat. Ask a host of this community.` };
  }
  const parsed = parseCommandArgs(spec.args, command.args);
  if (!parsed.ok) return { ok: false, text: parsed.hint };
  return spec.run({ command, runner, services }, parsed.args);
}
