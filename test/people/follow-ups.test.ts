import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCoreConfig } from '../../src/config/core-config.js';
import { silentLogger } from '../../src/log.js';
import type { HostNotice, HostNoticeResult } from '../../src/port.js';
import type { ChatScript } from '../../src/script/script-schema.js';
import { planTimeline } from '../../src/script/timeline.js';
import { FOLLOW_UPS_SENT } from '../../src/service/deliver-follow-ups.js';
import { finishSession } from '../../src/service/finish-session.js';
import { ManualClock } from '../../src/time/manual-clock.js';
import { finishingChatRouter } from '../support/finishing-chat-router.js';
import { RecordingPlatform } from '../support/recording-platform.js';
import { shippedScript } from '../support/write-test-script.js';
import { followUpsFor } from '../../src/people/follow-ups.js';
import { renderFollowUps } from '../../src/people/render-follow-ups.js';
import { seriesTrends } from '../../src/people/trends.js';
import { renderRecaps } from '../../src/recap/render-recap.js';
import { sessionRecapInput } from '../../src/recap/session-recap-input.js';
import type { Recap } from '../../src/recap/recap-model.js';
import { address, COMMUNITY, FIRST_CHAT_AT, nameOf, SERIES, weeklyStore } from './weekly-community.js';

const WEEK = 7 * 24 * 3_600_000;
const chatDay = (n: number) => new Date(FIRST_CHAT_AT + (n - 1) * WEEK).toISOString();
const person = (who: string, quiet = false) => ({
  userId: address(who),
  name: who.charAt(0).toUpperCase() + who.slice(1),
  quiet,
});

describe("the hosts' follow-up list, over 12 weekly chats", () => {
  it('chat 6: first-timers with their first answer, regulars away, questions left unanswered, most replied', () => {
    const { store, chat } = weeklyStore();
    const list = followUpsFor(store, chat(6));
    expect(list).toMatchObject({ sessionId: chat(6), seriesId: SERIES, title: 'Weekly Chat', startedAt: chatDay(6) });
    expect(list.firstTimers.map((f) => [f.person, f.firstAnswer?.text ?? null, f.firstAnswer?.question])).toEqual([
      [person('eli'), 'A1: first time here, I start late', 1],
      [person('fay'), null, undefined],
    ]);
    // Bo came to all five chats before, Cy to three (the rehearsal Bo joined and the monthly chat do not count).
    expect(list.missedRegulars).toEqual([
      { person: person('bo'), attended: 5, of: 5, lastAttendedAt: chatDay(5) },
      { person: person('cy'), attended: 3, of: 5, lastAttendedAt: chatDay(3) },
    ]);
    // Eli's and Hal's questions to the guest were answered (a reply, a mention); the deleted one is gone.
    expect(list.unansweredQuestions.map((q) => [q.person.name, q.message.text, q.askedOf])).toEqual([
      ['Ana', 'What about you, host?', ['Host']],
      ['Nia', `<@${address('host')}> when is the next chat?`, ['Host']],
    ]);
    // Ana's own reply and the deleted one do not count; the guest's answer is not a participant's.
    expect(list.mostRepliedAnswers.map((a) => [a.person.name, a.message.text, a.replies])).toEqual([
      ['Ana', 'A1: I start with a list', 3],
      ['Hal', 'A2: small steps', 2],
    ]);
  });

  it('chat 12: the quiet first-timer is listed, regulars who missed it, questions by reply and by name', () => {
    const { store, chat } = weeklyStore();
    const list = followUpsFor(store, chat(12));
    expect(list.firstTimers).toEqual([
      {
        person: person('kim', true),
        firstAnswer: { address: expect.any(String), text: 'A2: I keep a journal', at: expect.any(String), question: 2 },
      },
    ]);
    expect(list.missedRegulars).toEqual([
      { person: person('bo'), attended: 5, of: 5, lastAttendedAt: chatDay(11) },
      { person: person('oz'), attended: 3, of: 5, lastAttendedAt: chatDay(11) },
    ]);
    // Kim's question got a host's mention back; Jon replied to the host, Dee wrote "@Host".
    expect(list.unansweredQuestions.map((q) => [q.person.name, q.message.text, q.askedOf])).toEqual([
      ['Jon', 'Is this recorded?', ['Host']],
      ['Dee', '@Host will there be a recap?', ['Host']],
    ]);
    expect(list.mostRepliedAnswers.map((a) => [a.person, a.message.text, a.replies])).toEqual([
      [person('kim', true), 'A2: I keep a journal', 2],
      [person('ana'), 'A1: twelve weeks already', 1],
    ]);
  });

  it('mentions people where it is posted, except those who asked to be quiet, who are named', () => {
    const { store, chat } = weeklyStore();
    const text = renderFollowUps(followUpsFor(store, chat(12)), { mention: (id) => `<@${id}>` });
    expect(text).toContain('Kim: A2: “I keep a journal”');
    expect(text).not.toContain(`<@${address('kim')}>`);
    expect(text).toContain(`<@${address('bo')}>: 5 of the previous 5 chats`);
    expect(text).toContain(`<@${address('jon')}> asked Host: “Is this recorded?”`);
    expect(text.split('\n')[0]).toBe('Follow-ups after Weekly Chat (2026-03-26), for the hosts only:');
  });

  it('rehearsals have no list and never count', () => {
    const { store, rehearsals } = weeklyStore();
    expect(() => followUpsFor(store, rehearsals[0]!)).toThrow(/rehearsal/);
    expect(() => followUpsFor(store, 9999)).toThrow(/No session 9999/);
  });
});

describe('trends', () => {
  it("chat 12's bars: new vs returning for each of the 12 weekly chats", () => {
    const { store, chat } = weeklyStore();
    const trends = seriesTrends(store, COMMUNITY, SERIES, chat(12));
    expect(trends.chats.map((c) => [c.new, c.returning, c.people])).toEqual([
      [4, 0, 4], // Ana, Bo, Cy, Nia
      [2, 3, 5], // Dee, Ivy new
      [1, 3, 4], // Hal
      [0, 3, 3],
      [1, 3, 4], // Gus, before he was the guest
      [2, 4, 6], // Eli, Fay
      [2, 2, 4], // Leo, Oz
      [1, 3, 4], // Max
      [1, 3, 4], // Jon
      [0, 3, 3],
      [0, 5, 5],
      [1, 3, 4], // Kim
    ]);
    expect(trends.chats.map((c) => c.sessionId)).toEqual(Array.from({ length: 12 }, (_, i) => chat(i + 1)));
    expect(trends.chats[0]!.startedAt).toBe(chatDay(1));
  });

  it('retention, by hand: of the first-timers of chats 1-8, who came to one of their next 4 chats', () => {
    const { store, chat } = weeklyStore();
    // Chat 1: Ana, Bo, Cy yes, Nia no (back only at 6) · 2: Dee yes, Ivy no · 3: Hal yes · 5: Gus yes ·
    // 6: Eli yes, Fay no · 7: Leo (at 11) and Oz (at 9) yes · 8: Max no → 9 of 13; Jon (9) and Kim (12) pending.
    expect(seriesTrends(store, COMMUNITY, SERIES, chat(12)).retention).toEqual({
      window: 4,
      firstTimers: 13,
      cameBack: 9,
      share: 9 / 13,
      pending: 2,
    });
    // At chat 6 only chats 1 and 2 have four later chats: 3 of 4 and 1 of 2; Hal, Gus, Eli, Fay pending.
    expect(seriesTrends(store, COMMUNITY, SERIES, chat(6)).retention).toEqual({
      window: 4,
      firstTimers: 6,
      cameBack: 4,
      share: 4 / 6,
      pending: 4,
    });
    expect(seriesTrends(store, COMMUNITY, SERIES, chat(6)).chats).toHaveLength(6);
  });
});

describe("the recap's people section and trends", () => {
  it('names the first-timers and those back after an absence, and shows the trends in md, html and json', () => {
    const { store, chat } = weeklyStore();
    const recaps = renderRecaps(sessionRecapInput(store, chat(12)), ['md', 'html', 'json']);
    const md = recaps.get('md')!;
    expect(md).toContain('A warm welcome to our first-timers: **Kim**.');
    // Dee's last chat was the 4th weekly one: eight of the community's chats ago (the monthly one included).
    expect(md).toContain('Good to see you back: **Dee** (last here 8 chats ago).');
    expect(md).toContain('## Attendance over the last 12 chats');
    expect(md).toContain('| Jan 8 | 4 | 0 | 4 |');
    expect(md).toContain('| Mar 26 (this chat) | 1 | 3 | 4 |');
    expect(md).toContain(
      'Retention: 9 of 13 first-timers (69%) came back within their next 4 chats; 2 first-timers of the last 4 ' +
        'chats are not counted yet.',
    );
    const json = JSON.parse(recaps.get('json')!) as Recap;
    expect(json.participants.filter((p) => p.returnedAfter !== undefined)).toEqual([
      expect.objectContaining({ author: 'Dee', returnedAfter: 8 }),
    ]);
    expect(json.trends?.chats.map((c) => c.new)).toEqual([4, 2, 1, 0, 1, 2, 2, 1, 1, 0, 0, 1]);
    expect(json.trends?.retention.cameBack).toBe(9);
    const html = recaps.get('html')!;
    expect(html).toContain('id="attendance-chart"');
    expect(html.match(/<rect class="new" /g)).toHaveLength(12 + 1); // a bar per chat and the legend's
    expect(html).toContain('<title>Mar 26: 1 new, 3 returning</title>');
    expect(html).toContain('Good to see you back: <bdi><strong>Dee</strong></bdi> (last here 8 chats ago).');
  });

  it("chat 6 welcomes Nia back; the series' welcomeBackAfter decides who counts as away", () => {
    const { store, chat } = weeklyStore();
    const md = renderRecaps(sessionRecapInput(store, chat(6)), ['md']).get('md')!;
    expect(md).toContain('A warm welcome to our first-timers: **Eli**, **Fay**.');
    expect(md).toContain('Good to see you back: **Nia** (last here 6 chats ago).');
    const row = store.sessions.get(chat(6))!;
    const script = { ...JSON.parse(row.script_json), welcomeBackAfter: 7 };
    store.sessions.update(chat(6), { script_json: JSON.stringify(script) });
    expect(renderRecaps(sessionRecapInput(store, chat(6)), ['md']).get('md')!).not.toContain('Good to see you back');
  });

  it("the series' first chat: one bar, everyone new, retention not known yet", () => {
    const { store, chat } = weeklyStore();
    const md = renderRecaps(sessionRecapInput(store, chat(1)), ['md']).get('md')!;
    expect(md).toContain('## Attendance over the last chat');
    expect(md).toContain('| Jan 8 (this chat) | 4 | 0 | 4 |');
    expect(md).toContain(
      'Retention: not known yet (4 first-timers of the last 4 chats are not counted yet: they have had fewer ' +
        'than 4 chats since).',
    );
    expect(md).not.toContain('Good to see you back');
  });

  it('a recap read without the community (the channel recap) has no trends', () => {
    const { store, chat } = weeklyStore();
    const input = sessionRecapInput(store, chat(12), { community: false });
    expect(input.community).toBeUndefined();
    expect(renderRecaps(input, ['md']).get('md')!).not.toContain('Attendance over');
  });
});

/** The test platform, with direct messages to the hosts (as Slack and Discord have). */
class HostsPlatform extends RecordingPlatform {
  readonly notices: HostNotice[] = [];
  async notifyHosts(notice: HostNotice): Promise<HostNoticeResult> {
    this.notices.push(notice);
    return { reached: 1, failed: [] };
  }
}

describe('delivery to the hosts', () => {
  it('after a real chat, once: a restart that finishes the chat again sends nothing more', async () => {
    const { store } = weeklyStore();
    const clock = new ManualClock(FIRST_CHAT_AT + 12 * WEEK);
    const platform = new HostsPlatform(clock);
    const config = readCoreConfig({ EMCEE_RECAP_DIR: mkdtempSync(join(tmpdir(), 'emcee-followups-')) });
    const deps = { store, platform, log: silentLogger, config, clock };
    const { router } = finishingChatRouter({ store, platform, clock }, config);
    const demo = shippedScript('demo');
    const script: ChatScript = { ...demo, id: SERIES, questions: demo.questions.slice(0, 2), recapDelivery: 'none' };
    const runner = await router.startSession({ script, community: COMMUNITY, channel: 'test:C1' });
    await clock.advance(planTimeline(script).questionOffsets[0]! + 1000); // Q1 open
    let seq = 0;
    const say = async (who: string, text: string, extra: { replyTo?: string; isHost?: boolean } = {}) => {
      const id = `test:C1:live${++seq}`;
      const author = { id: address(who), displayName: nameOf(who), isBot: false, isHost: extra.isHost ?? false };
      await router.handleMessage({
        id,
        channel: 'test:C1',
        community: COMMUNITY,
        author,
        text,
        ts: clock.now(),
        ...extra,
      });
      await clock.advance(1000);
      return id;
    };
    await say('host', 'Hello all, glad you came', { isHost: true });
    const kimAnswer = await say('kim', 'A1: a journal again');
    await say('ana', 'A1: lists', {});
    await say('ana', 'Still a journal?', { replyTo: kimAnswer });
    await say('quinn', 'A1: my first answer');
    await say('quinn', `<@${address('host')}> is there a recording?`);
    await runner.end();
    await runner.done;

    expect(platform.notices).toHaveLength(1);
    const text = platform.notices[0]!.text;
    expect(text).toContain(`First-timers — say hello (1)\n• <@${address('quinn')}>: A1: “my first answer”`);
    expect(text).toContain(`<@${address('bo')}>: 4 of the previous 5 chats`);
    expect(text).toContain(`<@${address('quinn')}> asked Host: “<@${address('host')}> is there a recording?”`);
    // Kim asked to be quiet: named, never mentioned.
    expect(text).toContain('Kim (1 reply): A1: “a journal again”');
    expect(text).not.toContain(`<@${address('kim')}>`);

    // A restart before the end of the chat was recorded finishes it again: the list is not sent twice.
    await finishSession(deps, runner);
    expect(platform.notices).toHaveLength(1);
    expect(store.sessions.events(runner.id).filter((e) => e.kind === FOLLOW_UPS_SENT)).toHaveLength(1);
  });
});
