import type { CommandReply, FormOutcome, InboundAction, InboundCommand, InboundFormSubmit } from '../port.js';
import type { SessionRunner } from '../session/session-runner.js';
import type { ChatCommand, CommandServices } from './command-spec.js';
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
    return { ok: false, text: hostsOnly(spec) };
  }
  const parsed = parseCommandArgs(spec.args, command.args);
  if (!parsed.ok) return { ok: false, text: parsed.hint };
  return spec.run({ command, runner, services }, parsed.args);
}

/** Hands a submitted form to the command that opened it (the form id starts with the command's name). */
export async function dispatchFormSubmit(
  submit: InboundFormSubmit,
  runner: SessionRunner | undefined,
  services: CommandServices,
): Promise<FormOutcome> {
  const { spec, key } = ownerOf(submit.formId);
  if (!spec?.submit) return { ok: false, errors: { '': 'This form is out of date: open it again.' } };
  if (spec.audience === 'host' && !submit.by.isHost) return { ok: false, errors: { '': 'Only hosts can do this.' } };
  return spec.submit({ submit, runner, services }, key, submit.values);
}

/** Hands a button click to the command whose reply carried the button. */
export async function dispatchAction(
  action: InboundAction,
  runner: SessionRunner | undefined,
  services: CommandServices,
): Promise<CommandReply> {
  const { spec, key } = ownerOf(action.actionId);
  if (!spec?.act) return { ok: false, text: 'This button is out of date: run the command again.' };
  if (spec.audience === 'host' && !action.by.isHost) {
    return { ok: false, text: hostsOnly(spec) };
  }
  return spec.act({ action, runner, services }, key);
}

// "plan:weekly-chat:2026-12-03" → the `plan` command, key "weekly-chat:2026-12-03".
function ownerOf(id: string): { spec: ReturnType<typeof findCommand>; key: string } {
  const colon = id.indexOf(':');
  const name = colon < 0 ? id : id.slice(0, colon);
  return { spec: findCommand(name), key: colon < 0 ? '' : id.slice(colon + 1) };
}

/** What a non-host hears when they use a hosts' command. */
export function hostsOnly(spec: Pick<ChatCommand, 'name' | 'hostsOnlyTo'>): string {
  return `Only hosts can ${spec.hostsOnlyTo ?? `${spec.name} a chat`}. Ask a host of this community.`;
}
