import type { PlatformAdapter } from '../../src/port.js';
import type { ScheduledChat } from '../../src/schedule/scheduler.js';
import { formatInZone } from '../../src/time/format-time.js';
import { ScriptCatalog } from '../../src/script/script-catalog.js';
import type { ChatScript } from '../../src/script/script-schema.js';
import { ChatService, describeRecovery } from '../../src/service/chat-service.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { SystemClock } from '../../src/time/clock.js';
import type { Environment } from '../environment.js';
import type { PlatformEntry } from '../platforms.js';
import { watchSignals } from '../signals.js';
import type { CommandIO } from './command-io.js';

/**
 * Connects to every configured platform and serves chats there until SIGINT or SIGTERM: picks up
 * unfinished sessions, arms the schedules, and carries out host controls from chat and from the CLI.
 */
export async function servePlatforms(entries: PlatformEntry[], environment: Environment, io: CommandIO): Promise<number> {
  const { config, env, log } = environment;
  const scripts = new ScriptCatalog(config.EMCEE_PROMPTS_DIR);
  // Every script is validated before anything connects, so a typo stops start-up with its file and line.
  const all = scripts.names().map((name) => scripts.load(name));
  const signals = watchSignals();
  const clock = new SystemClock();
  const service = new ChatService({
    store: ChatStore.open(config.EMCEE_DB),
    clock,
    log,
    config,
    scripts,
    onChatEnded: (adapter, session, paths) =>
      io.stdout.write(`[${adapter.name}] "${session.script.title}" ended; recap: ${paths[0]}\n`),
    onTakeover: (adapter, report) => io.stdout.write(`${describeRecovery(adapter.name, report)} (taken over)\n`),
  });

  for (const entry of entries) {
    const adapter = await entry.create(env, log, clock);
    const served = await service.connect(adapter, {
      scheduled: scheduledChats(all, adapter),
      servesChannel: (channel) => channel.startsWith(`${adapter.name}:`),
    });
    for (const report of served.recovered) io.stdout.write(`${describeRecovery(adapter.name, report)}\n`);
    for (const chat of served.router.chatsOwnedElsewhere()) {
      io.stdout.write(
        `[${adapter.name}] session ${chat.sessionId} in ${chat.channel} is run by ` +
          `${service.leases.describe(chat.holder)}; this process takes it over if that one stops.\n`,
      );
    }
    for (const missed of served.schedule?.missed ?? []) {
      io.stdout.write(
        `[${adapter.name}] missed the start of ${missed.script_id} at ${new Date(missed.run_at).toISOString()} ` +
          '(bot was down); skipped.\n',
      );
    }
    const next = served.schedule?.planned[0];
    io.stdout.write(
      `Emcee is live on ${adapter.name} (${adapter.community}), default channel ${adapter.defaultChannel}.` +
        (next
          ? ` Next scheduled: ${next.script_id} on ${formatInZone(next.run_at, 'UTC')}.`
          : ' No chat scheduled; start one with /emcee start <script>.') +
        '\n',
    );
  }
  service.pollControls();

  io.stdout.write('Press Ctrl-C to stop (running chats are saved and resume on the next start).\n');
  await signals.terminated;
  io.stdout.write('Stopping…\n');
  await service.stop();
  signals.dispose();
  return 0;
}

function scheduledChats(scripts: ChatScript[], adapter: PlatformAdapter): ScheduledChat[] {
  return scripts.flatMap((script) => {
    if (!script.schedule) return [];
    const id = script.schedule.channels[adapter.name];
    const channel = id && adapter.resolveChannel ? adapter.resolveChannel(id) : adapter.defaultChannel;
    return [{ script: { ...script, schedule: script.schedule }, channel }];
  });
}
