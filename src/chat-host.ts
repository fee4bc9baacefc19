import type { ChatInbound, CommandReply, InboundCommand, InboundEdit, InboundMessage, MessageAddress } from './port.js';
import type { ScriptCatalog } from './script/script-catalog.js';
import type { ChatScript } from './script/script-schema.js';
import {
  formatDuration,
  SessionRunner,
  type CatchUpPolicy,
  type NewSession,
  type RecoveryReport,
  type SessionDeps,
  type SessionStatus,
} from './session/session-runner.js';
import type { SessionOutcome } from './session/session-outcome.js';

/** What the host needs: the session dependencies plus the scripts it may start. */
export interface ChatHostDeps extends SessionDeps {
  /** Scripts `/emcee start <name>` can run. */
  scripts?: ScriptCatalog;
  /** Where recaps are written, so `/emcee recap` can say where to find the last one. */
  recapDir?: string;
}

const CONTROLS = new Set(['start', 'pause', 'resume', 'skip', 'extend', 'end']);

/**
 * The core behind every adapter: routes inbound events to the session running in their channel and turns
 * host commands into session controls. One host serves one platform connection.
 */
export class ChatHost implements ChatInbound {
  private readonly runners = new Map<string, SessionRunner>();
  private describeNext: ((channel: string) => string) | undefined;

  constructor(private readonly deps: ChatHostDeps) {}

  /** Starts a chat in a channel; refuses when one is already running there. */
  async startSession(fields: NewSession): Promise<SessionRunner> {
    const existing = this.runnerFor(fields.channel) ?? this.deps.store.sessions.openOnChannel(fields.channel);
    if (existing) throw new SessionAlreadyRunning(existing instanceof SessionRunner ? existing.script.title : existing.script_id);
    const runner = this.track(SessionRunner.create(this.deps, fields));
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
      const runner = this.track(SessionRunner.restore(this.deps, row));
      reports.push(await runner.recover(policy));
    }
    return reports;
  }

  private track(runner: SessionRunner): SessionRunner {
    this.runners.set(runner.channel, runner);
    void runner.done.then(() => {
      if (this.runners.get(runner.channel) === runner) this.runners.delete(runner.channel);
    });
    return runner;
  }

  /** Lets `/emcee next` answer from the scheduler. */
  useSchedule(describeNext: (channel: string) => string): void {
    this.describeNext = describeNext;
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
    this.runnerFor(message.channel)?.handleMessage(message);
  }

  async handleEdit(edit: InboundEdit): Promise<void> {
    this.runnerOfMessage(edit.id)?.handleEdit(edit);
  }

  async handleDelete(id: MessageAddress): Promise<void> {
    this.runnerOfMessage(id)?.handleDelete(id);
  }

  async handleCommand(command: InboundCommand): Promise<CommandReply> {
    const name = command.name.toLowerCase();
    if (CONTROLS.has(name) && !command.by.isHost) {
      return { ok: false, text: `Only hosts can ${name} a chat. Ask a host of this community.` };
    }
    const runner = this.runnerFor(command.channel);
    switch (name) {
      case '':
      case 'help':
        return { ok: true, text: HELP };
      case 'status':
        return { ok: true, text: runner ? describeStatus(runner.status()) : 'No chat is running in this channel.' };
      case 'recap':
        return { ok: true, text: runner ? 'The recap comes as soon as this chat ends.' : this.lastRecap(command.channel) };
      case 'next':
        return { ok: true, text: this.describeNext?.(command.channel) ?? 'No chat is scheduled here.' };
      case 'start':
        return this.startFromCommand(command);
      case 'pause':
      case 'resume':
      case 'skip':
      case 'end':
      case 'extend': {
        if (!runner) return { ok: false, text: 'No chat is running in this channel.' };
        return reply(await this.control(runner, name, command.args));
      }
      default:
        return { ok: false, text: `I don't know "${command.name}". ${HELP}` };
    }
  }

  /** Cancels every timer and waits for calls in flight; sessions stay unfinished in the store. */
  async stop(): Promise<void> {
    await Promise.all([...this.runners.values()].map((runner) => runner.stop()));
    this.runners.clear();
  }

  private control(runner: SessionRunner, name: string, args: string[]): Promise<SessionOutcome> {
    if (name === 'pause') return runner.pause();
    if (name === 'resume') return runner.resume();
    if (name === 'skip') return runner.skip();
    if (name === 'end') return runner.end();
    return runner.extend(Number(args[0] ?? '5'));
  }

  private async startFromCommand(command: InboundCommand): Promise<CommandReply> {
    const scripts = this.deps.scripts;
    const name = command.args[0];
    if (!scripts) return { ok: false, text: 'Starting chats from here is not set up.' };
    if (!name) return { ok: false, text: `Say which chat to start: ${scripts.names().join(', ')}.` };
    let script: ChatScript;
    try {
      script = scripts.load(name);
    } catch (error) {
      return { ok: false, text: (error as Error).message };
    }
    try {
      await this.startSession({ script, community: command.community, channel: command.channel });
    } catch (error) {
      if (error instanceof SessionAlreadyRunning) return { ok: false, text: error.message };
      throw error;
    }
    return { ok: true, text: `Started "${script.title}".` };
  }

  private lastRecap(channel: string): string {
    const last = this.deps.store.sessions.lastEndedOnChannel(channel);
    if (!last) return 'No chat has finished in this channel yet.';
    const counts = this.deps.store.messages.answerCounts(last.id, 0);
    const title = (JSON.parse(last.script_json) as ChatScript).title;
    const where = this.deps.recapDir ? ` The full recap: ${this.deps.recapDir}/session-${last.id}.md (also .html, .json).` : '';
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

/** Starting a chat where one is already running. */
export class SessionAlreadyRunning extends Error {
  /** Stable code for callers. */
  readonly code = 'SESSION_ALREADY_RUNNING';
  constructor(title: string) {
    super(`"${title}" is already running in this channel. End it first with "end".`);
  }
}

function reply(outcome: SessionOutcome): CommandReply {
  return { ok: outcome.ok, text: outcome.text };
}

/** One line a host can read at a glance. */
export function describeStatus(status: SessionStatus): string {
  const where =
    status.openQuestion === 0
      ? 'Opening'
      : status.openQuestion > status.questionCount
        ? 'Closing'
        : `Q${status.openQuestion} of ${status.questionCount}`;
  const left = status.timeLeftMs === undefined ? '' : `, ${formatDuration(status.timeLeftMs)} left`;
  const paused = status.state === 'paused' ? ' (paused)' : '';
  return (
    `${status.title}: ${where}${paused}${left} · ${status.answers} answers` +
    ` (${status.answersOnQuestion} on this question) · ${status.participants} participants`
  );
}

const HELP =
  'Commands: start <script>, pause, resume, skip, extend <minutes>, end (hosts only); status, next, recap, help (everyone).';
