import type { ChatRouter } from '../chat-router.js';
import type { ChatStore } from '../store/chat-store.js';
import type { Clock } from '../time/clock.js';

/**
 * Carries out host controls queued in the database by `emcee pause|skip|…` on the command line, as the
 * same engine calls behind the chat commands. Whoever can write the bot's database is its operator, so
 * these count as a host's.
 */
export class ControlInbox {
  constructor(
    private readonly store: ChatStore,
    private readonly router: ChatRouter,
    private readonly clock: Clock,
    /** The community these requests act in. */
    private readonly community: string,
    /** Channels this bot serves: requests for others are left to the bot that serves them. */
    private readonly serves: (channel: string) => boolean,
  ) {}

  /** Handles every pending request for a channel this bot serves; returns how many. */
  async processPending(): Promise<number> {
    let handled = 0;
    for (const request of this.store.controls.pending()) {
      if (!this.serves(request.channel)) continue;
      const reply = await this.router.handleCommand({
        channel: request.channel,
        community: this.community,
        by: { id: 'cli:operator', displayName: 'operator', isBot: false, isHost: true },
        name: request.command,
        args: JSON.parse(request.args) as string[],
      });
      this.store.controls.answer(request.id, reply.ok, reply.text, this.clock.now());
      handled++;
    }
    return handled;
  }
}
