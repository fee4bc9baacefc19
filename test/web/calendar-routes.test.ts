import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatScript } from '../../src/script/script-schema.js';
import { ScriptCatalog } from '../../src/script/script-catalog.js';
import { ManualClock } from '../../src/time/manual-clock.js';
import { addToCalendarPath } from '../../web/chat-addresses.js';
import { seriesScript } from '../support/search-seed.js';
import { startWebRig, type WebRig } from '../support/web-rig.js';
import { stringify } from 'yaml';

let rig: WebRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const HOUR = 3_600_000;
const weekly = (id: string, timezone: string, day: 'thursday', time: string, skip: string[] = []): ChatScript =>
  seriesScript(id, `Series ${id}`, {
    timezone,
    topic: 'Our weekly chat',
    schedule: {
      weekly: { day, time },
      skip,
      once: [],
      reminders: [],
      missedStartTolerance: '15m' as unknown as number,
      channels: { slack: 'C0123ABCD' },
    },
  });

async function rigWith(scripts: ChatScript[], now: number, published: string[]): Promise<WebRig> {
  const dir = mkdtempSync(join(tmpdir(), 'emcee-calendar-'));
  // As a host writes it (durations as text), which the test helper's writeTestScript cannot do for a schedule.
  for (const script of scripts) writeFileSync(join(dir, `${script.id}.yaml`), stringify(script));
  const web = await startWebRig({
    clock: new ManualClock(now),
    scripts: new ScriptCatalog(dir),
    config: { recapDir: 'data/recaps', publicUrl: 'https://chats.example.org' },
    channelLinkOf: (platform, id) =>
      platform === 'slack' ? `https://slack.com/app_redirect?channel=${id}` : undefined,
  });
  for (const id of published) web.deps.store.published.set(id, true, 'test', now);
  return web;
}

interface Entry {
  uid: string;
  start: number;
  summary: string;
  description: string;
  sequence: number;
}

async function entries(path: string): Promise<Entry[]> {
  const response = await fetch(`${rig!.url}${path}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  const calendar = new ICAL.Component(ICAL.parse(await response.text()));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      start: event.startDate.toJSDate().getTime(),
      summary: event.summary,
      description: event.description,
      sequence: event.sequence,
    };
  });
}

const utc = (iso: string) => Date.parse(`${iso}Z`);

describe('calendars', () => {
  it('keep a weekly 18:00 New York chat at 18:00 across the end of summer time, skipped dates left out', async () => {
    const series = weekly('ny-chat', 'America/New_York', 'thursday', '18:00', ['2026-11-12']);
    rig = await rigWith([series], utc('2026-10-20T12:00:00'), ['ny-chat']);
    rig.deps.store.episodes.save(
      {
        series_id: 'ny-chat',
        run_at: utc('2026-11-19T23:00:00'),
        topic: 'none',
        guests_json: '[]',
        questions_json: '[]',
        note: null,
        state: 'skipped',
      },
      utc('2026-10-20T12:00:00'),
    );
    const all = await entries('/series/ny-chat.ics');
    const starts = all.map((e) => new Date(e.start).toISOString().slice(0, 16));
    expect(starts.slice(0, 4)).toEqual([
      '2026-10-22T22:00',
      '2026-10-29T22:00',
      '2026-11-05T23:00',
      '2026-11-26T23:00',
    ]);
    expect(all.every((e) => e.start < utc('2027-01-13T00:00:00'))).toBe(true); // 12 weeks ahead
    expect(all[0]).toMatchObject({
      uid: 'ny-chat-2026-10-22@chats.example.org',
      summary: 'Series ny-chat: Our weekly chat',
    });
    expect(all[0]!.description).toContain('Join on Slack: https://slack.com/app_redirect?channel=C0123ABCD');
    expect(all[0]!.description).toContain('Series: https://chats.example.org/series/ny-chat');
    expect(await entries('/calendar.ics')).toEqual(all);
  });

  it('keep a Berlin chat at 19:00 across the start of summer time', async () => {
    rig = await rigWith([weekly('berlin', 'Europe/Berlin', 'thursday', '19:00')], utc('2027-03-10T00:00:00'), [
      'berlin',
    ]);
    const starts = (await entries('/series/berlin.ics')).map((e) => new Date(e.start).toISOString().slice(0, 16));
    expect(starts.slice(0, 4)).toEqual([
      '2027-03-11T18:00',
      '2027-03-18T18:00',
      '2027-03-25T18:00',
      '2027-04-01T17:00',
    ]);
  });

  it('move an entry when its episode is planned, edited or moved', async () => {
    const now = utc('2026-10-20T12:00:00');
    rig = await rigWith([weekly('ny-chat', 'America/New_York', 'thursday', '18:00')], now, ['ny-chat']);
    const episode = (runAt: number, topic: string) => ({
      series_id: 'ny-chat',
      run_at: runAt,
      topic,
      guests_json: JSON.stringify([{ name: 'Dr. Gee, PhD' }]),
      questions_json: '[]',
      note: null,
      state: 'planned' as const,
    });
    const { store } = rig.deps;
    const id = store.episodes.save(episode(utc('2026-10-29T22:00:00'), 'Burnout'), now);
    const first = (await entries(addToCalendarPath('ny-chat', '2026-10-29')))[0]!;
    expect(first.summary).toBe('Series ny-chat: Burnout');
    expect(first.description).toContain('Topic: Burnout\nGuests: Dr. Gee, PhD\nHashtag: #');
    store.episodes.save(episode(utc('2026-10-29T22:00:00'), 'Rest, and burnout'), now + HOUR);
    const edited = (await entries(addToCalendarPath('ny-chat', '2026-10-29')))[0]!;
    expect(edited).toMatchObject({ uid: first.uid, summary: 'Series ny-chat: Rest, and burnout' });
    expect(edited.sequence).toBeGreaterThan(first.sequence);
    // Moved to the Friday at 20:00: the Thursday goes back to the series' own chat, the Friday holds the episode.
    store.episodes.delete(id);
    store.episodes.save(episode(utc('2026-10-31T00:00:00'), 'Rest, and burnout'), now + 2 * HOUR);
    const friday = await entries(addToCalendarPath('ny-chat', '2026-10-30'));
    expect(friday.map((e) => [new Date(e.start).toISOString(), e.summary])).toEqual([
      ['2026-10-31T00:00:00.000Z', 'Series ny-chat: Rest, and burnout'],
    ]);
    expect((await entries(addToCalendarPath('ny-chat', '2026-10-29')))[0]!.summary).toBe(
      'Series ny-chat: Our weekly chat',
    );
  });

  it('show visitors only published series, and answer 404 for the rest', async () => {
    const now = utc('2026-10-20T12:00:00');
    const open = weekly('open-chat', 'America/New_York', 'thursday', '18:00');
    const closed = weekly('closed-chat', 'America/New_York', 'thursday', '19:00');
    rig = await rigWith([open, closed], now, ['open-chat']);
    const uids = (await entries('/calendar.ics')).map((e) => e.uid);
    expect(uids.length).toBeGreaterThan(0);
    expect(uids.every((uid) => uid.startsWith('open-chat-'))).toBe(true);
    expect((await fetch(`${rig.url}/series/closed-chat.ics`)).status).toBe(404);
    expect((await fetch(`${rig.url}${addToCalendarPath('closed-chat', '2026-10-22')}`)).status).toBe(404);
    expect((await fetch(`${rig.url}${addToCalendarPath('open-chat', '2026-10-23')}`)).status).toBe(404); // no chat
    expect((await fetch(`${rig.url}/series/no-such.ics`)).status).toBe(404);
  });
});
