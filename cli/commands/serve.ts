import type { Logger } from '../../src/log.js';
import type { PlatformAdapter } from '../../src/port.js';
import type { ScheduledChat } from '../../src/schedule/scheduler.js';
import { formatInZone } from '../../src/time/format-time.js';
import { describeBrokenScript, ScriptCatalog, type CatalogLoad } from '../../src/script/script-catalog.js';
import type { ChatScript } from '../../src/script/script-schema.js';
import { ChatService, describeRecovery } from '../../src/service/chat-service.js';
import { tellHosts } from '../../src/service/tell-hosts.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { SystemClock } from '../../src/time/clock.js';
import type { Environment } from '../environment.js';
import type { PlatformEntry } from '../platforms.js';
import { watchSignals } from '../signals.js';
import { ensureWritableFolder } from '../writable-folder.js';
import { launchWebBesideChats, platformLinks, SignInLinks, siteAddress } from '../web-launch.js';
import { createBotAccess } from '../../web/bot-access.js';
import { hostRightsFrom } from '../../src/access/host-rights.js';
import type { CommandIO } from './command-io.js';

/**
 * Connects to every configured platform and serves chats there until SIGINT or SIGTERM: picks up
 * unfinished sessions, arms the schedules, and carries out host controls from chat and from the CLI.
 * A start-up failure disconnects whatever had connected before it is thrown, so no half-started bot lingers.
 */
export async function servePlatforms(
  entries: PlatformEntry[],
  environment: Environment,
  io: CommandIO,
): Promise<number> {
  const { config, env, log } = environment;
  const scripts = new ScriptCatalog(config.EMCEE_PROMPTS_DIR);
  const loaded = loadServedScripts(scripts, log, io);
  // Found now rather than when the first chat ends and its recap has nowhere to go.
  ensureWritableFolder(config.EMCEE_RECAP_DIR, 'recaps', 'EMCEE_RECAP_DIR');
  const clock = new SystemClock();
  const store = ChatStore.open(config.EMCEE_DB);
  const signInLinks = new SignInLinks(store);
  const service = new ChatService({
    store,
    webSignIn: signInLinks.make,
    clock,
    log,
    config,
    scripts,
    onChatEnded: (adapter, session, paths) =>
      io.stdout.write(`[${adapter.name}] "${session.script.title}" ended; recap: ${paths[0]}\n`),
    onTakeover: (adapter, report) => io.stdout.write(`${describeRecovery(adapter.name, report)} (taken over)\n`),
  });
  const signals = watchSignals();
  let starting: PlatformAdapter | undefined;
  try {
    for (const entry of entries) {
      starting = await entry.create(env, log, clock);
      await connectPlatform(
        service,
        starting,
        loaded.loaded.map((named) => named.script),
        io,
      );
    }
  } catch (error) {
    signals.dispose();
    // The platform that failed may be half-connected (a token accepted, a socket refused): stop it too.
    if (starting && !service.platforms.some((served) => served.adapter === starting)) {
      await starting.stop().catch(() => undefined);
    }
    await service.stop();
    throw error;
  }
  service.pollControls();
  if (loaded.broken.length > 0) {
    const text =
      `Emcee skipped ${loaded.broken.length} chat script(s) it could not read; the other chats run:\n` +
      loaded.broken.map((broken) => `• ${describeBrokenScript(broken)}`).join('\n');
    for (const served of service.platforms) await tellHosts(served.adapter, log, { text });
  }

  const hostRights = hostRightsFrom(service.platforms.map((served) => served.adapter));
  const web = await launchWebBesideChats(
    {
      config,
      store,
      log,
      scripts,
      extra: {
        hostRights,
        bot: createBotAccess(service),
        ...platformLinks(service.platforms.map((served) => served.adapter)),
      },
    },
    (line) => io.stdout.write(`${line}\n`),
  );
  if (web) {
    signInLinks.serveAt(siteAddress(config, web));
    io.stdout.write(
      `The website and host console: ${siteAddress(config, web)}/ (hosts sign in with /emcee console).\n`,
    );
  }
  io.stdout.write('Press Ctrl-C to stop (running chats are saved and resume on the next start).\n');
  await signals.terminated;
  io.stdout.write('Stopping…\n');
  await web?.close();
  // Signals stay handled while stopping: a second SIGTERM must not cut the acknowledgements' drain short.
  await service.stop();
  signals.dispose();
  return 0;
}

/**
 * Every script in the prompts folder that loads. A broken one is skipped, with one warning naming its file,
 * line and field in the log and its name in the start-up output; the returned list is what hosts could be
 * told once a platform can reach them.
 */
export function loadServedScripts(scripts: ScriptCatalog, log: Logger, io: CommandIO): CatalogLoad {
  const loaded = scripts.loadAll();
  for (const broken of loaded.broken) log.warn(describeBrokenScript(broken));
  if (loaded.broken.length > 0) {
    io.stdout.write(
      `Skipped ${loaded.broken.length} broken chat script(s): ${loaded.broken.map((s) => s.file).join(', ')} ` +
        `(the other chats run; "emcee validate ${loaded.broken.map((s) => s.name).join(' ')}" lists every problem).\n`,
    );
  }
  return loaded;
}

async function connectPlatform(
  service: ChatService,
  adapter: PlatformAdapter,
  scripts: ChatScript[],
  io: CommandIO,
): Promise<void> {
  const served = await service.connect(adapter, {
    scheduled: scheduledChats(scripts, adapter),
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

function scheduledChats(scripts: ChatScript[], adapter: PlatformAdapter): ScheduledChat[] {
  return scripts.flatMap((script) => {
    if (!script.schedule) return [];
    const id = script.schedule.channels[adapter.name];
    const channel = id && adapter.resolveChannel ? adapter.resolveChannel(id) : adapter.defaultChannel;
    return [{ script: { ...script, schedule: script.schedule }, channel }];
  });
}
