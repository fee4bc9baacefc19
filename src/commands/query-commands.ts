import { describeStatus } from '../session/describe-status.js';
import type { ChatCommand } from './command-spec.js';

/** `status`: where the chat in this channel stands. */
export const statusCommand: ChatCommand = {
  name: 'status',
  audience: 'everyone',
  summary: 'Where the chat stands',
  args: [],
  relayFromCli: false,
  async run({ runner }) {
    return { ok: true, text: runner ? describeStatus(runner.status()) : 'No chat is running in this channel.' };
  },
};

/** `next`: when the next scheduled chat is. */
export const nextCommand: ChatCommand = {
  name: 'next',
  audience: 'everyone',
  summary: 'When the next chat is',
  args: [],
  relayFromCli: false,
  async run({ command, services }) {
    return { ok: true, text: services.describeNext(command.channel) };
  },
};

/** `recap`: where the last recap is. */
export const recapCommand: ChatCommand = {
  name: 'recap',
  audience: 'everyone',
  summary: 'Where the last recap is',
  args: [],
  relayFromCli: false,
  async run({ command, runner, services }) {
    if (runner) return { ok: true, text: 'The recap comes as soon as this chat ends.' };
    return { ok: true, text: services.describeLastRecap(command.channel) };
  },
};
