import type {
  ChannelAddress,
  ChatInbound,
  MessageAddress,
  OutboundMessage,
  Platform,
  PostedMessage,
  PostKind,
  Reaction,
  UserAddress,
} from '../../src/port.js';

/** A post at which the bot dies: just before sending it, or after it went out but before it was confirmed. */
export interface PostCrash {
  kind: PostKind;
  /** For questions: which one. */
  question?: number;
  when: 'before-send' | 'after-send';
}

// What a dead process's calls do: never answer.
const never = <T>() => new Promise<T>(() => undefined);

/**
 * A platform as one process of the bot sees it, which can die at a chosen post or at any moment: from then
 * on nothing it asks of the platform answers and nothing the platform delivers reaches it, like a SIGKILL.
 * The store is shared with the next "process", which recovers from it.
 */
export class CrashingPlatform implements Platform {
  readonly name: string;
  readonly limits: Platform['limits'];
  private dead = false;
  private armed: PostCrash | undefined;
  private died!: () => void;
  /** Resolves when this process has died. */
  readonly crashed = new Promise<void>((resolve) => (this.died = resolve));
  readonly fetchHistory?: Platform['fetchHistory'];
  readonly findOwnPost?: (channel: ChannelAddress, since: number, text: string) => Promise<MessageAddress | undefined>;

  constructor(private readonly inner: Platform) {
    this.name = inner.name;
    this.limits = inner.limits;
    if (inner.fetchHistory) {
      const fetch = inner.fetchHistory.bind(inner);
      this.fetchHistory = (channel, since, threads) => this.alive(() => fetch(channel, since, threads));
    }
    if (inner.findOwnPost) {
      const find = inner.findOwnPost.bind(inner);
      this.findOwnPost = (channel, since, text) => this.alive(() => find(channel, since, text));
    }
  }

  /** Dies at the next post matching `crash`. */
  arm(crash: PostCrash): void {
    this.armed = crash;
  }

  /** Dies now. */
  crash(): void {
    this.dead = true;
    this.died();
  }

  /** Whether it has died. */
  get isDead(): boolean {
    return this.dead;
  }

  /** What the adapter delivers, cut off once this process has died. */
  guard(inbound: ChatInbound): ChatInbound {
    return {
      handleMessage: (message) => this.alive(() => inbound.handleMessage(message)),
      handleEdit: (edit) => this.alive(() => inbound.handleEdit(edit)),
      handleDelete: (id) => this.alive(() => inbound.handleDelete(id)),
      handleCommand: (command) => this.alive(() => inbound.handleCommand(command)),
    };
  }

  post(channel: ChannelAddress, message: OutboundMessage): Promise<PostedMessage> {
    return this.send(message, () => this.inner.post(channel, message));
  }

  reply(to: MessageAddress, message: OutboundMessage): Promise<PostedMessage> {
    return this.send(message, () => this.inner.reply(to, message));
  }

  react(to: MessageAddress, reaction: Reaction): Promise<void> {
    return this.alive(() => this.inner.react(to, reaction));
  }

  mention(user: UserAddress, displayName: string): string {
    return this.inner.mention(user, displayName);
  }

  quote(text: string): string {
    return this.inner.quote(text);
  }

  formatTime(at: number, fallback: string): string {
    return this.inner.formatTime?.(at, fallback) ?? fallback;
  }

  private async send(message: OutboundMessage, call: () => Promise<PostedMessage>): Promise<PostedMessage> {
    const matches = this.matches(message);
    if (this.dead || (matches && this.armed?.when === 'before-send')) return this.dieNow();
    const posted = await call();
    if (this.dead || (matches && this.armed?.when === 'after-send')) return this.dieNow();
    return posted;
  }

  private matches(message: OutboundMessage): boolean {
    const armed = this.armed;
    if (!armed || armed.kind !== message.kind) return false;
    return armed.question === undefined || armed.question === message.question?.number;
  }

  private dieNow<T>(): Promise<T> {
    if (!this.dead) this.crash();
    return never<T>();
  }

  private alive<T>(call: () => Promise<T>): Promise<T> {
    return this.dead ? never<T>() : call();
  }
}
