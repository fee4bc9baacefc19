import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { scheduleSchema } from '../../src/schedule/schedule-schema.js';
import { Scheduler } from '../../src/schedule/scheduler.js';
import { loadScript } from '../../src/script/load-script.js';
import {
  changeScheduledEvent,
  createScheduledEvent,
  deleteScheduledEvent,
  updateScheduledEvent,
} from '../../adapters/discord/discord-scheduled-events.js';
import { startAdapter, type AdapterRig } from './adapter-harness.js';
import { PEOPLE, startDiscordChat, waitFor } from './discord-harness.js';

type Chat = Awaited<ReturnType<typeof startDiscordChat>>;
let chat: Chat | undefined;
let rig: AdapterRig | undefined;
afterEach(async () => {
  await chat?.stop();
  await rig?.stop();
  chat = rig = undefined;
});

describe('Scheduled Events, one call each', () => {
  it('creates an external event at the channel, moves it, and deletes it (twice is fine)', async () => {
    const r = (rig = await startAdapter());
    const rest = r.adapter.discord.rest;
    const run = {
      title: 'Community Chat',
      description: 'Our weekly chat',
      start: Date.UTC(2026, 10, 19, 18),
      end: Date.UTC(2026, 10, 19, 19),
      channel: r.adapter.defaultChannel,
    };
    const id = await createScheduledEvent(rest, r.fake.guildId, run);
    expect(r.fake.scheduledEvents.get(id)).toMatchObject({
      name: 'Community Chat',
      description: 'Our weekly chat',
      entity_type: 3,
      privacy_level: 2,
      channel_id: null,
      scheduled_start_time: '2026-11-19T18:00:00.000Z',
      scheduled_end_time: '2026-11-19T19:00:00.000Z',
      entity_metadata: { location: `https://discord.com/channels/${r.fake.guildId}/${r.fake.channelId}` },
    });
    await updateScheduledEvent(rest, r.fake.guildId, id, {
      ...run,
      start: run.start + 3_600_000,
      end: run.end + 3_600_000,
    });
    expect(r.fake.callsTo('PATCH', /scheduled-events\/\d+$/)).toHaveLength(1);
    expect(r.fake.scheduledEvents.get(id)).toMatchObject({
      scheduled_start_time: '2026-11-19T19:00:00.000Z',
      status: 1,
    });
    await deleteScheduledEvent(rest, r.fake.guildId, id);
    await deleteScheduledEvent(rest, r.fake.guildId, id); // already gone: Unknown Guild Scheduled Event counts as done
    expect(r.fake.scheduledEvents.size).toBe(0);
    await expect(updateScheduledEvent(rest, r.fake.guildId, id, run)).rejects.toThrow(/Unknown Guild Scheduled Event/);
  });

  it('sets the status with a PATCH, in the order Discord allows', async () => {
    const r = (rig = await startAdapter());
    const rest = r.adapter.discord.rest;
    const [start, end] = [Date.UTC(2026, 10, 19, 18), Date.UTC(2026, 10, 19, 19)];
    const run = { title: 'T', description: '', start, end, channel: r.adapter.defaultChannel };
    const id = await createScheduledEvent(rest, r.fake.guildId, run);
    await expect(changeScheduledEvent(rest, r.fake.guildId, id, { status: 'completed' })).rejects.toThrow(/status/);
    await changeScheduledEvent(rest, r.fake.guildId, id, { status: 'active' });
    expect(r.fake.callsTo('PATCH', /scheduled-events\/\d+$/).at(-1)!.body).toEqual({ status: 2 });
    await changeScheduledEvent(rest, r.fake.guildId, id, { status: 'completed' });
    expect(r.fake.scheduledEvents.get(id)).toMatchObject({ status: 3, name: 'T' });
    await expect(changeScheduledEvent(rest, r.fake.guildId, id, { status: 'active' })).rejects.toThrow(/finished/);
    const other = await r.adapter.announceRun!({ ...run, start: run.start + 86_400_000, end: run.end + 86_400_000 });
    expect(await r.adapter.findAnnouncement!({ ...run, title: 'renamed', start: run.start + 86_400_000 })).toBe(other);
    expect(await r.adapter.findAnnouncement!({ ...run, start: run.start + 60_000 })).toBeUndefined();
    await r.adapter.updateAnnouncement!(other, { status: 'canceled' });
    expect(r.fake.scheduledEvents.get(other)).toMatchObject({ status: 4 });
  });

  it('the adapter announces and withdraws through the port', async () => {
    const r = (rig = await startAdapter());
    const id = await r.adapter.announceRun!({
      title: 'T',
      description: '',
      start: Date.UTC(2026, 10, 19, 18),
      end: Date.UTC(2026, 10, 19, 19),
      channel: r.adapter.defaultChannel,
    });
    expect(r.fake.scheduledEvents.get(id)).not.toHaveProperty('description');
    const [start, end] = [Date.UTC(2026, 10, 20, 18), Date.UTC(2026, 10, 20, 19)];
    const channel = r.adapter.defaultChannel;
    await r.adapter.updateAnnouncement(id, { run: { title: 'T2', description: 'd', start, end, channel } });
    expect(r.fake.scheduledEvents.get(id)).toMatchObject({ name: 'T2' });
    await r.adapter.withdrawAnnouncement!(id);
    expect(r.fake.scheduledEvents.size).toBe(0);
  });
});

describe('Discord Scheduled Events for scheduled chats', () => {
  it('announces each planned run once, and moves the announcement when the schedule changes', async () => {
    const c = (chat = await startDiscordChat({ clockStart: Date.UTC(2026, 10, 16, 12) })); // a Monday
    await c.start();
    const base = loadScript('prompts/weekly-chat.yaml');
    const scheduler = (time: string) =>
      new Scheduler(
        {
          store: c.store,
          clock: c.clock,
          log: silentLogger,
          platform: c.adapter,
          router: c.host,
          community: c.adapter.community,
        },
        [
          {
            script: { ...base, schedule: scheduleSchema.parse({ weekly: { day: 'thursday', time } }) },
            channel: c.adapter.defaultChannel,
          },
        ],
      );
    const created = () => c.fake.callsTo('POST', /^\/guilds\/\d+\/scheduled-events$/);

    const first = scheduler('13:00');
    first.start();
    // Both POSTs answered and their ids stored (a POST is recorded when it arrives, before the answer).
    const stored = () => c.store.schedule.plannedRuns(c.adapter.community).filter((run) => run.announcement).length;
    await waitFor(() => created().length === 2 && stored() === 2, 'two runs announced');
    expect(created()[0]!.body).toMatchObject({
      name: 'Community Chat #CommunityChat',
      entity_type: 3,
      privacy_level: 2,
      scheduled_start_time: '2026-11-19T18:00:00.000Z',
      scheduled_end_time: '2026-11-19T18:52:00.000Z',
      entity_metadata: { location: `https://discord.com/channels/${c.fake.guildId}/${c.fake.channelId}` },
    });
    await first.announce();
    expect(created()).toHaveLength(2); // announced once, not again
    first.stop();

    // The host moves the chat to 14:00: the same events are moved with a PATCH, so members' "Interested"
    // marks stay (before, they were deleted and made anew).
    const ids = c.store.schedule.plannedRuns(c.adapter.community).map((run) => run.announcement);
    const patched = () => c.fake.callsTo('PATCH', /scheduled-events\/\d+$/);
    const moved = scheduler('14:00');
    moved.start();
    await waitFor(() => patched().length === 2 && stored() === 2, 'the move');
    await moved.announce();
    expect(c.fake.callsTo('DELETE', /scheduled-events\/\d+$/)).toHaveLength(0);
    expect(created()).toHaveLength(2);
    const now = c.store.schedule.plannedRuns(c.adapter.community);
    expect(now.map((run) => run.announcement)).toEqual(ids);
    expect(now.map((run) => c.fake.scheduledEvents.get(run.announcement!)?.scheduled_start_time)).toEqual([
      '2026-11-19T19:00:00.000Z',
      '2026-11-26T19:00:00.000Z',
    ]);
    moved.stop();
  });

  it('an event turns active when its chat starts and completed when it ends, by PATCH', async () => {
    const c = (chat = await startDiscordChat({ clockStart: Date.UTC(2026, 10, 16, 12) })); // a Monday
    await c.start();
    const base = loadScript('prompts/weekly-chat.yaml');
    const schedule = scheduleSchema.parse({ weekly: { day: 'thursday', time: '13:00' }, reminders: [] });
    const deps = { store: c.store, clock: c.clock, log: silentLogger, platform: c.adapter, router: c.host };
    const scheduler = new Scheduler({ ...deps, community: c.adapter.community }, [
      { script: { ...base, schedule }, channel: c.adapter.defaultChannel },
    ]);
    scheduler.start();
    await scheduler.announce();
    const runAt = Date.UTC(2026, 10, 19, 18);
    const planned = c.store.schedule.plannedRuns(c.adapter.community);
    const eventId = planned.find((run) => run.run_at === runAt)!.announcement!;
    const statusOf = () => c.fake.scheduledEvents.get(eventId)?.status;
    expect(statusOf()).toBe(1);

    await c.clock.advanceTo(runAt);
    await waitFor(() => statusOf() === 2, 'the event active');
    c.fake.slashCommand({ user: PEOPLE.host, sub: 'end' });
    await waitFor(() => statusOf() === 3, 'the event completed');
    const patches = c.fake.callsTo('PATCH', new RegExp(`scheduled-events/${eventId}$`)).map((call) => call.body);
    expect(patches).toEqual([{ status: 2 }, { status: 3 }]);
    // This week's and next week's, each made once.
    await scheduler.announce();
    expect(c.fake.callsTo('POST', /^\/guilds\/\d+\/scheduled-events$/)).toHaveLength(2);
    scheduler.stop();
  });
});
