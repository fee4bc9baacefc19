import type { ChatRouter } from '../chat-router.js';
import type { Logger } from '../log.js';
import type { ChannelAddress, Platform } from '../port.js';
import { fillTemplate } from '../script/fill-template.js';
import type { ChatScript } from '../script/script-schema.js';
import type { ChatStore } from '../store/chat-store.js';
import type { DueReminder, PlannedRunRow } from '../store/schedule-repo.js';
import type { Clock, TimerHandle } from '../time/clock.js';
import { episodeDates, planForRun, plansSignature, SKIPPED_BY_HOST, skippedDates } from '../plan/episode-book.js';
import { tellHosts } from '../service/tell-hosts.js';
import { nextRuns } from './next-runs.js';
import { RunAnnouncer } from './run-announcer.js';
import type { ChatSchedule } from './schedule-schema.js';
import { formatInZone } from '../time/format-time.js';
import { seriesLinkOf } from '../recap/public-links.js';

/** A script with a schedule, and the channel it runs in on this platform. */
export interface ScheduledChat {
  /** The script; its `schedule` block says when. */
  script: ChatScript & { schedule: ChatSchedule };
  /** Where it runs. */
  channel: ChannelAddress;
}

/** What the scheduler found at start-up. */
export interface ScheduleReport {
  /** Runs whose start passed while the bot was down, beyond the tolerance: reported and skipped. */
  missed: PlannedRunRow[];
  /** Runs planned from now on. */
  planned: PlannedRunRow[];
}

// Runs planned ahead, per chat: enough to cover the longest reminder of a weekly chat.
const RUNS_AHEAD = 2;
// A reminder whose time passed while the bot was down is still worth sending within this delay.
const REMINDER_GRACE = 5 * 60_000;

/**
 * Starts scheduled chats on time and sends their reminders. Every planned instant is written to the
 * store in UTC first; timers are armed from the store, so a restart re-arms exactly what was planned.
 */
export class Scheduler {
  private timers: TimerHandle[] = [];
  private readonly chats = new Map<string, ScheduledChat>();
  private readonly announcer: RunAnnouncer;
  // Reminders whose post is in flight in this process: a re-arm while one is being sent must not send it again.
  private readonly sending = new Set<string>();
  private plansSeen = '';

  constructor(
    private readonly deps: {
      store: ChatStore;
      clock: Clock;
      log: Logger;
      platform: Platform;
      /** Routes the chats it starts. */
      router: ChatRouter;
      community: string;
      /** The website's public URL (EMCEE_PUBLIC_URL): reminders of a published series link to its page. */
      publicUrl?: string;
    },
    chats: readonly ScheduledChat[],
  ) {
    for (const chat of chats) this.chats.set(chat.script.id, chat);
    this.announcer = new RunAnnouncer(deps, this.chats);
  }

  /**
   * Plans the next runs, reports missed starts (in the log, the returned report and the channel), and
   * arms timers.
   */
  start(): ScheduleReport {
    this.plansSeen = plansSignature(this.deps.store);
    const missed = this.sweepMissed();
    this.plan();
    this.arm();
    this.followRunningChats();
    void this.tellMissed(missed).then(() => this.announce());
    return { missed, planned: this.deps.store.schedule.plannedRuns(this.deps.community) };
  }

  /**
   * Keeps the platform's announcements in step with the plan and the chats (see RunAnnouncer). Resolves
   * when done; failures are logged and retried next time.
   */
  announce(): Promise<void> {
    return this.announcer.sync();
  }

  /**
   * Plans again when a host changed an episode (from the chat, the CLI or another process): dates added, skipped
   * or moved, and announcements edited in place. Cheap when nothing changed; the chat service calls it on its
   * heartbeat.
   */
  async refresh(): Promise<void> {
    const signature = plansSignature(this.deps.store);
    if (signature === this.plansSeen) return;
    this.plansSeen = signature;
    this.plan();
    this.arm();
    await this.announce();
  }

  /** Cancels every timer (the plan stays in the store). */
  stop(): void {
    for (const timer of this.timers) timer.cancel();
    this.timers = [];
  }

  /** One line per upcoming run in a channel, with times readers see in their own timezone where possible. */
  describeNext(channel?: ChannelAddress): string {
    const runs = this.deps.store.schedule
      .plannedRuns(this.deps.community)
      .filter((run) => !channel || run.channel === channel);
    const missed = this.lastMissed(channel);
    if (runs.length === 0) return missed ? `${missed}\nNo other chat is scheduled here.` : 'No chat is scheduled here.';
    const next = runs.map((run) => {
      const chat = this.chats.get(run.script_id);
      return `Next: ${chat?.script.title ?? run.script_id} ${this.when(run.run_at, chat)}`;
    });
    return [...(missed ? [missed] : []), ...next].join('\n');
  }

  // The channel's latest start, when it was missed: what happened, as the store's note says it.
  private lastMissed(channel?: ChannelAddress): string | undefined {
    const now = this.deps.clock.now();
    const last = this.deps.store.schedule
      .recentRuns(this.deps.community, 20)
      .find((run) => (!channel || run.channel === channel) && run.run_at <= now && run.state !== 'cancelled');
    if (last?.state !== 'missed') return undefined;
    const chat = this.chats.get(last.script_id);
    const title = chat?.script.title ?? last.script_id;
    return `Missed: ${title} ${this.when(last.run_at, chat)} did not start (${last.note ?? 'no reason recorded'}).`;
  }

  private when(at: number, chat: ScheduledChat | undefined): string {
    const zone = chat?.script.schedule.timezone ?? chat?.script.timezone ?? 'UTC';
    const fallback = formatInZone(at, zone);
    return this.deps.platform.formatTime?.(at, fallback) ?? fallback;
  }

  // The channel hears of a missed start in the script's words, with the next run if there is one.
  private async tellMissed(missed: readonly PlannedRunRow[]): Promise<void> {
    const { store, platform, log } = this.deps;
    for (const run of missed) {
      const chat = this.chats.get(run.script_id);
      if (!chat) continue;
      const { script } = chat;
      const next = store.schedule.plannedRuns(this.deps.community).find((r) => r.channel === run.channel);
      const text = fillTemplate(script.wording.missedStart, {
        title: script.title,
        hashtag: script.hashtag,
        when: this.when(run.run_at, chat),
        next: next ? fillTemplate(script.wording.nextRun, { when: this.when(next.run_at, chat) }) : '',
      }).trim();
      try {
        await platform.post(run.channel, { kind: 'notice', text });
      } catch (error) {
        log.error('Could not tell the channel about a missed start', { script: run.script_id, error });
      }
      await tellHosts(platform, log, { text: `${text} (${run.note ?? 'the bot was not running'})` });
    }
  }

  // Chats started before a restart still move their announcement on (completed) when they end.
  private followRunningChats(): void {
    for (const run of this.deps.store.schedule.announcementsToSettle(this.deps.community)) {
      const runner = run.state === 'started' ? this.deps.router.runnerFor(run.channel) : undefined;
      void runner?.done.then(() => this.announce());
    }
  }

  // Starts that passed beyond their tolerance while nothing was running are reported, never started late.
  private sweepMissed(): PlannedRunRow[] {
    const { store, clock, log } = this.deps;
    const missed: PlannedRunRow[] = [];
    for (const run of store.schedule.plannedRuns(this.deps.community)) {
      const tolerance = this.chats.get(run.script_id)?.script.schedule.missedStartTolerance ?? 15 * 60_000;
      if (clock.now() - run.run_at <= tolerance) continue;
      const late = Math.round((clock.now() - run.run_at) / 60_000);
      store.schedule.markRun(run.id, 'missed', { note: `the bot was not running; ${late} min late, skipped` });
      log.warn(`Missed the start of ${run.script_id} planned for ${new Date(run.run_at).toISOString()}: skipped`, {
        lateMinutes: late,
      });
      missed.push({ ...run, state: 'missed' });
    }
    return missed;
  }

  private plan(): void {
    const { store, clock } = this.deps;
    const now = clock.now();
    for (const chat of this.chats.values()) {
      const { schedule, timezone } = chat.script;
      const from = now - schedule.missedStartTolerance;
      // A date a host skipped is not planned (its announcement is withdrawn), and does not use up a run ahead.
      const skipped = new Set(skippedDates(store, chat.script.id, from));
      const scheduled = nextRuns(schedule, timezone, from, RUNS_AHEAD + skipped.size);
      // A host may plan an episode off the schedule (a special date): it runs too.
      const extra = episodeDates(store, chat.script.id, from).filter((at) => !scheduled.some((run) => run.at === at));
      const upcoming = [...scheduled, ...extra.map((at) => ({ at }))].filter((run) => !skipped.has(run.at));
      const wanted = new Set(upcoming.map((run) => run.at));
      // Keep the plan in step with an edited schedule: future runs no longer wanted are cancelled.
      for (const run of store.schedule.plannedRuns(this.deps.community)) {
        if (
          run.script_id === chat.script.id &&
          run.channel === chat.channel &&
          run.run_at > now &&
          !wanted.has(run.run_at)
        ) {
          const note = skipped.has(run.run_at) ? SKIPPED_BY_HOST : 'no longer in the schedule';
          store.schedule.markRun(run.id, 'cancelled', { note });
        }
      }
      for (const run of upcoming) {
        const runId = store.schedule.planRun({
          scriptId: chat.script.id,
          communityId: this.deps.community,
          channel: chat.channel,
          runAt: run.at,
        });
        for (const before of schedule.reminders) {
          const remindAt = run.at - before;
          store.schedule.planReminder({
            runId,
            beforeMs: before,
            remindAt,
            state: remindAt < now - REMINDER_GRACE ? 'skipped' : 'planned',
          });
        }
      }
    }
  }

  private arm(): void {
    this.stop();
    const { store, clock } = this.deps;
    for (const run of store.schedule.plannedRuns(this.deps.community)) {
      this.timers.push(clock.at(run.run_at, () => void this.startRun(run)));
    }
    for (const reminder of store.schedule.plannedReminders(this.deps.community)) {
      if (reminder.remind_at < clock.now() - REMINDER_GRACE) {
        store.schedule.markReminder(reminder.run_id, reminder.before_ms, 'skipped');
        continue;
      }
      this.timers.push(clock.at(reminder.remind_at, () => void this.remind(reminder.run_id, reminder.before_ms)));
    }
  }

  private async startRun(run: PlannedRunRow): Promise<void> {
    const { store, router, log } = this.deps;
    const chat = this.chats.get(run.script_id);
    const current = store.schedule.plannedRuns(this.deps.community).find((r) => r.id === run.id);
    if (!chat || !current) return;
    if (router.runnerFor(run.channel)) {
      store.schedule.markRun(run.id, 'missed', { note: 'another chat was still running in the channel' });
      log.warn(`Did not start ${run.script_id}: another chat is still running in its channel`);
    } else {
      const plan = planForRun(store, chat.script, run.run_at);
      if ('skip' in plan) {
        store.schedule.markRun(run.id, 'cancelled', { note: plan.skip });
        log.info(`Not starting ${run.script_id} at ${new Date(run.run_at).toISOString()}: ${plan.skip}`);
        this.plan();
        this.arm();
        await this.announce();
        return;
      }
      try {
        const runner = await router.startSession({
          script: plan.script,
          community: this.deps.community,
          channel: run.channel,
          plannedRunId: run.id,
        });
        store.schedule.markRun(run.id, 'started', { sessionId: runner.id });
        const { episode } = plan;
        if (episode) store.episodes.setState(episode.id, 'running', this.deps.clock.now(), runner.id);
        void runner.done.then(() => {
          if (episode) store.episodes.setState(episode.id, 'done', this.deps.clock.now());
          return this.announce();
        });
      } catch (error) {
        store.schedule.markRun(run.id, 'missed', { note: (error as Error).message });
        log.error(`Could not start ${run.script_id}`, { error });
      }
    }
    this.plan();
    this.arm();
    await this.announce();
  }

  private async remind(runId: number, beforeMs: number): Promise<void> {
    const { store, clock } = this.deps;
    const key = `${runId}/${beforeMs}`;
    const reminder = store.schedule
      .plannedReminders(this.deps.community)
      .find((r) => r.run_id === runId && r.before_ms === beforeMs);
    const chat = reminder && this.chats.get(reminder.script_id);
    if (!reminder || !chat || this.sending.has(key)) return;
    // Back within the missed-start tolerance, the start timer and a late reminder fire together: a
    // reminder that its chat "starts 21 seconds ago" after the welcome helps nobody.
    if (clock.now() >= reminder.run_at) {
      store.schedule.markReminder(runId, beforeMs, 'skipped');
      return;
    }
    this.sending.add(key);
    try {
      if (await this.alreadyPosted(reminder)) return;
      await this.postReminder(reminder, chat);
    } finally {
      this.sending.delete(key);
    }
  }

  // A reminder left in flight by a crash: the platform's history says whether it went out.
  private async alreadyPosted(reminder: DueReminder): Promise<boolean> {
    const { store, platform, log } = this.deps;
    if (reminder.sending_at === null || !reminder.text_start || !platform.findOwnPost) return false;
    try {
      const found = await platform.findOwnPost(reminder.channel, reminder.sending_at - 60_000, reminder.text_start);
      if (found) store.schedule.markReminder(reminder.run_id, reminder.before_ms, 'sent', found);
      return found !== undefined;
    } catch (error) {
      log.warn('Could not check the platform for an unconfirmed reminder; it will be sent again', { error });
      return false;
    }
  }

  private async postReminder(reminder: DueReminder, chat: ScheduledChat): Promise<void> {
    const { store, platform, clock, log } = this.deps;
    const plan = planForRun(store, chat.script, reminder.run_at);
    if ('skip' in plan) {
      store.schedule.markReminder(reminder.run_id, reminder.before_ms, 'skipped');
      return;
    }
    const { script } = plan;
    const link = seriesLinkOf(store, script.id, this.deps.publicUrl);
    const text =
      fillTemplate(script.wording.reminder, {
        title: script.title,
        hashtag: script.hashtag,
        when: this.when(reminder.run_at, chat),
        topic: script.topic ?? script.questions[0]?.text ?? script.title,
        firstQuestion: script.questions[0]?.text ?? '',
        guests: script.guests.map((guest) => guest.name).join(', '),
      }) +
      guestLine(script) +
      (link ? ` ${link}` : '');
    store.schedule.markReminderSending(reminder.run_id, reminder.before_ms, text, clock.now());
    try {
      const posted = await platform.post(reminder.channel, { kind: 'reminder', text });
      store.schedule.markReminder(reminder.run_id, reminder.before_ms, 'sent', posted.address);
    } catch (error) {
      // Refused by the platform, so there is nothing to look for after a restart.
      store.schedule.markReminder(reminder.run_id, reminder.before_ms, 'planned');
      log.error('Could not post a reminder', { script: script.id, error });
    }
  }
}

// A reminder introduces the guests too, unless its wording already names them.
function guestLine(script: ChatScript): string {
  if (script.guests.length === 0 || script.wording.reminder.includes('{guests}')) return '';
  const guests = script.guests.map((guest) => guest.name).join(', ');
  return ` ${fillTemplate(script.wording.guestIntro, { guests, hashtag: script.hashtag })}`;
}
