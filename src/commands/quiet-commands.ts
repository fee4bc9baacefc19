import type { CommandReply } from '../port.js';
import type { ChatCommand, CommandContext } from './command-spec.js';

/** `quiet`: no mentions, welcomes or pings for me in this community; my answers still count and are thanked. */
export const quietCommand: ChatCommand = {
  name: 'quiet',
  audience: 'everyone',
  summary: 'No mentions, welcomes or pings for me (my answers still count)',
  args: [],
  relayFromCli: false,
  async run(context) {
    return setQuiet(context, true);
  },
};

/** `unquiet`: mentions and welcomes again. */
export const unquietCommand: ChatCommand = {
  name: 'unquiet',
  audience: 'everyone',
  summary: 'Mention and welcome me again',
  args: [],
  relayFromCli: false,
  async run(context) {
    return setQuiet(context, false);
  },
};

async function setQuiet({ command, services }: CommandContext, quiet: boolean): Promise<CommandReply> {
  const { store } = services;
  const changed = await store.writes.write(() =>
    store.quiet.setQuiet(command.community, command.by.id, quiet, services.clock.now()),
  );
  if (quiet) {
    const already = changed ? '' : 'You were already quiet. ';
    return {
      ok: true,
      text:
        `${already}From now on I won't mention, welcome or ping you here; your answers still count and are ` +
        'thanked by name, without a mention. "unquiet" undoes it.',
    };
  }
  const already = changed ? '' : 'You were not quiet. ';
  return { ok: true, text: `${already}I'll mention and welcome you again. "quiet" stops it.` };
}
