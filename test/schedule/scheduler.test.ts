import { describe, expect, it } from 'vitest';
import { ChatRouter } from '../../src/chat-router.js';
import { silentLogger } from '../../src/log.js';
import { scheduleSchema } from '../../src/schedule/schedule-schema.js';
import { Scheduler, type ScheduledChat } from '../../src/schedule/scheduler.js';
import { loadScript } from '../../src/script/load-script.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { ManualClock } from '../../src/time/manual-clock.js';
import { RecordingPlatform } from '../support/recording-platform.js';
import { DyingPlatform } from './dying-platform.js';

const CHANNEL = 'test:C1';
const HOUR = 3_600_000;
// Thursday 26 November 2026, 1 pm in New York = 18:00 UTC.
const RUN_AT = Date.UTC(2026, 10, 26, 18, 0);

interface SetupOptions {
  reminders?: string[];
  tolerance?: string;
  store?: ChatStore;
  now?: number;
  clock?: ManualClock;
  platform?: (clock: ManualClock) => RecordingPlatform;
}

function setup(options: SetupOptions = {}) {
  const clock = options.clock ?? new ManualClock(options.now ?? Date.UTC(2026, 10, 24, 12, 0));
  const store = options.store ?? ChatStore.open(':memory:');
  const platform = options.platform?.(clock) ?? new RecordingPlatform(clock);
  const host = new ChatRouter({ store, platform, clock, log: silentLogger, closeGraceMs: 0 });
  const base = loadScript(new URL('../../prompts/weekly-chat.yaml', import.meta.url).pathname);
  const schedule = scheduleSchema.parse({
    weekly: { day: 'thursday', time: '13:00' },
    ...(options.reminders ? { reminders: options.reminders } : {}),
    ...(options.tolerance ? { missedStartTolerance: options.tolerance } : {}),
  });
  const chat: ScheduledChat = { script: { ...base, topic: 'Relationships online', schedule }, channel: CHANNEL };
  const scheduler = new Scheduler(
    { store, clock, log: silentLogger, platform, router: host, community: 'test:community' },
    [chat],
  );
  host.useSchedule((channel) => scheduler.describeNext(channel));
  return { clock, store, platform: platform as RecordingPlatform, host, scheduler };
}

describe('the scheduler', () => {
  it('reminds 24 h, 1 h and 10 min before, then starts the chat on the minute', async () => {
    const s = setup();
    s.scheduler.start();
    await s.clock.advanceTo(RUN_AT - 24 * HOUR - 1);
    expect(s.platform.ofKind('reminder')).toHaveLength(0);
    await s.clock.advanceTo(RUN_AT);
    const reminders = s.platform.ofKind('reminder');
    expect(reminders.map((r) => RUN_AT - r.at)).toEqual([24 * HOUR, HOUR, 10 * 60_000]);
    expect(reminders[0]!.message.text).toBe(
      '⏰ Community Chat (#CommunityChat) starts Thu, Nov 26, 2026, 1:00 PM EST. This week: Relationships online. ' +
        'Bring your stories!',
    );
    expect(s.platform.ofKind('opening').map((w) => w.at)).toEqual([RUN_AT]);
    expect(s.store.schedule.recentRuns('test:community', 5).find((r) => r.run_at === RUN_AT)).toMatchObject({
      state: 'started',
    });
    // The following week is planned already.
    expect(s.store.schedule.plannedRuns('test:community')[0]!.run_at).toBe(RUN_AT + 7 * 24 * HOUR);
  });

  it('sends no reminders when they are turned off', async () => {
    const s = setup({ reminders: [] });
    s.scheduler.start();
    await s.clock.advanceTo(RUN_AT + 1000);
    expect(s.platform.ofKind('reminder')).toHaveLength(0);
    expect(s.platform.ofKind('opening')).toHaveLength(1);
  });

  it('answers /emcee next with the upcoming run', async () => {
    const s = setup();
    s.scheduler.start();
    const reply = await s.host.handleCommand({
      channel: CHANNEL,
      community: 'test:community',
      by: { id: 'u', displayName: 'u', isBot: false, isHost: false },
      name: 'next',
      args: [],
    });
    expect(reply.text).toContain('Next: Community Chat Thu, Nov 26, 2026, 1:00 PM EST');
  });

  it('re-arms from the store after a restart and reports a missed start instead of starting hours late', async () => {
    const store = ChatStore.open(':memory:');
    const first = setup({ store });
    first.scheduler.start();
    first.scheduler.stop(); // the bot goes down on Tuesday…
    // …and comes back on Thursday at 3 pm, two hours after the planned start.
    const second = setup({ store, now: RUN_AT + 2 * HOUR });
    const report = second.scheduler.start();
    expect(report.missed.map((r) => r.run_at)).toEqual([RUN_AT]);
    await second.clock.advance(HOUR);
    expect(second.platform.ofKind('opening')).toHaveLength(0);
    expect(store.schedule.recentRuns('test:community', 5).find((r) => r.run_at === RUN_AT)).toMatchObject({
      state: 'missed',
      note: expect.stringContaining('120 min late'),
    });
    expect(report.planned[0]!.run_at).toBe(RUN_AT + 7 * 24 * HOUR);
  });

  it('starts at once when it comes back within the tolerance', async () => {
    const store = ChatStore.open(':memory:');
    setup({ store }).scheduler.start();
    const back = setup({ store, now: RUN_AT + 5 * 60_000, tolerance: '15m' });
    const report = back.scheduler.start();
    expect(report.missed).toEqual([]);
    await back.clock.advance(1);
    expect(back.platform.ofKind('opening').map((w) => w.at)).toEqual([RUN_AT + 5 * 60_000]);
  });
});

describe('the scheduler across crashes and late starts', () => {
  const MINUTE = 60_000;

  it('a reminder and an announcement in flight at a SIGKILL are found, not repeated, after a restart', async () => {
    const store = ChatStore.open(':memory:');
    const clock = new ManualClock(Date.UTC(2026, 10, 24, 12, 0));
    const platform = new DyingPlatform(clock);
    platform.dying = true;
    const first = setup({ store, clock, platform: () => platform });
    first.scheduler.start();
    await clock.advanceTo(RUN_AT - 24 * HOUR);
    // Discord kept the first event and the reminder, but their answers never reached the store.
    expect(platform.announcementsAt(RUN_AT)).toHaveLength(1);
    expect(platform.ofKind('reminder')).toHaveLength(1);
    expect(store.schedule.plannedRuns('test:community')[0]).toMatchObject({
      announcement: null,
      announcing_at: expect.any(Number),
    });
    first.scheduler.stop(); // SIGKILL

    platform.dying = false;
    await clock.advance(2 * MINUTE);
    const second = setup({ store, clock, platform: () => platform });
    second.scheduler.start();
    await second.scheduler.announce();
    await clock.advanceTo(RUN_AT);
    expect(platform.ofKind('reminder').map((r) => RUN_AT - r.at)).toEqual([24 * HOUR, HOUR, 10 * MINUTE]);
    expect(platform.announcementsAt(RUN_AT)).toHaveLength(1);
    expect(platform.announcementsAt(RUN_AT + 7 * 24 * HOUR)).toHaveLength(1);
    const run = store.schedule.recentRuns('test:community', 5).find((r) => r.run_at === RUN_AT);
    expect(run).toMatchObject({ announcement: platform.announcementsAt(RUN_AT)[0]!.id, announcing_at: null });
    second.scheduler.stop();
  });

  it('overlapping announce() calls make one announcement per run', async () => {
    const s = setup({ platform: (clock) => new DyingPlatform(clock) });
    const platform = s.platform as DyingPlatform;
    s.scheduler.start();
    await Promise.all([s.scheduler.announce(), s.scheduler.announce(), s.scheduler.announce()]);
    expect(platform.announcements.map((a) => a.run.start)).toEqual([RUN_AT, RUN_AT + 7 * 24 * HOUR]);
    s.scheduler.stop();
  });

  it('back within the tolerance, the chat starts late and no reminder follows its welcome', async () => {
    const store = ChatStore.open(':memory:');
    const first = setup({ store, reminders: ['24h', '1h', '2m'] });
    first.scheduler.start();
    await first.clock.advanceTo(RUN_AT - 3 * MINUTE);
    expect(first.platform.ofKind('reminder')).toHaveLength(2);
    first.scheduler.stop(); // down across the start…
    const back = setup({ store, reminders: ['24h', '1h', '2m'], now: RUN_AT + 21_000, tolerance: '15m' });
    back.scheduler.start();
    await back.clock.advance(MINUTE);
    expect(back.platform.ofKind('opening').map((w) => w.at)).toEqual([RUN_AT + 21_000]);
    expect(back.platform.ofKind('reminder')).toEqual([]);
    const reminders = store.db.prepare('SELECT before_ms, state FROM reminders ORDER BY before_ms').all();
    expect(reminders).toContainEqual({ before_ms: 2 * MINUTE, state: 'skipped' });
    back.scheduler.stop();
  });

  it('past the tolerance, the channel is told, the announcement cancelled, /emcee next says so', async () => {
    const store = ChatStore.open(':memory:');
    const platforms: DyingPlatform[] = [];
    const make = (clock: ManualClock) => platforms[platforms.push(new DyingPlatform(clock)) - 1]!;
    const first = setup({ store, platform: make });
    first.scheduler.start();
    await first.scheduler.announce();
    first.scheduler.stop();
    const second = setup({ store, now: RUN_AT + 2 * HOUR, platform: make });
    // The platform remembers the first run's announcements.
    platforms[1]!.announcements.push(...platforms[0]!.announcements);
    second.scheduler.start();
    await second.clock.advance(1);
    await second.scheduler.announce();
    expect(second.platform.ofKind('notice').map((n) => [n.channel, n.message.text])).toEqual([
      [
        CHANNEL,
        'Community Chat (#CommunityChat) planned for Thu, Nov 26, 2026, 1:00 PM EST did not start: the bot was not ' +
          'running. Next: Thu, Dec 3, 2026, 1:00 PM EST.',
      ],
    ]);
    expect(second.platform.ofKind('opening')).toEqual([]);
    expect(platforms[1]!.announcementsAt(RUN_AT).map((a) => a.status)).toEqual(['canceled']);
    expect(platforms[1]!.announcementsAt(RUN_AT + 7 * 24 * HOUR).map((a) => a.status)).toEqual(['scheduled']);
    const reply = await second.host.handleCommand({
      channel: CHANNEL,
      community: 'test:community',
      by: { id: 'u', displayName: 'u', isBot: false, isHost: false },
      name: 'next',
      args: [],
    });
    expect(reply.text.split('\n')).toEqual([
      'Missed: Community Chat Thu, Nov 26, 2026, 1:00 PM EST did not start ' +
        '(the bot was not running; 120 min late, skipped).',
      'Next: Community Chat Thu, Dec 3, 2026, 1:00 PM EST',
      'Next: Community Chat Thu, Dec 10, 2026, 1:00 PM EST',
    ]);
    second.scheduler.stop();
  });

  it('an announcement turns active when its chat starts and completed when it ends', async () => {
    const s = setup({ reminders: [], platform: (clock) => new DyingPlatform(clock) });
    const platform = s.platform as DyingPlatform;
    s.scheduler.start();
    await s.scheduler.announce();
    await s.clock.advanceTo(RUN_AT + 1);
    await s.scheduler.announce();
    expect(platform.announcementsAt(RUN_AT).map((a) => a.status)).toEqual(['active']);
    await s.clock.advance(2 * HOUR);
    await s.scheduler.announce();
    expect(platform.ofKind('closing')).toHaveLength(1);
    expect(platform.announcementsAt(RUN_AT).map((a) => a.status)).toEqual(['completed']);
    const eventId = platform.announcementsAt(RUN_AT)[0]!.id;
    expect(platform.changes.filter((c) => c.id === eventId).map((c) => c.change)).toEqual([
      { status: 'active' },
      { status: 'completed' },
    ]);
    s.scheduler.stop();
  });
});
