import type {
  ChatInbound,
  CommandReply,
  FormOutcome,
  HostNotice,
  InboundAction,
  InboundCommand,
  InboundEdit,
  InboundFormSubmit,
  InboundMessage,
  MessageAddress,
} from './port.js';
import type { ScriptCatalog } from './script/script-catalog.js';
import type { ChatStore } from './store/chat-store.js';
import type { Clock } from './time/clock.js';
import type { LiveFeed } from './service/live-feed.js';
import { EpisodePlanner } from './plan/episode-planner.js';
import type { ChatLeases } from './session/chat-leases.js';
import type { LeaseRow } from './store/leases-repo.js';
import type { ChatScript } from './script/script-schema.js';
import type { CommandServices } from './commands/command-spec.js';
import { dispatchAction, dispatchCommand, dispatchFormSubmit } from './commands/dispatch-command.js';
import { tellHosts } from './service/tell-hosts.js';
import { SessionAlreadyRunning } from './session/session-already-running.js';
import {
  SessionRunner,
  type CatchUpPolicy,
  type NewSession,
  type RecoveryReport,
  type SessionDeps,
  type SessionStatus,
} from './session/session-runner.js';

/** What the host needs: the session dependencies plus the scripts it may start. */
export interface ChatRouterDeps extends SessionDeps {
  /** Scripts `/emcee start <name>` can run. */
  scripts?: ScriptCatalog;
  /** Where recaps are written, so `/emcee recap` can say where to find the last one. */
  recapDir?: string;
  /** Makes sign-in links for `/emcee console` (webSignInFor in src/access); absent when the website is off. */
  webSignIn?: (identity: string, name: string) => string | undefined;
}

/**
 * The core behind every adapter: routes inbound events to the session running in their channel and turns
 * host commands into session controls. One host serves one platform connection.
 */
export class ChatRouter implements ChatInbound, CommandServices {
  private readonly runners = new Map<string, SessionRunner>();
  private readonly lastEnded = new Map<string, SessionRunner>();
  private readonly ownedElsewhere = new Map<string, { sessionId: number; holder: LeaseRow }>();
  private nextDescriber: ((channel: string) => string) | undefined;
  private episodePlanner: EpisodePlanner | undefined;

  constructor(private readonly deps: ChatRouterDeps) {}

  /** Starts a chat in a channel; refuses when one is already running there. */
  async startSession(fields: NewSession): Promise<SessionRunner> {
    const existing = this.runnerFor(fields.channel) ?? this.deps.store.sessions.openOnChannel(fields.channel);
    if (existing)
      throw new SessionAlreadyRunning(existing instanceof SessionRunner ? existing.script.title : existing.script_id);
    const leases = this.deps.leases;
    const claim = leases?.claim(fields.channel);
    if (leases && claim && !claim.held)
      throw new SessionAlreadyRunning(`a chat run by ${leases.describe(claim.holder)}`);
    const runner = this.track(await SessionRunner.create(this.deps, fields));
    await runner.begin();
    return runner;
  }

  /**
   * Picks up every unfinished session of `community` after a restart (see SessionRunner.recover).
   * Returns what was done for each, for the start-up report.
   */
  async recover(community: string, policy: CatchUpPolicy = 'resume'): Promise<RecoveryReport[]> {
    const reports: RecoveryReport[] = [];
    for (const row of this.deps.store.sessions.unfinished()) {
      if (row.community_id !== community || this.runners.has(row.channel)) continue;
      let claim: ReturnType<ChatLeases['claim']> | undefined;
      try {
        claim = this.deps.leases?.claim(row.channel);
      } catch (error) {
        // A busy database: the next heartbeat tries again.
        this.deps.log.warn('Could not claim an unfinished chat yet', { session: row.id, error });
        continue;
      }
      if (claim && !claim.held) {
        this.ownedElsewhere.set(row.channel, { sessionId: row.id, holder: claim.holder });
        continue;
      }
      this.ownedElsewhere.delete(row.channel);
      const runner = this.track(SessionRunner.restore(this.deps, row));
      reports.push(await runner.recover(policy));
    }
    return reports;
  }

  private track(runner: SessionRunner): SessionRunner {
    this.runners.set(runner.channel, runner);
    void runner.done.then(() => {
      if (this.runners.get(runner.channel) === runner) this.runners.delete(runner.channel);
      // Kept until the next chat there ends: a message written before its close may still arrive late.
      this.lastEnded.set(runner.channel, runner);
      this.deps.leases?.release(runner.channel);
    });
    return runner;
  }

  /** Lets `/emcee next` answer from the scheduler. */
  useSchedule(describeNext: (channel: string) => string): void {
    this.nextDescriber = describeNext;
  }

  /** The live session in a channel, if any. */
  runnerFor(channel: string): SessionRunner | undefined {
    const runner = this.runners.get(channel);
    return runner && !runner.ended ? runner : undefined;
  }

  /** Status of the session in a channel. */
  status(channel: string): SessionStatus | undefined {
    return this.runnerFor(channel)?.status();
  }

  async handleMessage(message: InboundMessage): Promise<void> {
    (this.runnerFor(message.channel) ?? this.lastEnded.get(message.channel))?.handleMessage(message);
  }

  async handleEdit(edit: InboundEdit): Promise<void> {
    this.runnerOfMessage(edit.id)?.handleEdit(edit);
  }

  async handleDelete(id: MessageAddress): Promise<void> {
    this.runnerOfMessage(id)?.handleDelete(id);
  }

  async handleCommand(command: InboundCommand): Promise<CommandReply> {
    return dispatchCommand(command, this.runnerFor(command.channel), this);
  }

  async handleFormSubmit(submit: InboundFormSubmit): Promise<FormOutcome> {
    return dispatchFormSubmit(submit, this.runnerFor(submit.channel), this);
  }

  async handleAction(action: InboundAction): Promise<CommandReply> {
    return dispatchAction(action, this.runnerFor(action.channel), this);
  }

  /** Scripts that `start` may run. */
  get scripts(): ScriptCatalog | undefined {
    return this.deps.scripts;
  }

  /** Plans episodes, when scripts are set up. */
  get planner(): EpisodePlanner | undefined {
    const { scripts, store, clock } = this.deps;
    if (!scripts) return undefined;
    this.episodePlanner ??= new EpisodePlanner({ store, scripts, clock });
    return this.episodePlanner;
  }

  /** Injected time, for what commands record. */
  get clock(): Clock {
    return this.deps.clock;
  }

  /** Sign-in links to the website, when it is on. */
  get webSignIn(): ((identity: string, name: string) => string | undefined) | undefined {
    return this.deps.webSignIn;
  }

  /** The store, for commands' reads. */
  get store(): ChatStore {
    return this.deps.store;
  }

  /** A channel id as a host writes it, as an address. */
  resolveChannel(id: string): string | undefined {
    return this.deps.platform.resolveChannel?.(id);
  }

  /** A direct-message conversation with a person, where the platform can open one. */
  async openDirectChannel(user: string): Promise<string | undefined> {
    try {
      return await this.deps.platform.openDirectChannel?.(user);
    } catch (error) {
      this.deps.log.warn('Could not open a direct message', { error });
      return undefined;
    }
  }

  /** The running chats' live feed, when the entry point gave one. */
  get live(): LiveFeed | undefined {
    return this.deps.live;
  }

  /** Sends a person files in a direct message (shareFiles in their DM); false where the platform cannot. */
  async sendPrivately(user: string, notice: HostNotice): Promise<boolean> {
    const { platform, log } = this.deps;
    if (!platform.shareFiles) return false;
    const channel = await this.openDirectChannel(user);
    if (!channel) return false;
    try {
      await platform.shareFiles(channel, notice);
      return true;
    } catch (error) {
      log.warn('Could not send a direct message with files', { error });
      return false;
    }
  }

  /** Tells the hosts something privately. */
  async tellHosts(notice: HostNotice): Promise<void> {
    await tellHosts(this.deps.platform, this.deps.log, notice);
  }

  /** The platform's mention of a person. */
  mentionOf(user: string, displayName: string): string {
    return this.deps.platform.mention(user, displayName);
  }

  /** Where recap files are written. */
  get recapDir(): string | undefined {
    return this.deps.recapDir;
  }

  /** A person's display name, as the platform knows it. */
  async nameOf(user: string): Promise<string> {
    try {
      return (await this.deps.platform.displayNameOf?.(user)) ?? fallbackName(user);
    } catch {
      return fallbackName(user);
    }
  }

  /** When the next scheduled chat in a channel is, in words. */
  describeNext(channel: string): string {
    return this.nextDescriber?.(channel) ?? 'No chat is scheduled here.';
  }

  /**
   * Cancels every timer and waits for calls in flight; sessions stay unfinished in the store, and their leases
   * are given up so another process may carry them on at once.
   */
  async stop(): Promise<void> {
    const running = [...this.runners.values()];
    await Promise.all([...running, ...this.lastEnded.values()].map((runner) => runner.stop()));
    for (const runner of running) if (!runner.ended) this.deps.leases?.release(runner.channel);
  }

  /** Waits for acknowledgements and welcomes in flight (after the adapter drained its queues on stop). */
  async drain(): Promise<void> {
    await Promise.all([...this.runners.values(), ...this.lastEnded.values()].map((runner) => runner.drain()));
    this.runners.clear();
    this.lastEnded.clear();
  }

  /** Unfinished chats this router found but left alone because another live process runs them. */
  chatsOwnedElsewhere(): { channel: string; sessionId: number; holder: LeaseRow }[] {
    return [...this.ownedElsewhere].map(([channel, entry]) => ({ channel, ...entry }));
  }

  /** Channels whose chats this router runs now. */
  runningChannels(): string[] {
    return [...this.runners.values()].filter((runner) => !runner.ended).map((runner) => runner.channel);
  }

  /**
   * Stops running a channel's chat at once, posting nothing more: this process lost its lease (it stalled
   * past the lease's expiry and another process took the chat over).
   */
  async abandon(channel: string): Promise<void> {
    const runner = this.runners.get(channel);
    if (!runner) return;
    this.runners.delete(channel);
    await runner.stop();
  }

  /** Where the last finished chat's recap is, in words. */
  describeLastRecap(channel: string): string {
    const last = this.deps.store.sessions.lastEndedOnChannel(channel);
    if (!last) return 'No chat has finished in this channel yet.';
    const counts = this.deps.store.messages.answerCounts(last.id, 0);
    const title = (JSON.parse(last.script_json) as ChatScript).title;
    const where = this.deps.recapDir
      ? ` The full recap: ${this.deps.recapDir}/session-${last.id}.md (also .html, .json).`
      : '';
    const answers = `${counts.total} ${counts.total === 1 ? 'answer' : 'answers'}`;
    const people = `${counts.participants} ${counts.participants === 1 ? 'person' : 'people'}`;
    return `${title} (session ${last.id}): ${answers} from ${people}.${where}`;
  }

  private runnerOfMessage(id: MessageAddress): SessionRunner | undefined {
    const stored = this.deps.store.messages.get(id);
    if (!stored) return undefined;
    return [...this.runners.values()].find((runner) => runner.id === stored.session_id && !runner.ended);
  }
}

// "slack:T1:U123" → "U123": better than nothing when the platform cannot say a name.
function fallbackName(user: string): string {
  return user.split(':').at(-1) ?? user;
}
