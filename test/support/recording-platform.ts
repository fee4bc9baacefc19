import type {
  HistoryResult,
  InboundMessage,
  ChannelAddress,
  MessageAddress,
  OutboundMessage,
  Platform,
  PlatformLimits,
  PostedMessage,
  Reaction,
  UserAddress,
} from '../../src/port.js';
import type { Clock } from '../../src/time/clock.js';

/** One thing the core sent, with the clock's time when it was sent. */
export interface RecordedPost {
  address: MessageAddress;
  channel: ChannelAddress;
  replyTo?: MessageAddress;
  message: OutboundMessage;
  at: number;
}

/**
 * A Platform that keeps everything the core sends, for engine tests (adapters have their own tests
 * against fake Slack and Discord servers). `failNext` makes the next calls fail like a platform outage.
 */
export class RecordingPlatform implements Platform {
  readonly name = 'test';
  readonly posts: RecordedPost[] = [];
  readonly reactions: { to: MessageAddress; reaction: Reaction; at: number }[] = [];
  failNext = 0;
  /** What the platform remembers people said: served by fetchHistory after a restart. */
  readonly history: InboundMessage[] = [];
  private seq = 0;

  constructor(
    private readonly clock: Clock,
    readonly limits: PlatformLimits = { messageLength: 4000, mentionsPerMessage: 100 },
  ) {}

  async post(channel: ChannelAddress, message: OutboundMessage): Promise<PostedMessage> {
    this.maybeFail();
    const address = `${channel}:bot${++this.seq}`;
    this.posts.push({ address, channel, message, at: this.clock.now() });
    return { address };
  }

  async reply(to: MessageAddress, message: OutboundMessage): Promise<PostedMessage> {
    this.maybeFail();
    const address = `${to}:reply${++this.seq}`;
    this.posts.push({ address, channel: to, replyTo: to, message, at: this.clock.now() });
    return { address };
  }

  async react(to: MessageAddress, reaction: Reaction): Promise<void> {
    this.reactions.push({ to, reaction, at: this.clock.now() });
  }

  mention(user: UserAddress): string {
    return `<@${user}>`;
  }

  quote(text: string): string {
    return text.replace(/@(everyone|here)/g, '@\u200b$1');
  }

  async fetchHistory(channel: ChannelAddress, since: number): Promise<HistoryResult> {
    return { messages: this.history.filter((m) => m.channel === channel && m.ts >= since) };
  }

  async findOwnPost(channel: ChannelAddress, since: number, text: string): Promise<MessageAddress | undefined> {
    return this.posts.find((p) => p.channel === channel && p.at >= since && p.message.text.startsWith(text))?.address;
  }

  /** Posts of one kind, in order. */
  ofKind(kind: OutboundMessage['kind']): RecordedPost[] {
    return this.posts.filter((p) => p.message.kind === kind);
  }

  private maybeFail(): void {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('platform unavailable');
    }
  }
}
