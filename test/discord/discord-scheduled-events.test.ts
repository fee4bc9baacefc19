import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { scheduleSchema } from '../../src/schedule/schedule-schema.js';
import { Scheduler } from '../../src/schedule/scheduler.js';
import { loadScript } from '../../src/script/load-script.js';
import { startDiscordChat, waitFor } from './discord-harness.js';

type Chat = Awaited<ReturnType<typeof startDiscordChat>>;
let chat: Chat | undefined;
afterEach(async () => {
  await chat?.stop();
  chat = undefined;
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
    await waitFor(() => created().length === 2, 'two runs announced');
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

    // The host moves the chat to 14:00: old announcements are withdrawn, new ones made.
    const moved = scheduler('14:00');
    moved.start();
    await waitFor(() => c.fake.callsTo('DELETE', /scheduled-events\/\d+$/).length === 2 && created().length === 4, 'the move');
    expect(created()[2]!.body).toMatchObject({ scheduled_start_time: '2026-11-19T19:00:00.000Z' });
    moved.stop();
  });
});
