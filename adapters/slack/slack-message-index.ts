import { slackAddress } from './slack-addresses.js';

/** What this process learnt about a message it saw. */
export interface SeenMessage {
  /** The address it was given to the core under. */
  address: string;
  /** Its author's Slack user id. */
  user: string;
}

/**
 * Messages seen by this process, by channel and ts, most recent kept. Two uses: an applause names the
 * authors of the answers it stands for, and an edit or delete that does not say which thread its message
 * was in (Slack's documented `message_deleted` omits `previous_message`) still finds the address the
 * core stored.
 */
export class MessageIndex {
  private readonly seen = new Map<string, SeenMessage>();
  private readonly byAddress = new Map<string, string>();

  constructor(private readonly capacity = 50_000) {}

  /** Records a message given to the core. */
  remember(team: string, channel: string, ts: string, threadTs: string | undefined, user: string): string {
    const address = slackAddress.message(team, channel, ts, threadTs);
    const key = `${channel}:${ts}`;
    this.seen.delete(key);
    this.seen.set(key, { address, user });
    this.byAddress.set(address, user);
    if (this.seen.size > this.capacity) {
      const [oldest, entry] = this.seen.entries().next().value!;
      this.seen.delete(oldest);
      this.byAddress.delete(entry.address);
    }
    return address;
  }

  /** The address of a message: as recorded, else built from what the event says. */
  addressOf(team: string, channel: string, ts: string, threadTs: string | undefined): string {
    if (threadTs) return slackAddress.message(team, channel, ts, threadTs);
    return this.seen.get(`${channel}:${ts}`)?.address ?? slackAddress.message(team, channel, ts);
  }

  /** The author of a message given to the core, if this process saw it. */
  authorOf(address: string): string | undefined {
    return this.byAddress.get(address);
  }
}
