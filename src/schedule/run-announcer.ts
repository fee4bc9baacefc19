import type { Logger } from '../log.js';
import type { AnnouncementChange, Platform, RunAnnouncement } from '../port.js';
import { planForRun } from '../plan/episode-book.js';
import { planTimeline } from '../script/timeline.js';
import type { ChatStore } from '../store/chat-store.js';
import type { PlannedRunRow } from '../store/schedule-repo.js';
import type { Clock } from '../time/clock.js';
import type { ScheduledChat } from './scheduler.js';

// How far a run may move and keep its announcement: within the week it was planned for.
const MOVE_WINDOW_MS = 7 * 24 * 3_600_000;

/**
 * Keeps the platform's announcements (Discord Scheduled Events) in step with the plan and with the chats:
 * one per planned run, moved in place when its run moves, active while its chat runs, completed after,
 * cancelled when its start was missed. Each announcement is recorded as pending before it is made, so a
 * crash while the call is in flight is followed by a look-up rather than a second announcement.
 */
export class RunAnnouncer {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: { store: ChatStore; platform: Platform; log: Logger; clock: Clock; community: string },
    private readonly chats: ReadonlyMap<string, ScheduledChat>,
  ) {}

  /**
   * Brings every announcement up to date. Overlapping calls run one after the other (two at once would
   * both see a run unannounced and announce it twice). Failures are logged and retried on the next call.
   */
  sync(): Promise<void> {
    const next = this.queue.then(() => this.syncOnce());
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async syncOnce(): Promise<void> {
    if (!this.deps.platform.announceRun) return;
    await this.settleCancelled();
    await this.settleFinished();
    await this.announcePlanned();
  }

  // A cancelled run's announcement moves to the run that replaced it (PATCH keeps "Interested" marks),
  // or is withdrawn when nothing replaced it or the platform cannot move one.
  private async settleCancelled(): Promise<void> {
    const { store, platform, community } = this.deps;
    const planned = store.schedule.plannedRuns(community);
    for (const run of store.schedule.cancelledWithAnnouncement(community)) {
      // A run moved (an edited schedule, an episode moved to another time) keeps its announcement; one with no
      // new run within the week is withdrawn, never handed to an unrelated date weeks later (members marked
      // "Interested" in that date, not in whatever comes next).
      const replaces = (p: PlannedRunRow) =>
        p.script_id === run.script_id &&
        p.channel === run.channel &&
        !p.announcement &&
        p.announcing_at === null &&
        Math.abs(p.run_at - run.run_at) <= MOVE_WINDOW_MS;
      const successor = platform.updateAnnouncement ? planned.find(replaces) : undefined;
      if (successor) {
        store.schedule.moveAnnouncement(run.id, successor.id);
        successor.announcement = run.announcement;
        continue; // announcePlanned sends the move
      }
      await this.attempt('withdraw the announcement of a cancelled chat', run, async () => {
        await platform.withdrawAnnouncement?.(run.announcement!);
        store.schedule.setAnnouncement(run.id, null);
      });
    }
  }

  private async settleFinished(): Promise<void> {
    const { store, platform, community } = this.deps;
    for (const run of store.schedule.announcementsToSettle(community)) {
      const id = run.announcement!;
      if (run.state === 'missed') {
        await this.attempt('cancel the announcement of a missed chat', run, async () => {
          if (platform.updateAnnouncement) await platform.updateAnnouncement(id, { status: 'canceled' });
          else await platform.withdrawAnnouncement?.(id);
          store.schedule.setAnnouncementStatus(run.id, 'canceled');
        });
        continue;
      }
      if (!platform.updateAnnouncement) continue;
      const ended = run.session_id !== null && store.sessions.get(run.session_id)?.state === 'ended';
      // The platform's order is scheduled → active → completed, so a chat that ended unseen goes through both.
      if (run.announcement_status !== 'active') {
        const done = await this.attempt('mark the announcement of a started chat active', run, async () => {
          await platform.updateAnnouncement!(id, { status: 'active' });
          store.schedule.setAnnouncementStatus(run.id, 'active');
        });
        if (!done) continue;
      }
      if (ended) {
        await this.attempt('mark the announcement of an ended chat completed', run, async () => {
          await platform.updateAnnouncement!(id, { status: 'completed' });
          store.schedule.setAnnouncementStatus(run.id, 'completed');
        });
      }
    }
  }

  private async announcePlanned(): Promise<void> {
    const { store, platform, clock, community } = this.deps;
    for (const run of store.schedule.plannedRuns(community)) {
      const chat = this.chats.get(run.script_id);
      if (!chat) continue;
      const fields = this.fieldsOf(run, chat);
      const said = JSON.stringify(fields);
      if (run.announcement) {
        // Moved with its run, or its episode changed: edited in place, so members' "Interested" marks stay.
        const moving = run.announcement_status === 'moving';
        const changed = run.announced_fields !== null && run.announced_fields !== said;
        if ((!moving && !changed) || !platform.updateAnnouncement) continue;
        await this.attempt('update the announcement of a changed chat', run, async () => {
          await platform.updateAnnouncement!(run.announcement!, { run: fields } satisfies AnnouncementChange);
          if (moving) store.schedule.setAnnouncementStatus(run.id, null);
          store.schedule.setAnnouncedFields(run.id, said);
        });
        continue;
      }
      await this.attempt('announce a scheduled chat', run, async () => {
        // Pending from a run of the bot that died during the call: the platform may have it already.
        const found = run.announcing_at !== null ? await platform.findAnnouncement?.(fields) : undefined;
        if (found) {
          store.schedule.setAnnouncement(run.id, found);
          return;
        }
        store.schedule.markAnnouncing(run.id, clock.now());
        try {
          store.schedule.setAnnouncement(run.id, await platform.announceRun!(fields));
          store.schedule.setAnnouncedFields(run.id, said);
        } catch (error) {
          store.schedule.markAnnouncing(run.id, null); // refused, so nothing to look for
          throw error;
        }
      });
    }
  }

  // What members see ahead: the episode's topic, guests and first questions when one is planned.
  private fieldsOf(run: PlannedRunRow, chat: ScheduledChat): RunAnnouncement {
    const plan = planForRun(this.deps.store, chat.script, run.run_at);
    const script = 'script' in plan ? plan.script : chat.script;
    const guests = script.guests.length
      ? [`Guest${script.guests.length > 1 ? 's' : ''}: ${script.guests.map((g) => g.name).join(', ')}`]
      : [];
    const questions = script.questions.slice(0, 3).map((q, i) => `Q${i + 1}: ${q.text}`);
    return {
      title: `${script.title} ${script.hashtag}`,
      description: [...(script.topic ? [script.topic] : []), ...guests, ...questions].join('\n'),
      start: run.run_at,
      end: run.run_at + planTimeline(script).closingOffset,
      channel: run.channel,
    };
  }

  private async attempt(what: string, run: PlannedRunRow, action: () => Promise<void>): Promise<boolean> {
    try {
      await action();
      return true;
    } catch (error) {
      this.deps.log.warn(`Could not ${what}`, { script: run.script_id, error });
      return false;
    }
  }
}
