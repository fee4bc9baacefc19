import { z } from 'zod';
import { usageOf } from '../../src/commands/parse-args.js';
import { CHAT_COMMANDS } from '../../src/commands/registry.js';
import { describeStatus } from '../../src/session/describe-status.js';
import type { ChatScript } from '../../src/script/script-schema.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { parseFlags, UsageError } from '../args.js';
import { loadEnvironment } from '../environment.js';
import type { CommandIO } from './command-io.js';

const relayed = CHAT_COMMANDS.filter((command) => command.relayFromCli);
const relayedUsage = relayed.map((c) => `emcee ${usageOf(c.name, c.args)} [--channel C] [--db FILE] [--wait S]`);

/** Help for the host controls on the command line (the list follows the chat-command registry). */
export const CONTROL_HELP = `${relayedUsage.join('\n')}
emcee status [--channel C] [--db FILE]
emcee start <script> --channel C …   (with a script: ask the running bot to start that chat)

${relayed.map((c) => `  ${c.name.padEnd(8)} ${c.summary}`).join('\n')}

Controls a chat run by a bot that uses the same database: the request is queued there and the bot
carries it out within a second, exactly as a host's chat command. The channel defaults to the only
chat running. status reads the database directly and works while the bot is down.`;

const flagsSchema = z.object({
  channel: z.string().min(1).optional(),
  db: z.string().min(1).optional(),
  wait: z.coerce.number().positive().max(120).default(10),
  help: z.boolean().optional(),
});

/** Sends a host control to the running bot through the database and prints its answer. */
export async function controlCommand(command: string, argv: string[], io: CommandIO): Promise<number> {
  const { flags, positionals } = parseFlags(
    argv,
    {
      channel: { type: 'string' },
      db: { type: 'string' },
      wait: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    flagsSchema,
  );
  if (flags.help) {
    io.stdout.write(`${CONTROL_HELP}\n`);
    return 0;
  }
  const path = flags.db ?? loadEnvironment().config.EMCEE_DB;
  // status only reads (a read-only file, no empty database made); a control is queued, so it writes.
  const store = command === 'status' ? ChatStore.openReadOnly(path) : ChatStore.open(path);
  try {
    const running = store.sessions.unfinished();
    const channel =
      flags.channel ??
      pickChannel(
        command,
        running.map((s) => s.channel),
      );
    if (command === 'status') return printStatus(store, channel, io);
    const id = store.controls.request({ channel, command, args: positionals, now: Date.now() });
    const deadline = Date.now() + flags.wait * 1000;
    while (Date.now() < deadline) {
      const answer = store.controls.get(id);
      if (answer?.handled_at) {
        (answer.ok ? io.stdout : io.stderr).write(`${answer.result}\n`);
        return answer.ok ? 0 : 1;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    io.stderr.write(
      `No running bot answered within ${flags.wait} s. Is Emcee running ("npm start" or "emcee run") with ` +
        `this database?\n`,
    );
    return 1;
  } finally {
    store.close();
  }
}

function pickChannel(command: string, channels: string[]): string {
  if (channels.length === 1) return channels[0]!;
  if (channels.length === 0) {
    if (command === 'start')
      throw new UsageError('Say where to start the chat with --channel (e.g. --channel local:room).');
    throw new UsageError('No chat is running (check "emcee sessions").');
  }
  throw new UsageError(`Several chats are running; pick one with --channel: ${channels.join(', ')}.`);
}

function printStatus(store: ChatStore, channel: string, io: CommandIO): number {
  const session = store.sessions.openOnChannel(channel);
  if (!session) {
    io.stdout.write(`No chat is running in ${channel}.\n`);
    return 0;
  }
  const script = JSON.parse(session.script_json) as ChatScript;
  const counts = store.messages.answerCounts(session.id, session.step);
  const closing = session.step > script.questions.length;
  io.stdout.write(
    `${describeStatus({
      sessionId: session.id,
      title: script.title,
      state: session.state,
      openQuestion: session.step,
      questionCount: script.questions.length,
      timeLeftMs: closing
        ? undefined
        : session.state === 'paused'
          ? (session.paused_remaining_ms ?? 0)
          : Math.max(0, (session.step_deadline ?? 0) - Date.now()),
      answers: counts.total,
      answersOnQuestion: counts.onQuestion,
      participants: counts.participants,
    })} (session ${session.id}, ${channel})\n`,
  );
  return 0;
}
