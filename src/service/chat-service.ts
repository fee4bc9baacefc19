import { ChatRouter } from '../chat-router.js';
import type { CoreConfig } from '../config/core-config.js';
import { ControlInbox } from '../control/control-inbox.js';
import type { Logger } from '../log.js';
import type { PlatformAdapter } from '../port.js';
import { Scheduler, type ScheduledChat, type ScheduleReport } from '../schedule/scheduler.js';
import type { ScriptCatalog } from '../script/script-catalog.js';
import type { CatchUpPolicy, RecoveryReport, SessionRunner } from '../session/session-runner.js';
import type { ChatStore } from '../store/chat-store.js';
import type { StoreTrouble } from '../store/write-queue.js';
import type { Clock, TimerHandle } from '../time/clock.js';
import { ChatLeases, thisProcess } from '../session/chat-leases.js';
import { SystemClock } from '../time/clock.js';
import { finishSession, rewriteRecapFiles } from './finish-session.js';
import { LiveFeed } from './live-feed.js';
import { tellHosts } from './tell-hosts.js';

/** What the service needs, once per process. */
export interface ChatServiceDeps {
  /** Where state lives; the service closes it on stop. */
  store: ChatStore;
  /** Injected time. */
  clock: Clock;
  /** Where progress and failures go. */
  log: Logger;
  /** The core's settings (recap folder, catch-up policy, AI summary). */
  config: CoreConfig;
  /** Scripts `/emcee start` may run. */
  scripts?: ScriptCatalog;
  /** Told when a chat ended and its recap files were written (Markdown first). */
  onChatEnded?: (platform: PlatformAdapter, session: SessionRunner, recapPaths: string[]) => void;
  /** Told when this process took over a chat whose owner stopped (its lease lapsed). */
  onTakeover?: (platform: PlatformAdapter, report: RecoveryReport) => void;
  /** One owner per chat; by default this process, on wall-clock time, with EMCEE_LEASE_MS. */
  leases?: ChatLeases;
  /** Makes sign-in links for `/emcee console`; absent (or answering undefined) when the website is off. */
  webSignIn?: (identity: string, name: string) => string | undefined;
  /** Where running chats' messages and steps are told as they happen (the host console); its own if absent. */
  live?: LiveFeed;
}

/** One platform as the service serves it. */
export interface ServedPlatform {
  /** The adapter. */
  adapter: PlatformAdapter;
  /** The router of its inbound events and commands. */
  router: ChatRouter;
  /** What recovery did for each unfinished chat at connection. */
  recovered: RecoveryReport[];
  /** What the scheduler found at start-up, when the platform has scheduled chats. */
  schedule?: ScheduleReport;
  /** Its scheduler, when it has scheduled chats. */
  scheduler?: Scheduler;
}

/** How a platform is served. */
export interface ConnectOptions {
  /** Scripts with a schedule, and their channel on this platform. */
  scheduled?: readonly ScheduledChat[];
  /** Channels whose CLI controls this platform carries out. */
  servesChannel: (channel: string) => boolean;
  /** After a restart, what to do with a step whose time ran out. */
  catchUp?: CatchUpPolicy;
}

// CLI controls are answered within this interval (the CLI waits for the answer in the database).
const CONTROL_POLL_MS = 250;
// New answers reach the search index within this interval (a search catches up first anyway).
const SEARCH_INDEX_MS = 2000;

/**
 * The one chat-serving lifecycle behind `emcee run` (the terminal room) and `emcee start` (Slack, Discord):
 * connects platforms, recovers unfinished chats, arms schedules, carries out CLI controls, and stops in an
 * order that loses nothing — controls in flight answered, timers cancelled, acknowledgements drained, the
 * platform disconnected, and only then the database closed.
 */
export class ChatService {
  private readonly served: ServedPlatform[] = [];
  private readonly controls = new Map<PlatformAdapter, ControlInbox>();
  private controlTimer: TimerHandle | undefined;
  private heartbeatTimer: TimerHandle | undefined;
  private indexTimer: TimerHandle | undefined;
  private heartbeat: Promise<void> = Promise.resolve();
  /** Which process owns which chat. */
  readonly leases: ChatLeases;
  /** The running chats' messages and steps as they happen, for the host console. */
  readonly live: LiveFeed;
  private controlsInFlight: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly deps: ChatServiceDeps) {
    // A bot never waits long on another connection's lock: its writes queue and retry instead (WriteQueue).
    deps.store.db.pragma('busy_timeout = 20');
    deps.store.writes.watch((trouble) => {
      const line = describeTrouble(trouble);
      deps.log[trouble.kind === 'recovered' ? 'info' : 'error'](line);
      // Hosts hear of it once per episode of trouble, where they are: they may be the ones who can free the disk.
      if (trouble.kind !== 'busy')
        for (const served of this.served) void tellHosts(served.adapter, deps.log, { text: line });
    });
    this.leases =
      deps.leases ?? new ChatLeases(deps.store, new SystemClock(), thisProcess(), deps.config.EMCEE_LEASE_MS);
    this.live = deps.live ?? new LiveFeed(deps.log);
  }

  /** Every platform served so far. */
  get platforms(): readonly ServedPlatform[] {
    return this.served;
  }

  /** Starts the adapter, picks up its unfinished chats and arms its schedules. */
  async connect(adapter: PlatformAdapter, options: ConnectOptions): Promise<ServedPlatform> {
    const { store, clock, log, config, scripts } = this.deps;
    const router = new ChatRouter({
      store,
      platform: adapter,
      clock,
      log,
      ...(this.deps.webSignIn ? { webSignIn: this.deps.webSignIn } : {}),
      scripts,
      leases: this.leases,
      live: this.live,
      recapDir: config.EMCEE_RECAP_DIR,
      onRecapChanged: async (session) => {
        const paths = await rewriteRecapFiles({ store, log, config }, session);
        log.info('Answers written before the close arrived after it: recap files written again', { paths });
      },
      onEnded: async (session) => {
        const paths = await finishSession({ store, platform: adapter, log, config, clock }, session);
        this.deps.onChatEnded?.(adapter, session, paths);
      },
    });
    await adapter.start(router);
    const served: ServedPlatform = { adapter, router, recovered: [] };
    this.served.push(served);
    served.recovered = await router.recover(adapter.community, options.catchUp ?? config.EMCEE_CATCH_UP);
    if (options.scheduled && options.scheduled.length > 0) {
      const scheduler = new Scheduler(
        {
          store,
          clock,
          log,
          platform: adapter,
          router,
          community: adapter.community,
          publicUrl: config.EMCEE_PUBLIC_URL,
        },
        options.scheduled,
      );
      router.useSchedule((channel) => scheduler.describeNext(channel));
      served.scheduler = scheduler;
      served.schedule = scheduler.start();
    }
    this.controls.set(adapter, new ControlInbox(store, router, clock, adapter.community, options.servesChannel));
    this.keepLeases();
    this.keepSearchIndex();
    return served;
  }

  /** Indexes new answers for search in batches, off the answer path, until stop. */
  private keepSearchIndex(): void {
    if (this.indexTimer || this.stopped) return;
    const wall = new SystemClock();
    const { store, log } = this.deps;
    const index = () => {
      if (this.stopped) return;
      store.writes
        .write(() => store.search.catchUp())
        .catch((error: unknown) => log.warn('Could not index new answers for search; retrying', { error }))
        .finally(() => {
          if (!this.stopped) this.indexTimer = wall.at(wall.now() + SEARCH_INDEX_MS, index);
        });
    };
    this.indexTimer = wall.at(wall.now() + SEARCH_INDEX_MS, index);
  }

  /**
   * The heartbeat, every third of the lease: renews this process's claims, stops chats whose claim another
   * process took over meanwhile (this one stalled past its expiry), and takes over chats whose owner stopped.
   */
  private keepLeases(): void {
    if (this.heartbeatTimer || this.stopped) return;
    const wall = new SystemClock();
    const beat = () => {
      if (this.stopped) return;
      this.heartbeat = this.renewAndTakeOver().finally(() => {
        if (!this.stopped) this.heartbeatTimer = wall.at(wall.now() + this.leases.ttlMs / 3, beat);
      });
    };
    this.heartbeatTimer = wall.at(wall.now() + this.leases.ttlMs / 3, beat);
  }

  private async renewAndTakeOver(): Promise<void> {
    const { log, config } = this.deps;
    try {
      const held = new Set(this.leases.renewAll());
      for (const served of this.served) {
        for (const channel of served.router.runningChannels()) {
          if (held.has(channel)) continue;
          log.warn('Another process took this chat over (this one stalled past its lease); stopping it here', {
            channel,
          });
          await served.router.abandon(channel);
        }
        await served.scheduler?.refresh();
        for (const report of await served.router.recover(served.adapter.community, config.EMCEE_CATCH_UP)) {
          log.info('Took over a chat whose process stopped', { session: report.sessionId });
          this.deps.onTakeover?.(served.adapter, report);
        }
      }
    } catch (error) {
      log.error('The lease heartbeat failed; retrying at the next one', { error });
    }
  }

  /** Carries out host controls queued by the CLI (`emcee pause|skip|…`), until stop. */
  pollControls(): void {
    const poll = () => {
      if (this.stopped) return;
      this.controlsInFlight = this.processControls().finally(() => {
        if (!this.stopped) this.controlTimer = this.deps.clock.at(this.deps.clock.now() + CONTROL_POLL_MS, poll);
      });
    };
    poll();
  }

  /**
   * Stops serving: no new controls; those in flight are answered; schedules and session timers are
   * cancelled; acknowledgements still queued are delivered; platforms disconnect; the database closes.
   * Unfinished chats stay unfinished in the store and resume on the next start.
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.controlTimer?.cancel();
    this.heartbeatTimer?.cancel();
    this.indexTimer?.cancel();
    await this.controlsInFlight.catch(() => undefined);
    await this.heartbeat.catch(() => undefined);
    for (const served of this.served) served.scheduler?.stop();
    for (const served of this.served) await served.router.stop();
    // The adapters drain their acknowledgement queues (within their deadline); then their outcomes are recorded.
    for (const served of this.served) await served.adapter.stop();
    for (const served of this.served) await served.router.drain();
    await this.deps.store.writes.settled();
    this.deps.store.close();
  }

  private async processControls(): Promise<void> {
    for (const inbox of this.controls.values()) {
      try {
        await inbox.processPending();
      } catch (error) {
        this.deps.log.error('A CLI control failed', { error });
      }
    }
  }
}

/** One line per recovered chat, the same for every entry point. */
export function describeRecovery(platform: string, report: RecoveryReport): string {
  return (
    `[${platform}] resumed session ${report.sessionId}: ${report.backfilled} message(s) from while the bot was down, ` +
    `${report.confirmed} post(s) confirmed, ${report.resent} to send again` +
    `${report.caughtUp === 'on-time' ? '' : `, overdue step handled by "${report.caughtUp}"`}` +
    `${report.backfillIncomplete ? `; not fetched: ${report.backfillIncomplete}` : ''}.`
  );
}

/** One line a host can act on, for each change in the database's health. */
export function describeTrouble(trouble: StoreTrouble): string {
  switch (trouble.kind) {
    case 'busy':
      return (
        'The database is locked by another program: writes wait in memory, in order, and are retried ' + 'every few ms.'
      );
    case 'full':
      return (
        'The disk holding the database is full: the chat goes on and every answer is kept in memory until space ' +
        'is freed (stopping this process before then would lose what waits). Free some space.'
      );
    case 'overflow':
      return (
        `The database has not taken writes for a while and ${trouble.limit} wait: new messages are refused ` +
        'until it does. Free disk space or stop what holds the database.'
      );
    case 'recovered':
      return `The database takes writes again: ${trouble.written} waiting write(s) saved, nothing lost.`;
  }
}
