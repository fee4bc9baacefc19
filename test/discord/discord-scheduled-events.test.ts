import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { scheduleSchema } from '../../src/schedule/schedule-schema.js';
import { Scheduler } from '../../src/schedule/scheduler.js';
import { loadScript } from '../../src/script/load-script.js';
import { createScheduledEvent, deleteScheduledEvent, updateScheduledEvent } from '../../adapters/discord/discord-scheduled-events.js';
import { startAdapter, type AdapterRig } from './adapter-harness.js';
import { startDiscordChat, waitFor } from './discord-harness.js';

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
    const run = { title: 'Community Chat', description: 'Our weekly chat', start: Date.UTC(2026, 10, 19, 18), end: Date.UTC(2026, 10, 19, 19), channel: r.adapter.defaultChannel };
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
    await updateScheduledEvent(rest, r.fake.guildId, id, { ...run, start: run.start + 3_600_000, end: run.end + 3_600_000 });
    expect(r.fake.callsTo('PATCH', /scheduled-events\/\d+$/)).toHaveLength(1);
    expect(r.fake.scheduledEvents.get(id)).toMatchObject({ scheduled_start_time: '2026-11-19T19:00:00.000Z', status: 1 });
    await deleteScheduledEvent(rest, r.fake.guildId, id);
    await deleteScheduledEvent(rest, r.fake.guildId, id); // already gone: Unknown Guild Scheduled Event counts as done
    expect(r.fake.scheduledEvents.size).toBe(0);
    await expect(updateScheduledEvent(rest, r.fake.guildId, id, run)).rejects.toThrow(/Unknown Guild Scheduled Event/);
  });

  it('the adapter announces and withdraws through the port', async () => {
    const r = (rig = await startAdapter());
    const id = await r.adapter.announceRun!({ title: 'T', description: '', start: Date.UTC(2026, 10, 19, 18), end: Date.UTC(2026, 10, 19, 19), channel: r.adapter.defaultChannel });
    expect(r.fake.scheduledEvents.get(id)).not.toHaveProperty('description');
    await r.adapter.updateAnnouncement(id, { run: { title: 'T2', description: 'd', start: Date.UTC(2026, 10, 20, 18), end: Date.UTC(2026, 10, 20, 19), channel: r.adapter.defaultChannel } });
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
      new Scheduler({ store: c.store, clock: c.clock, log: silentLogger, platform: c.adapter, host: c.host, community: c.adapter.community }, [
        { script: { ...base, schedule: scheduleSchema.parse({ weekly: { day: 'thursday', time } }) }, channel: c.adapter.defaultChannel },
      ]);
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
});
