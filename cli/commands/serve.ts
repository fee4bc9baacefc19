import { ChatHost } from '../../src/chat-host.js';
import { ControlInbox } from '../../src/control/control-inbox.js';
import type { PlatformAdapter } from '../../src/port.js';
import { Scheduler, type ScheduledChat } from '../../src/schedule/scheduler.js';
import { formatInZone } from '../../src/time/format-time.js';
import { ScriptCatalog } from '../../src/script/script-catalog.js';
import type { ChatScript } from '../../src/script/script-schema.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { SystemClock } from '../../src/time/clock.js';
import type { Environment } from '../environment.js';
import type { PlatformEntry } from '../platforms.js';
import { finishSession } from '../session-recap-files.js';
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
  const store = ChatStore.open(config.EMCEE_DB);
  const clock = new SystemClock();
  const stops: (() => Promise<void> | void)[] = [];

  for (const entry of entries) {
    const adapter = await entry.create(env, log);
    const host = new ChatHost({
      store,
      platform: adapter,
      clock,
      log,
      scripts,
      recapDir: config.EMCEE_RECAP_DIR,
      onEnded: async (session) => {
        const paths = await finishSession({ store, platform: adapter, log, config }, session);
        io.stdout.write(`[${adapter.name}] "${session.script.title}" ended; recap: ${paths[0]}\n`);
      },
    });
    await adapter.start(host);
    for (const report of await host.recover(adapter.community, config.EMCEE_CATCH_UP)) {
      io.stdout.write(
        `[${adapter.name}] resumed session ${report.sessionId}: ${report.backfilled} message(s) caught up, ` +
          `${report.confirmed + report.resent} unconfirmed post(s) settled` +
          `${report.caughtUp === 'on-time' ? '' : `, overdue step handled by "${report.caughtUp}"`}` +
          `${report.backfillIncomplete ? `; not fetched: ${report.backfillIncomplete}` : ''}\n`,
      );
    }
    const scheduler = new Scheduler({ store, clock, log, platform: adapter, host, community: adapter.community }, scheduledChats(all, adapter));
    host.useSchedule((channel) => scheduler.describeNext(channel));
    const plan = scheduler.start();
    for (const missed of plan.missed) {
      io.stdout.write(`[${adapter.name}] missed the start of ${missed.script_id} at ${new Date(missed.run_at).toISOString()} (bot was down); skipped.\n`);
    }
    const controls = new ControlInbox(store, host, clock, adapter.community, (channel) => channel.startsWith(`${adapter.name}:`));
    const poll = setInterval(() => void controls.processPending().catch((error: unknown) => log.error('A CLI control failed', { error })), 500);
    stops.push(async () => {
      clearInterval(poll);
      scheduler.stop();
      await host.stop();
      await adapter.stop();
    });
    const next = plan.planned[0];
    io.stdout.write(
      `Emcee is live on ${adapter.name} (${adapter.community}), default channel ${adapter.defaultChannel}.` +
        (next ? ` Next scheduled: ${next.script_id} on ${formatInZone(next.run_at, 'UTC')}.` : ' No chat scheduled; start one with /emcee start <script>.') +
        '\n',
    );
  }

  io.stdout.write('Press Ctrl-C to stop (running chats are saved and resume on the next start).\n');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  io.stdout.write('Stopping…\n');
  for (const stop of stops) await stop();
  store.close();
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
