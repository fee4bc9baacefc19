import type { ChatScript } from '../script/script-schema.js';
import { SessionAlreadyRunning } from '../session/session-already-running.js';
import type { ChatCommand } from './command-spec.js';

/** `start <script>`: starts a chat now in this channel. */
export const startCommand: ChatCommand = {
  name: 'start',
  audience: 'host',
  summary: 'Start a chat now',
  args: [
    {
      name: 'script',
      kind: 'text',
      description: 'Script name, e.g. weekly-chat',
      required: true,
      hint: 'Say which chat to start, e.g. "start weekly-chat".',
      example: 'weekly-chat',
    },
  ],
  relayFromCli: false,
  async run({ command, services }, args) {
    const scripts = services.scripts;
    if (!scripts) return { ok: false, text: 'Starting chats from here is not set up.' };
    let script: ChatScript;
    try {
      script = scripts.load(String(args.script));
    } catch (error) {
      return { ok: false, text: (error as Error).message };
    }
    try {
      await services.startSession({ script, community: command.community, channel: command.channel });
    } catch (error) {
      if (error instanceof SessionAlreadyRunning) return { ok: false, text: error.message };
      throw error;
    }
    return { ok: true, text: `Started "${script.title}".` };
  },
};
