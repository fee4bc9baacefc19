import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChatRouter } from '../../src/chat-router.js';
import { silentLogger } from '../../src/log.js';
import { EpisodePlanner } from '../../src/plan/episode-planner.js';
import { Scheduler } from '../../src/schedule/scheduler.js';
import { ScriptCatalog } from '../../src/script/script-catalog.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { ManualClock } from '../../src/time/manual-clock.js';
import type { RecordedPost } from '../support/recording-platform.js';
import { RecordingPlatform } from '../support/recording-platform.js';
import { replaceOrThrow } from '../support/write-test-script.js';

const CHANNEL = 'test:C1';
const COMMUNITY = 'test:community';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SERIES = 'weekly-chat';
// Every Thursday at 1 pm New York time. The clocks go back on Sunday 1 November 2026: 1 pm is 17:00 UTC
// before (EDT, UTC-4) and 18:00 UTC after (EST, UTC-5).
const OCT_22 = Date.UTC(2026, 9, 22, 17, 0);
const OCT_29 = Date.UTC(2026, 9, 29, 17, 0);
const NOV_5 = Date.UTC(2026, 10, 5, 18, 0);
const NOV_12 = Date.UTC(2026, 10, 12, 18, 0);
const DEFAULT_QUESTIONS = [
  'How do you build real relationships on social media?',
  'What does relationship marketing mean to you?',
  'How quickly should a brand answer a mention?',
  'Which tools help you keep up with conversations?',
  'What makes a post feel personal rather than robotic?',
  "What's one habit you'll start after today's chat?",
];
const ANA = { name: 'Ana Lopez', id: 'test:U-ana' };
const CY = { name: 'Cy Park', id: 'test:U-cy' };

/** The shipped weekly series in a scratch prompts folder, changed by `edit`. */
function seriesFolder(edit: (yaml: string) => string = (yaml) => yaml): string {
  const dir = mkdtempSync(join(tmpdir(), 'emcee-weekly-episodes-'));
  const shipped = readFileSync(new URL('../../prompts/weekly-chat.yaml', import.meta.url), 'utf8');
  writeFileSync(join(dir, 'weekly-chat.yaml'), edit(shipped));
  return dir;
}

function setup(prompts: string) {
  // Tuesday 20 October 2026, 8 am in New York.
  const clock = new ManualClock(Date.UTC(2026, 9, 20, 12, 0));
  const store = ChatStore.open(':memory:');
  const platform = new RecordingPlatform(clock);
  const host = new ChatRouter({ store, platform, clock, log: silentLogger, closeGraceMs: 0 });
  const scripts = new ScriptCatalog(prompts);
  const script = scripts.load(SERIES);
  if (!script.schedule) throw new Error('the weekly series lost its schedule');
  const scheduler = new Scheduler({ store, clock, log: silentLogger, platform, router: host, community: COMMUNITY }, [
    { script: { ...script, schedule: script.schedule }, channel: CHANNEL },
  ]);
  const planner = new EpisodePlanner({ store, scripts, clock });
  let seq = 0;
  /** `who` says `text` in the channel now. */
  const say = (who: { name: string; id: string }, text: string) =>
    host.handleMessage({
      id: `${CHANNEL}:m${++seq}`,
      channel: CHANNEL,
      community: COMMUNITY,
      author: { id: who.id, displayName: who.name, isBot: false, isHost: false },
      text,
      ts: clock.now(),
    });
  const postsBetween = (from: number, to: number, kind?: RecordedPost['message']['kind']) =>
    platform.posts.filter((p) => p.at >= from && p.at < to && (!kind || p.message.kind === kind));
  const episodeState = (runAt: number) => store.episodes.at(SERIES, runAt)?.state;
  return { clock, store, platform, host, scheduler, planner, say, postsBetween, episodeState };
}

function planned(outcome: ReturnType<EpisodePlanner['plan']>): void {
  if (!outcome.ok) throw new Error(`not planned: ${JSON.stringify(outcome.errors)}`);
}

describe('a weekly series with planned episodes across the November DST change', () => {
  it('runs the right episode each week, the default questions when none is planned, nothing when skipped', async () => {
    const s = setup(seriesFolder());
    planned(
      s.planner.plan({
        series: SERIES,
        at: '2026-10-22 13:00',
        topic: 'Trust in small communities',
        guests: [ANA],
        questions: [
          { text: 'What builds trust fastest?', minutes: 10 },
          { text: 'What breaks it?', minutes: 12 },
        ],
      }),
    );
    planned(
      s.planner.plan({
        series: SERIES,
        at: '2026-10-29 13:00',
        topic: 'Halloween stories',
        guests: [{ name: 'Bo Ghost', id: 'test:U-bo' }],
        questions: [{ text: 'What scared you online this year?' }],
      }),
    );
    s.scheduler.start();

    // Week 1 (EDT): Ana is the guest; Zoe comes for the first time.
    await s.clock.advanceTo(OCT_22 + 6 * MINUTE);
    expect(s.episodeState(OCT_22)).toBe('running');
    await s.say(ANA, 'A1: Show up every week #CommunityChat');
    await s.say({ name: 'Zoe', id: 'test:U-zoe' }, 'A1: Reply to everyone #CommunityChat');
    // The host skips next week before its first reminder goes out.
    await s.clock.advanceTo(OCT_22 + 2 * HOUR);
    expect(s.planner.skip(SERIES, '2026-10-29')).toMatchObject({ ok: true, episode: { state: 'skipped' } });
    await s.scheduler.refresh();
    // Week 4 is planned after week 1 ran: the scheduler picks it up on its own.
    planned(
      s.planner.plan({
        series: SERIES,
        at: '2026-11-12 13:00',
        topic: 'Moderation after the clocks change',
        guests: [CY],
        questions: [{ text: 'Who moderates your community?', minutes: 9 }, { text: 'When do you step in?' }],
      }),
    );
    await s.scheduler.refresh();

    // Week 3 (EST, nothing planned): Zoe again, and Ana, now without a guest's role.
    await s.clock.advanceTo(NOV_5 + 6 * MINUTE);
    await s.say({ name: 'Zoe', id: 'test:U-zoe' }, 'A1: Comment before you post #CommunityChat');
    await s.say(ANA, 'A1: Ask questions back #CommunityChat');
    // Week 4 (EST): Cy is the guest and new to the community.
    await s.clock.advanceTo(NOV_12 + 6 * MINUTE);
    await s.say(CY, 'A1: A team of three volunteers #CommunityChat');
    await s.say(ANA, 'A1: Everyone, a little #CommunityChat');
    await s.clock.advanceTo(NOV_12 + 2 * HOUR);

    // Every run at 1 pm New York time, on both sides of the change; week 2 never ran.
    expect(s.platform.ofKind('opening').map((w) => w.at)).toEqual([OCT_22, NOV_5, NOV_12]);
    const weekOf = (runAt: number) => s.postsBetween(runAt - 7 * 24 * HOUR + 3 * HOUR, runAt + 3 * HOUR);
    expect(weekOf(OCT_29)).toEqual([]);
    expect(s.store.schedule.recentRuns(COMMUNITY, 10).find((r) => r.run_at === OCT_29)).toMatchObject({
      state: 'cancelled',
    });

    // Each week's questions: the episode's (with its minutes), or the series' own.
    const questions = (runAt: number) =>
      s
        .postsBetween(runAt, runAt + 3 * HOUR, 'question')
        .map((q) => [q.message.question!.text, (q.at - runAt) / MINUTE]);
    expect(questions(OCT_22)).toEqual([
      ['What builds trust fastest?', 5],
      ['What breaks it?', 15],
    ]);
    expect(questions(NOV_5).map(([text]) => text)).toEqual(DEFAULT_QUESTIONS);
    expect(questions(NOV_12)).toEqual([
      ['Who moderates your community?', 5],
      ['When do you step in?', 14],
    ]);

    // The reminders (24 h, 1 h, 10 min before) carry the week's topic and guest, at the local time of the day.
    const reminders = (runAt: number) => s.postsBetween(runAt - 25 * HOUR, runAt, 'reminder');
    expect(reminders(OCT_22).map((r) => runAtMinus(OCT_22, r))).toEqual([24 * 60, 60, 10]);
    expect(reminders(OCT_22)[0]!.message.text).toBe(
      '⏰ Community Chat (#CommunityChat) starts Thu, Oct 22, 2026, 1:00 PM EDT. This week: Trust in small ' +
        'communities. Bring your stories! Our guest today: Ana Lopez. Welcome!',
    );
    expect(reminders(NOV_5).map((r) => r.message.text)).toEqual(
      Array(3).fill(
        '⏰ Community Chat (#CommunityChat) starts Thu, Nov 5, 2026, 1:00 PM EST. This week: Building real ' +
          'relationships online. Bring your stories!',
      ),
    );
    expect(reminders(NOV_12).map((r) => runAtMinus(NOV_12, r))).toEqual([24 * 60, 60, 10]);
    expect(reminders(NOV_12)[2]!.message.text).toContain(
      'starts Thu, Nov 12, 2026, 1:00 PM EST. This week: Moderation after the clocks change.',
    );
    expect(reminders(NOV_12)[2]!.message.text).toContain('Our guest today: Cy Park.');

    // Guests are introduced in the welcome, by mention; a week without a guest introduces nobody.
    const welcome = (runAt: number) => s.postsBetween(runAt, runAt + 1, 'opening')[0]!.message;
    expect(welcome(OCT_22).text.split('\n').at(-1)).toBe('Our guest today: <@test:U-ana>. Welcome!');
    expect(welcome(OCT_22).mentions).toEqual([ANA.id]);
    expect(welcome(NOV_5).text).not.toContain('Our guest');
    expect(welcome(NOV_12).text.split('\n').at(-1)).toBe('Our guest today: <@test:U-cy>. Welcome!');

    // Guests are never welcomed as first-timers; Zoe is, once.
    const firstTimers = s.platform
      .ofKind('first-timer')
      .map((p) => [p.message.mentions, p.at >= NOV_5 ? 'later' : 'week 1']);
    expect(firstTimers).toEqual([[['test:U-zoe'], 'week 1']]);

    // The guest is thanked first, in a line of their own; a former guest is thanked like everyone else.
    const thanks = (runAt: number) =>
      s.postsBetween(runAt, runAt + 3 * HOUR, 'thanks').flatMap((p) => p.message.text.split('\n'));
    expect(thanks(OCT_22).slice(1, 3)).toEqual([
      'A special thank-you to our guest <@test:U-ana> for 1 answer today!',
      expect.stringContaining('<@test:U-zoe>'),
    ]);
    expect(thanks(NOV_5).join('\n')).not.toContain('our guest');
    expect(thanks(NOV_12)[1]).toBe('A special thank-you to our guest <@test:U-cy> for 1 answer today!');
    expect(thanks(NOV_12).filter((line) => line.includes('<@test:U-ana>'))).toEqual([
      expect.not.stringContaining('guest'),
    ]);

    // Planned → running → done; the skipped week stays skipped; the unplanned week left no episode behind.
    expect([OCT_22, OCT_29, NOV_5, NOV_12].map(s.episodeState)).toEqual(['done', 'skipped', undefined, 'done']);
    s.scheduler.stop();
  });

  it('an episode is planned until its start, running during its chat and done after', async () => {
    const s = setup(seriesFolder());
    planned(s.planner.plan({ series: SERIES, at: '2026-10-22 13:00', topic: 'States', questions: [{ text: 'Q?' }] }));
    s.scheduler.start();
    await s.clock.advanceTo(OCT_22 - 1);
    expect(s.episodeState(OCT_22)).toBe('planned');
    await s.clock.advanceTo(OCT_22 + MINUTE);
    expect(s.episodeState(OCT_22)).toBe('running');
    const session = s.store.episodes.at(SERIES, OCT_22)!.session_id;
    expect(session).toBe(s.host.runnerFor(CHANNEL)!.id);
    await s.clock.advanceTo(OCT_22 + HOUR);
    expect(s.platform.ofKind('closing')).toHaveLength(1);
    expect(s.episodeState(OCT_22)).toBe('done');
    expect(s.store.episodes.at(SERIES, OCT_22)!.session_id).toBe(session);
    s.scheduler.stop();
  });

  it('a date skipped elsewhere (the CLI, another process) is not run even before the scheduler re-plans', async () => {
    const s = setup(seriesFolder());
    planned(s.planner.plan({ series: SERIES, at: '2026-10-22 13:00', topic: 'Off', questions: [{ text: 'Q?' }] }));
    s.scheduler.start();
    await s.clock.advanceTo(OCT_22 - 30 * MINUTE);
    expect(s.platform.ofKind('reminder')).toHaveLength(2);
    s.planner.skip(SERIES, '2026-10-22'); // no refresh(): the heartbeat has not come yet
    await s.clock.advanceTo(OCT_22 + HOUR);
    expect(s.platform.ofKind('reminder')).toHaveLength(2);
    expect(s.platform.ofKind('opening')).toEqual([]);
    expect(s.store.schedule.recentRuns(COMMUNITY, 10).find((r) => r.run_at === OCT_22)).toMatchObject({
      state: 'cancelled',
      note: 'a host skipped this date',
    });
    expect(s.episodeState(OCT_22)).toBe('skipped');
    s.scheduler.stop();
  });

  it('a series with "unplanned: skip" is silent on a week nothing is planned for', async () => {
    const s = setup(seriesFolder((yaml) => replaceOrThrow(yaml, /^topic: /m, 'unplanned: skip\ntopic: ')));
    planned(
      s.planner.plan({
        series: SERIES,
        at: '2026-10-29 13:00',
        topic: 'The only planned week',
        questions: [{ text: 'Why?' }],
      }),
    );
    s.scheduler.start();
    await s.clock.advanceTo(NOV_5 + 3 * HOUR);

    expect(s.platform.ofKind('opening').map((w) => w.at)).toEqual([OCT_29]);
    expect(s.postsBetween(OCT_29 + 3 * HOUR, NOV_5 + 3 * HOUR)).toEqual([]);
    expect(s.postsBetween(0, OCT_22 + 3 * HOUR)).toEqual([]);
    expect(s.postsBetween(OCT_29 - 25 * HOUR, OCT_29, 'reminder')[0]!.message.text).toContain(
      'This week: The only planned week.',
    );
    const runs = s.store.schedule.recentRuns(COMMUNITY, 10);
    for (const unplanned of [OCT_22, NOV_5]) {
      expect(runs.find((r) => r.run_at === unplanned)).toMatchObject({
        state: 'cancelled',
        note: expect.stringContaining('no episode was planned'),
      });
    }
    s.scheduler.stop();
  });
});

function runAtMinus(runAt: number, post: RecordedPost): number {
  return (runAt - post.at) / MINUTE;
}
