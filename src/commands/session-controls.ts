import type { CommandReply } from '../port.js';
import type { SessionOutcome } from '../session/session-outcome.js';
import type { SessionRunner } from '../session/session-runner.js';
import type { ArgSpec, ChatCommand, CommandArgs } from './command-spec.js';

/** A host control of the running chat: refused politely when nothing runs in the channel. */
function sessionControl(
  name: string,
  summary: string,
  act: (runner: SessionRunner, args: CommandArgs) => Promise<SessionOutcome>,
  args: readonly ArgSpec[] = [],
): ChatCommand {
  return {
    name,
    audience: 'host',
    summary,
    args,
    relayFromCli: true,
    async run({ runner }, parsed): Promise<CommandReply> {
      if (!runner) return { ok: false, text: 'No chat is running in this channel.' };
      const outcome = await act(runner, parsed);
      return { ok: outcome.ok, text: outcome.text };
    },
  };
}

/** `pause`: freezes the open step's remaining time. */
export const pauseCommand = sessionControl('pause', 'Pause the chat', (runner) => runner.pause());

/** `resume`: restarts the clock where pause left it. */
export const resumeCommand = sessionControl('resume', 'Resume the chat', (runner) => runner.resume());

/** `skip`: posts the next question now. */
export const skipCommand = sessionControl('skip', 'Post the next question now', (runner) => runner.skip());

/** `extend <minutes>`: keeps the open question open longer. */
export const extendCommand = sessionControl(
  'extend',
  'Keep the open question open longer',
  (runner, args) => runner.extend(Number(args.minutes)),
  [
    {
      name: 'minutes',
      kind: 'integer',
      description: 'Minutes to add',
      required: true,
      default: 5,
      min: 1,
      max: 120,
      hint: 'Give the minutes to add, from 1 to 120, e.g. "extend 5".',
      example: '5',
    },
  ],
);

/** `end`: closes the chat now, with thanks and recap. */
export const endCommand = sessionControl('end', 'Close the chat now, with thanks and recap', (runner) => runner.end());
