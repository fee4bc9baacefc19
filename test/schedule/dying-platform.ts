import type {
  AnnouncementChange,
  ChannelAddress,
  OutboundMessage,
  PostedMessage,
  RunAnnouncement,
} from '../../src/port.js';
import { RecordingPlatform } from '../support/recording-platform.js';

/** One announcement as the platform keeps it. */
export interface KeptAnnouncement {
  id: string;
  run: RunAnnouncement;
  status: 'scheduled' | 'active' | 'completed' | 'canceled';
}

/**
 * A RecordingPlatform with announcements that can "die": while `dying` is set, a reminder post or an
 * announcement is accepted and kept by the platform, but its answer never comes back, as when the bot is
 * SIGKILLed during the call. What the platform kept outlives the scheduler, like Discord's own records.
 */
export class DyingPlatform extends RecordingPlatform {
  readonly announcements: KeptAnnouncement[] = [];
  readonly changes: { id: string; change: AnnouncementChange }[] = [];
  dying = false;
  private seqAnnouncement = 0;

  override async post(channel: ChannelAddress, message: OutboundMessage): Promise<PostedMessage> {
    const posted = await super.post(channel, message);
    return this.dying && message.kind === 'reminder' ? never() : posted;
  }

  async announceRun(run: RunAnnouncement): Promise<string> {
    // An answer that arrives a little later, so overlapping calls really overlap.
    await new Promise((resolve) => setImmediate(resolve));
    const id = `event${++this.seqAnnouncement}`;
    this.announcements.push({ id, run, status: 'scheduled' });
    return this.dying ? never() : id;
  }

  async findAnnouncement(run: RunAnnouncement): Promise<string | undefined> {
    return this.announcements.find((a) => a.run.channel === run.channel && a.run.start === run.start)?.id;
  }

  async updateAnnouncement(id: string, change: AnnouncementChange): Promise<void> {
    const kept = this.announcements.find((a) => a.id === id);
    if (!kept) throw new Error(`no announcement ${id}`);
    this.changes.push({ id, change });
    if (change.run) kept.run = change.run;
    if (change.status) kept.status = change.status;
  }

  async withdrawAnnouncement(id: string): Promise<void> {
    this.announcements.splice(
      this.announcements.findIndex((a) => a.id === id),
      1,
    );
  }

  /** Announcements kept for a start. */
  announcementsAt(start: number): KeptAnnouncement[] {
    return this.announcements.filter((a) => a.run.start === start);
  }
}

function never<T>(): Promise<T> {
  return new Promise<T>(() => undefined);
}
