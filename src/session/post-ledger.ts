import type { Logger } from '../log.js';
import type { ChannelAddress, MessageAddress, OutboundMessage, Platform } from '../port.js';
import type { ChatStore } from '../store/chat-store.js';
import type { Clock } from '../time/clock.js';
import type { ChatLeases } from './chat-leases.js';

/**
 * Posts once per purpose per session: each post is recorded as pending before it is sent and confirmed
 * after, so a retry or a restart never posts the same thing twice.
 */
export class PostLedger {
  constructor(
    private readonly deps: { store: ChatStore; platform: Platform; clock: Clock; log: Logger; leases?: ChatLeases },
    private readonly sessionId: number,
    private readonly channel: ChannelAddress,
  ) {}

  /**
   * Settles posts left pending by a crash: one the platform shows in its history is confirmed, any other
   * is forgotten so its step posts it again. Returns how many were found already posted.
   */
  async reconcilePending(): Promise<{ confirmed: number; resent: number }> {
    const { store, platform, log } = this.deps;
    let confirmed = 0;
    let resent = 0;
    for (const post of store.posts.pending(this.sessionId)) {
      let found: MessageAddress | undefined;
      if (platform.findOwnPost && post.text_start) {
        try {
          found = await platform.findOwnPost(this.channel, post.created_at - 60_000, post.text_start);
        } catch (error) {
          log.warn('Could not check the platform for an unconfirmed post; it will be sent again', { error });
        }
      }
      if (found) {
        // It went out when recorded, not now: what people wrote meanwhile is judged against it as asked then.
        store.posts.confirm(this.sessionId, post.purpose, found, post.created_at);
        confirmed++;
      } else {
        store.posts.dropPending(this.sessionId, post.purpose);
        resent++;
      }
    }
    return { confirmed, resent };
  }

  /** Posts `message` unless this purpose was already posted; returns the posted address. */
  async postOnce(
    purpose: string,
    message: OutboundMessage,
    options: { questionNumber?: number; replyTo?: MessageAddress } = {},
  ): Promise<MessageAddress | undefined> {
    const { store, platform, clock, log } = this.deps;
    const existing = store.posts.get(this.sessionId, purpose);
    if (existing?.state === 'sent') return existing.address ?? undefined;
    // A process that lost its lease (it stalled, and another took the chat over) must never post again.
    if (this.deps.leases && !this.deps.leases.holds(this.channel)) {
      log.warn(`Not posting ${purpose}: another process runs this chat now`, { session: this.sessionId });
      return undefined;
    }
    if (!existing) {
      // Never posted unrecorded: with the database busy or full, the post waits until it is written.
      await store.writes.write(() =>
        store.posts.recordPending({
          sessionId: this.sessionId,
          purpose,
          kind: message.kind,
          questionNumber: options.questionNumber,
          text: message.text,
          now: clock.now(),
        }),
      );
    }
    try {
      const posted = options.replyTo
        ? await platform.reply(options.replyTo, message)
        : await platform.post(this.channel, message);
      const sentAt = clock.now();
      await store.writes.write(() => store.posts.confirm(this.sessionId, purpose, posted.address, sentAt));
      return posted.address;
    } catch (error) {
      await store.writes.write(() => store.posts.dropPending(this.sessionId, purpose)).catch(() => undefined);
      log.error(`Could not post ${purpose}`, { session: this.sessionId, error });
      return undefined;
    }
  }
}
