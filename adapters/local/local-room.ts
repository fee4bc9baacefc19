import { createInterface, type Interface } from 'node:readline';
import { randomBytes } from 'node:crypto';
import type {
  ChannelAddress,
  HistoryResult,
  ChatInbound,
  HostNotice,
  HostNoticeResult,
  InboundAuthor,
  MessageAddress,
  OutboundMessage,
  PlatformAdapter,
  PostedMessage,
  Reaction,
  UserAddress,
} from '../../src/port.js';
import type { Clock } from '../../src/time/clock.js';
import { PromptLine } from './prompt-line.js';
import { RoomLog } from './room-log.js';
import { TerminalOutput } from './terminal-output.js';

/** Settings for the terminal room. */
export interface LocalRoomConfig {
  /** Where the person types; lines are messages, "/pause" etc. are host commands. */
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Where the room is shown. */
  output: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Whether to colour the output (the entry point decides, from NO_COLOR/FORCE_COLOR); default none. */
  colors?: boolean;
  /**
   * Whether the person types at a line-editing prompt kept under the status line; default: when input
   * and output are both terminals. Otherwise input is read line by line, as from a pipe.
   */
  interactive?: boolean;
  /** What Ctrl-C at the prompt does (the keyboard is raw there); default: raise SIGINT, as without a prompt. */
  onInterrupt?: () => void;
  /** The chat's clock, for timestamps. */
  clock: Clock;
  /** The name the person at the keyboard chats under. */
  userName: string;
  /** The name the bot posts under. */
  botName: string;
  /** A JSONL file keeping the room's history across restarts (see RoomLog); none keeps nothing. */
  roomLogPath?: string;
  /** The instant timestamps count from (the session's start); defaults to now. */
  elapsedFrom?: number;
}

/** A message shown in the room, for listeners such as the simulated crowd. */
export interface RoomPost {
  /** Its address. */
  address: MessageAddress;
  /** What was posted. */
  message: OutboundMessage;
}

const CHANNEL = 'local:room';

/**
 * The embedded default platform: a chat room in the terminal. The person at the keyboard is a
 * participant whose answers count, and a host for slash commands.
 */
export class LocalRoom implements PlatformAdapter {
  readonly name = 'local';
  readonly community = 'local';
  readonly defaultChannel = CHANNEL;
  readonly limits = { messageLength: 2000, mentionsPerMessage: 50 };
  /** Terminal output, shared with the entry point's status line. */
  readonly terminal: TerminalOutput;
  private readonly listeners: ((post: RoomPost) => void)[] = [];
  private readonly names = new Map<UserAddress, string>();
  private readline: Interface | undefined;
  private prompt: PromptLine | undefined;
  private inbound: ChatInbound | undefined;
  private readonly origin: number;
  private readonly log: RoomLog | undefined;
  // Addresses must stay unique across restarts, or a stored message would swallow a new one.
  private readonly runId = randomBytes(3).toString('hex');
  private seq = 0;
  /** Acknowledgements shown so far. */
  reactions = 0;

  constructor(private readonly config: LocalRoomConfig) {
    this.terminal = new TerminalOutput(config.output, config.colors ?? false);
    this.origin = config.elapsedFrom ?? config.clock.now();
    this.log = config.roomLogPath ? new RoomLog(config.roomLogPath) : undefined;
  }

  /** The person at the keyboard, as the core sees them. */
  get user(): InboundAuthor {
    return { id: `local:${this.config.userName}`, displayName: this.config.userName, isBot: false, isHost: false };
  }

  /** The person at the keyboard hosts the room (their commands act); nobody else does. */
  async isHost(user: UserAddress): Promise<boolean> {
    return user === this.user.id;
  }

  async start(inbound: ChatInbound): Promise<void> {
    this.inbound = inbound;
    const { input, output } = this.config;
    if (this.config.interactive ?? Boolean(input.isTTY && output.isTTY)) {
      this.prompt = new PromptLine({
        input,
        output,
        terminal: this.terminal,
        prompt: 'you › ',
        onLine: (line) => void this.onLine(line),
        onInterrupt: this.config.onInterrupt ?? (() => process.kill(process.pid, 'SIGINT')),
      });
      return;
    }
    this.readline = createInterface({ input, terminal: false });
    this.readline.on('line', (line) => void this.onLine(line));
  }

  async stop(): Promise<void> {
    this.prompt?.close();
    this.prompt = undefined;
    this.readline?.close();
    this.readline = undefined;
    this.terminal.finish();
  }

  /** Calls `listener` for everything the bot posts. */
  onPost(listener: (post: RoomPost) => void): void {
    this.listeners.push(listener);
  }

  /** Sends a message into the room as someone (the crowd uses this); returns its address. */
  async say(author: InboundAuthor, text: string, replyTo?: MessageAddress): Promise<MessageAddress> {
    const address = `${CHANNEL}:${this.runId}-m${++this.seq}`;
    const ts = this.config.clock.now();
    this.names.set(address, author.displayName);
    this.show(author.displayName, text, replyTo);
    this.log?.append({ id: address, authorId: author.id, author: author.displayName, text, ts, bot: false, replyTo });
    await this.inbound?.handleMessage({
      id: address,
      channel: CHANNEL,
      community: this.community,
      author,
      text,
      ts,
      ...(replyTo ? { replyTo } : {}),
    });
    return address;
  }

  async fetchHistory(channel: ChannelAddress, since: number): Promise<HistoryResult> {
    if (!this.log) return { messages: [], incomplete: 'this room keeps no log (start it with --room FILE)' };
    const { entries, skipped } = this.log.readSince(since);
    const messages = entries.map((entry) => ({
      id: entry.id,
      channel,
      community: this.community,
      author: { id: entry.authorId, displayName: entry.author, isBot: entry.bot, isHost: false },
      text: entry.text,
      ts: entry.ts,
      ...(entry.replyTo ? { replyTo: entry.replyTo } : {}),
    }));
    for (const entry of entries) this.names.set(entry.id, entry.author);
    return skipped > 0 ? { messages, incomplete: `${skipped} unreadable line(s) in the room log` } : { messages };
  }

  async findOwnPost(_channel: ChannelAddress, since: number, text: string): Promise<MessageAddress | undefined> {
    return this.log?.readSince(since).entries.find((entry) => entry.bot && entry.text.startsWith(text))?.id;
  }

  async post(_channel: string, message: OutboundMessage): Promise<PostedMessage> {
    return this.publish(message);
  }

  async reply(to: MessageAddress, message: OutboundMessage): Promise<PostedMessage> {
    return this.publish(message, to);
  }

  async react(_to: MessageAddress, _reaction: Reaction): Promise<void> {
    // Shown as a running count on the status line: a line per reaction would drown the chat.
    this.reactions++;
  }

  /** Shows a notice to the person at the keyboard, who hosts this room; files by name and size only. */
  async notifyHosts(notice: HostNotice): Promise<HostNoticeResult> {
    const files = (notice.files ?? []).map((file) => `${file.name} (${formatSize(byteLength(file.content))})`);
    const lines = `(to the hosts) ${notice.text}`.split('\n');
    if (files.length) lines.push(`files: ${files.join(', ')}`);
    this.terminal.print(lines.join(`\n${' '.repeat(6)}`));
    return { reached: 1, failed: [] };
  }

  mention(_user: UserAddress, displayName: string): string {
    return `@${displayName}`;
  }

  quote(text: string): string {
    return text;
  }

  private publish(message: OutboundMessage, replyTo?: MessageAddress): PostedMessage {
    const address = `${CHANNEL}:${this.runId}-b${++this.seq}`;
    this.names.set(address, this.config.botName);
    this.log?.append({
      id: address,
      authorId: 'local:emcee',
      author: this.config.botName,
      text: message.text,
      ts: this.config.clock.now(),
      bot: true,
      replyTo,
    });
    this.show(this.config.botName, message.text, replyTo, message.kind === 'question');
    for (const listener of this.listeners) listener({ address, message });
    return { address };
  }

  private show(author: string, text: string, replyTo?: MessageAddress, prominent = false): void {
    const t = this.terminal;
    const elapsed = Math.max(0, Math.round((this.config.clock.now() - this.origin) / 1000));
    const stamp = t.dim(
      `${String(Math.floor(elapsed / 60)).padStart(2, '0')}:${String(elapsed % 60).padStart(2, '0')}`,
    );
    const thread = replyTo ? t.dim(`↳ ${this.names.get(replyTo) ?? 'thread'} `) : '';
    const body = prominent ? t.bold(text) : text;
    const [first, ...rest] = body.split('\n');
    const indent = ' '.repeat(6);
    t.print(`${stamp} ${thread}${t.tint(author, author)}: ${first}${rest.map((l) => `\n${indent}${l}`).join('')}`);
  }

  private async onLine(line: string): Promise<void> {
    const text = line.trim();
    if (!text || !this.inbound) return;
    if (!text.startsWith('/')) {
      await this.say(this.user, text);
      return;
    }
    const [name = '', ...args] = text.slice(1).split(/\s+/);
    const reply = await this.inbound.handleCommand({
      channel: CHANNEL,
      community: this.community,
      by: { ...this.user, isHost: true },
      name,
      args,
    });
    this.terminal.print(this.terminal.dim(`(only you see this) ${reply.text}`));
  }
}

function byteLength(content: string | Uint8Array): number {
  return typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.byteLength;
}

// "512 B", "1.5 kB", "2.3 MB": enough to tell a recap from an empty file.
function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
