import type { Logger } from '../log.js';
import type { ChannelAddress, MessageAddress, OutboundMessage, Platform } from '../port.js';
import type { ChatStore } from '../store/chat-store.js';
import type { Clock } from '../time/clock.js';

/**
 * Posts once per purpose per session: each post is recorded as pending before it is sent and confirmed
 * after, so a retry or a restart never posts the same thing twice.
 */
export class PostLedger {
  constructor(
    private readonly deps: { store: ChatStore; platform: Platform; clock: Clock; log: Logger },
    private readonly sessionId: number,
    private readonly channel: ChannelAddress,
  ) {}

  /** Posts `message` unless this purpose was already posted; returns the posted address. */
  async postOnce(
    purpose: string,
    message: OutboundMessage,
    options: { questionNumber?: number; replyTo?: MessageAddress } = {},
  ): Promise<MessageAddress | undefined> {
    const { store, platform, clock, log } = this.deps;
    const existing = store.posts.get(this.sessionId, purpose);
    if (existing?.state === 'sent') return existing.address ?? undefined;
    if (!existing) {
      store.posts.recordPending({
        sessionId: this.sessionId,
        purpose,
        kind: message.kind,
        questionNumber: options.questionNumber,
        now: clock.now(),
      });
    }
    try {
      const posted = options.replyTo
        ? await platform.reply(options.replyTo, message)
        : await platform.post(this.channel, message);
      store.posts.confirm(this.sessionId, purpose, posted.address, clock.now());
      return posted.address;
    } catch (error) {
      store.posts.dropPending(this.sessionId, purpose);
      log.error(`Could not post ${purpose}`, { session: this.sessionId, error });
      return undefined;
    }
  }
}
