import type { Logger } from '../../src/log.js';
import type { ChannelAddress, HistoryResult, InboundMessage, MessageAddress } from '../../src/port.js';

/** What catching up needs from its adapter. */
export interface CatchUpDeps {
  /** "Slack", "Discord": how log lines name the platform. */
  platform: string;
  /** The adapter's own history fetch (channel, its threads, and the named questions' threads). */
  fetchHistory(channel: ChannelAddress, since: number, threads: MessageAddress[]): Promise<HistoryResult>;
  /**
   * Hands one fetched message to the core unless it was already handed on (live, or by an earlier
   * catch-up); true when it was handed on now.
   */
  deliver(message: InboundMessage): Promise<boolean>;
  /** The channel chats run in unless a command names another: always caught up. */
  defaultChannel(): ChannelAddress;
  log: Logger;
  /** Wall time; the platform's timestamps are wall time too. */
  now?: () => number;
}

// Covers a dead connection not yet noticed (a missed heartbeat or ping) and clocks that disagree a little;
// what was already handed on is skipped by address.
const OVERLAP_MS = 60_000;
// A channel the bot has not posted in for this long runs no chat: it is not read after a reconnect.
const CHANNEL_IDLE_MS = 12 * 60 * 60_000;
const QUESTIONS_PER_CHANNEL = 50;

/**
 * After a reconnect the platform does not replay (a new Discord session, a Socket Mode socket reopened
 * after an outage), reads what was said meanwhile — each channel the bot hosts in and its questions'
 * threads — exactly as a restart does, and hands it to the core through handleMessage, which is safe to
 * call again for an address it knows. Logs the loss, the return (with how long it took) and the catch-up,
 * one readable line each.
 */
export class ReconnectCatchUp {
  private readonly channels = new Map<ChannelAddress, { seenAt: number; questions: MessageAddress[] }>();
  private lostAt: number | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly deps: CatchUpDeps) {}

  /** The bot posts (or was asked to catch up) in `channel`: a chat may run there. */
  noteChannel(channel: ChannelAddress): void {
    const known = this.channels.get(channel);
    if (known) known.seenAt = this.now();
    else this.channels.set(channel, { seenAt: this.now(), questions: [] });
  }

  /** A question's address, whose thread a catch-up reads even when the question is older than the gap. */
  noteQuestion(channel: ChannelAddress, question: MessageAddress): void {
    this.noteChannel(channel);
    const { questions } = this.channels.get(channel)!;
    if (questions.includes(question)) return;
    questions.push(question);
    if (questions.length > QUESTIONS_PER_CHANNEL) questions.shift();
  }

  /** Whether the connection is down (lost and not back yet). */
  get down(): boolean {
    return this.lostAt !== undefined;
  }

  /** How long the connection has been down (0 while it is up). */
  downForMs(): number {
    return this.lostAt === undefined ? 0 : this.now() - this.lostAt;
  }

  /** The connection dropped; the first notice of an outage counts and is logged. */
  lost(reason: string): void {
    if (this.lostAt !== undefined) return;
    this.lostAt = this.now();
    this.deps.log.info(`${this.deps.platform} connection lost (${reason}); reconnecting`);
  }

  /** Back on the same session: the platform replays what was missed itself. */
  resumed(detail: string): void {
    const lostAt = this.lostAt;
    this.lostAt = undefined;
    this.deps.log.info(`${this.deps.platform} connection back after ${seconds(lostAt, this.now())}; ${detail}`);
  }

  /**
   * Back on a fresh session, where nothing missed is replayed: reads history since the loss. Resolves once
   * every message found was handed on; catch-ups never overlap.
   */
  freshSession(detail: string): Promise<void> {
    const now = this.now();
    const lostAt = this.lostAt ?? now;
    this.lostAt = undefined;
    const since = lostAt - OVERLAP_MS;
    this.deps.log.info(
      `${this.deps.platform} connection back after ${seconds(lostAt, now)} on a new session (${detail}); ` +
        `nothing missed is replayed, catching up from history since ${new Date(since).toISOString()}`,
    );
    this.running = this.running.then(() => this.catchUp(since));
    return this.running;
  }

  private async catchUp(since: number): Promise<void> {
    let delivered = 0;
    let read = 0;
    const gaps: string[] = [];
    const channels = this.channelsToRead();
    for (const [channel, questions] of channels) {
      let result: HistoryResult;
      try {
        result = await this.deps.fetchHistory(channel, since, questions);
      } catch (error) {
        gaps.push(`${channel}: ${(error as Error).message}`);
        continue;
      }
      if (result.incomplete) gaps.push(`${channel}: ${result.incomplete}`);
      for (const message of result.messages) {
        if (message.author.isBot) continue;
        read++;
        try {
          if (await this.deps.deliver(message)) delivered++;
        } catch (error) {
          gaps.push(`${message.id}: ${(error as Error).message}`);
        }
      }
    }
    const line =
      `${this.deps.platform} caught up after the reconnect: ${delivered} missed message(s) handed on ` +
      `(${read} read from history in ${channels.size} channel(s) and their threads)`;
    if (gaps.length > 0) this.deps.log.warn(`${line}; incomplete: ${gaps.join('; ')}`);
    else this.deps.log.info(line);
  }

  private channelsToRead(): Map<ChannelAddress, MessageAddress[]> {
    const now = this.now();
    const read = new Map<ChannelAddress, MessageAddress[]>([[this.deps.defaultChannel(), []]]);
    for (const [channel, known] of this.channels) {
      if (now - known.seenAt <= CHANNEL_IDLE_MS) read.set(channel, [...known.questions]);
    }
    return read;
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }
}

function seconds(from: number | undefined, to: number): string {
  return from === undefined ? 'an unnoticed drop' : `${((to - from) / 1000).toFixed(1)} s`;
}
