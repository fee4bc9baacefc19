import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChatRouter } from '../../src/chat-router.js';
import { readCoreConfig } from '../../src/config/core-config.js';
import { silentLogger } from '../../src/log.js';
import { recapPath, seriesPath } from '../../src/recap/recap-address.js';
import { scheduleSchema } from '../../src/schedule/schedule-schema.js';
import { Scheduler } from '../../src/schedule/scheduler.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { ManualClock } from '../../src/time/manual-clock.js';
import { finishingChatRouter } from '../support/finishing-chat-router.js';
import { waitFor } from '../support/wait-for.js';
import { RecordingPlatform } from '../support/recording-platform.js';
import { archiveChat } from '../support/archive-chat.js';
import { WEEKLY } from './pages-fixture.js';

const PUBLIC_URL = 'https://chats.example.org';
const COMMUNITY = 'test:community';
const CHANNEL = 'test:C1';

/** Runs one short chat to its end through finishSession, as the chat service does; returns the recap post. */
async function chatEnding(options: { publicUrl?: string; published: boolean; earlierSameDay?: boolean }) {
  const clock = new ManualClock(); // Thursday 19 November 2026, 18:00 UTC: 13:00 in New York
  const store = ChatStore.open(':memory:');
  if (options.published) store.published.set('weekly-chat', true, 'test', clock.now());
  if (options.earlierSameDay)
    archiveChat(store, { script: WEEKLY, startedAt: clock.now() - 3 * 3_600_000, messages: [], community: COMMUNITY });
  const platform = new RecordingPlatform(clock);
  const config = readCoreConfig({
    EMCEE_RECAP_DIR: join(mkdtempSync(join(tmpdir(), 'emcee-post-links-')), 'recaps'),
    ...(options.publicUrl ? { EMCEE_PUBLIC_URL: options.publicUrl } : {}),
  });
  const { router, ended } = finishingChatRouter({ store, platform, clock }, config);
  const runner = await router.startSession({
    script: { ...WEEKLY, recapDelivery: 'none' },
    community: COMMUNITY,
    channel: CHANNEL,
  });
  await clock.advance(6 * 60_000);
  await router.handleMessage({
    id: `${CHANNEL}:a1`,
    channel: CHANNEL,
    community: COMMUNITY,
    author: { id: 'test:U-ana', displayName: 'ana', isBot: false, isHost: false },
    text: 'A1: Listening first',
    ts: clock.now(),
  });
  await runner.end();
  await waitFor(() => ended.length === 1, 'the chat to end');
  return platform.posts
    .filter((post) => post.message.kind === 'recap')
    .map((post) => post.message.text)
    .join('\n');
}

describe('the channel recap post', () => {
  it('links to the chat’s recap page when the public URL is set and the series is published', async () => {
    const text = await chatEnding({ publicUrl: PUBLIC_URL, published: true });
    expect(text).toContain(`Thank you all! The full recap: ${PUBLIC_URL}/recaps/weekly-chat/2026-11-19`);
    expect(`${PUBLIC_URL}${recapPath('weekly-chat', '2026-11-19')}`).toBe(
      'https://chats.example.org/recaps/weekly-chat/2026-11-19',
    );
  });

  it('links to the -2 address when the series had a chat earlier that day', async () => {
    const text = await chatEnding({ publicUrl: `${PUBLIC_URL}/`, published: true, earlierSameDay: true });
    expect(text).toContain(`The full recap: ${PUBLIC_URL}/recaps/weekly-chat/2026-11-19-2`);
  });

  it('has no link without a public URL, nor for an unpublished series', async () => {
    for (const options of [{ published: true }, { publicUrl: PUBLIC_URL, published: false }]) {
      const text = await chatEnding(options);
      expect(text).toContain('Thank you all! The full recap is on its way.');
      expect(text).not.toContain('https://');
    }
  });
});

describe('reminders', () => {
  async function reminderText(publicUrl: string | undefined, published: boolean): Promise<string> {
    const runAt = Date.UTC(2026, 10, 26, 18, 0);
    const clock = new ManualClock(runAt - 2 * 3_600_000);
    const store = ChatStore.open(':memory:');
    if (published) store.published.set('weekly-chat', true, 'test', clock.now());
    const platform = new RecordingPlatform(clock);
    const router = new ChatRouter({ store, platform, clock, log: silentLogger, closeGraceMs: 0 });
    const schedule = scheduleSchema.parse({ weekly: { day: 'thursday', time: '13:00' }, reminders: ['1h'] });
    const scheduler = new Scheduler(
      { store, clock, log: silentLogger, platform, router, community: COMMUNITY, ...(publicUrl ? { publicUrl } : {}) },
      [{ script: { ...WEEKLY, schedule }, channel: CHANNEL }],
    );
    scheduler.start();
    await clock.advanceTo(runAt - 3_600_000);
    await waitFor(() => platform.posts.some((post) => post.message.kind === 'reminder'), 'the reminder');
    scheduler.stop();
    return platform.posts.find((post) => post.message.kind === 'reminder')!.message.text;
  }

  it('link to the series page when the public URL is set and the series is published', async () => {
    const text = await reminderText(PUBLIC_URL, true);
    expect(text).toMatch(/^⏰ Community Chat \(#CommunityChat\) starts /);
    expect(text.endsWith(` ${PUBLIC_URL}/series/weekly-chat`)).toBe(true);
    expect(seriesPath('weekly-chat')).toBe('/series/weekly-chat');
  });

  it('have no link without a public URL, nor for an unpublished series', async () => {
    expect(await reminderText(undefined, true)).not.toContain('https://');
    expect(await reminderText(PUBLIC_URL, false)).not.toContain('https://');
  });
});
