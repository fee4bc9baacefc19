import { describe, expect, it } from 'vitest';
import { ChatHost } from '../../src/chat-host.js';
import { silentLogger } from '../../src/log.js';
import { scheduleSchema } from '../../src/schedule/schedule-schema.js';
import { Scheduler, type ScheduledChat } from '../../src/schedule/scheduler.js';
import { loadScript } from '../../src/script/load-script.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { ManualClock } from '../../src/time/manual-clock.js';
import { RecordingPlatform } from '../support/recording-platform.js';

const CHANNEL = 'test:C1';
const HOUR = 3_600_000;
// Thursday 26 November 2026, 1 pm in New York = 18:00 UTC.
const RUN_AT = Date.UTC(2026, 10, 26, 18, 0);

function setup(options: { reminders?: string[]; tolerance?: string; store?: ChatStore; now?: number } = {}) {
  const clock = new ManualClock(options.now ?? Date.UTC(2026, 10, 24, 12, 0));
  const store = options.store ?? ChatStore.open(':memory:');
  const platform = new RecordingPlatform(clock);
  const host = new ChatHost({ store, platform, clock, log: silentLogger });
  const base = loadScript(new URL('../../prompts/weekly-chat.yaml', import.meta.url).pathname);
  const schedule = scheduleSchema.parse({
    weekly: { day: 'thursday', time: '13:00' },
    ...(options.reminders ? { reminders: options.reminders } : {}),
    ...(options.tolerance ? { missedStartTolerance: options.tolerance } : {}),
  });
  const chat: ScheduledChat = { script: { ...base, topic: 'Relationships online', schedule }, channel: CHANNEL };
  const scheduler = new Scheduler({ store, clock, log: silentLogger, platform, host, community: 'test:community' }, [chat]);
  host.useSchedule((channel) => scheduler.describeNext(channel));
  return { clock, store, platform, host, scheduler };
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
      '⏰ Community Chat (#CommunityChat) starts Thu, Nov 26, 2026, 1:00 PM EST. This week: Relationships online. Bring your stories!',
    );
    expect(s.platform.ofKind('welcome').map((w) => w.at)).toEqual([RUN_AT]);
    expect(s.store.schedule.recentRuns('test:community', 5).find((r) => r.run_at === RUN_AT)).toMatchObject({ state: 'started' });
    // The following week is planned already.
    expect(s.store.schedule.plannedRuns('test:community')[0]!.run_at).toBe(RUN_AT + 7 * 24 * HOUR);
  });

  it('sends no reminders when they are turned off', async () => {
    const s = setup({ reminders: [] });
    s.scheduler.start();
    await s.clock.advanceTo(RUN_AT + 1000);
    expect(s.platform.ofKind('reminder')).toHaveLength(0);
    expect(s.platform.ofKind('welcome')).toHaveLength(1);
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
    expect(second.platform.ofKind('welcome')).toHaveLength(0);
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
    expect(back.platform.ofKind('welcome').map((w) => w.at)).toEqual([RUN_AT + 5 * 60_000]);
  });
});
