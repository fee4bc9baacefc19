import { describe, expect, it } from 'vitest';
import { EpisodePlanner, type EpisodeView } from '../../src/plan/episode-planner.js';
import { parseQuestionLines, questionLines } from '../../src/plan/episode-schema.js';
import { ScriptCatalog } from '../../src/script/script-catalog.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { ManualClock } from '../../src/time/manual-clock.js';

// The shipped weekly series: Thursdays at 1 pm in New York, no chat on 24 December 2026.
const SERIES = 'weekly-chat';
// Monday 30 November 2026, 7 am in New York.
const NOW = Date.UTC(2026, 10, 30, 12, 0);

function setup() {
  const clock = new ManualClock(NOW);
  const store = ChatStore.open(':memory:');
  const scripts = new ScriptCatalog(new URL('../../prompts/', import.meta.url).pathname);
  const planner = new EpisodePlanner({ store, scripts, clock });
  return { clock, store, planner };
}

/** Plans an episode that must be accepted; returns what the planner shows of it. */
function plan(planner: EpisodePlanner, at: string, extra: Record<string, unknown> = {}): EpisodeView {
  const outcome = planner.plan({ series: SERIES, at, topic: `Topic of ${at}`, ...extra });
  if (!outcome.ok) throw new Error(`not planned: ${JSON.stringify(outcome.errors)}`);
  return outcome.episode;
}

/** The errors of a plan that must be refused, by field. */
function refused(planner: EpisodePlanner, input: Record<string, unknown>): Record<string, string> {
  const outcome = planner.plan({ series: SERIES, at: '2026-12-03 13:00', topic: 'Trust', ...input });
  if (outcome.ok) throw new Error(`planned although it should not be: ${JSON.stringify(outcome.episode)}`);
  return outcome.errors;
}

describe('the episode planner refuses a bad plan, naming the field', () => {
  it('a series id that is not one, and a series that does not exist', () => {
    const { planner, store } = setup();
    expect(refused(planner, { series: 'Weekly Chat' })).toEqual({ series: 'a series id like "weekly-chat"' });
    expect(refused(planner, { series: 'no-such-series' })).toEqual({
      series: expect.stringMatching(/^No chat script called "no-such-series"\. Known scripts: .*weekly-chat/),
    });
    expect(store.episodes.upcoming(0)).toEqual([]);
  });

  it('a time the clocks skip on the spring-forward day, with the zone and what to do', () => {
    const { planner } = setup();
    expect(refused(planner, { at: '2027-03-14 02:30' })).toEqual({
      at: '02:30 does not exist on 2027-03-14 in America/New_York (the clocks go forward): pick another time',
    });
    // The hours either side of the gap exist.
    expect(plan(planner, '2027-03-14 01:59').at).toBe('2027-03-14T01:59:00-05:00');
    expect(plan(planner, '2027-03-14 03:00').at).toBe('2027-03-14T03:00:00-04:00');
  });

  it('a time already past (now included), but a minute ahead is fine', () => {
    const { planner } = setup();
    expect(refused(planner, { at: '2026-11-26 13:00' })).toEqual({ at: 'is in the past: pick a time ahead' });
    expect(refused(planner, { at: '2026-11-30 07:00' })).toEqual({ at: 'is in the past: pick a time ahead' });
    expect(plan(planner, '2026-11-30 07:01').at).toBe('2026-11-30T07:01:00-05:00');
  });

  it('a date or time that is not one', () => {
    const { planner } = setup();
    expect(refused(planner, { at: 'next thursday' })).toEqual({
      at: 'a date and time like "2026-12-03 13:00", in the series\' timezone',
    });
    expect(refused(planner, { at: '2027-02-30 13:00' })).toEqual({ at: '"2027-02-30 13:00" is not a real date' });
    expect(refused(planner, { at: '2027-01-07 24:00' })).toEqual({
      at: '"2027-01-07 24:00" is not a real date and time',
    });
  });

  it('a topic too long or empty, bad questions, and every bad field at once', () => {
    const { planner } = setup();
    expect(refused(planner, { topic: 'x'.repeat(201) })).toEqual({ topic: 'at most 200 characters' });
    expect(plan(planner, '2026-12-03 13:00', { topic: 'x'.repeat(200) }).topic).toHaveLength(200);
    expect(refused(planner, { topic: '   ' })).toEqual({ topic: 'must not be empty' });
    expect(refused(planner, { questions: [{ text: 'Why?', minutes: 0 }] })).toEqual({
      questions: 'must be more than 0',
    });
    expect(refused(planner, { questions: [{ text: '' }] })).toEqual({ questions: 'must not be empty' });
    expect(refused(planner, { state: 'done' })).toEqual({ state: 'planned or skipped' });
    // A misspelt field is named, not ignored (the form as a whole: "").
    expect(refused(planner, { guest: 'Ana' })).toEqual({ '': 'Unrecognized key: "guest"' });
    const many = refused(planner, { series: 'X', at: 'soon', topic: '' });
    expect(Object.keys(many).sort()).toEqual(['at', 'series', 'topic']);
  });
});

describe('question lines', () => {
  it('reads one question a line, with optional minutes in brackets and an optional "Qn:" prefix', () => {
    const parsed = parseQuestionLines('What builds trust? [10]\n\n  Q2: What breaks it?  \r\nHalf a minute? [0.5]\n');
    expect(parsed).toEqual({
      ok: true,
      questions: [
        { text: 'What builds trust?', minutes: 10 },
        { text: 'What breaks it?' },
        { text: 'Half a minute?', minutes: 0.5 },
      ],
    });
    if (!parsed.ok) return;
    expect(questionLines(parsed.questions)).toBe('What builds trust? [10]\nWhat breaks it?\nHalf a minute? [0.5]');
  });

  it('names the first line it cannot read', () => {
    expect(parseQuestionLines('Fine\n[10]')).toEqual({ ok: false, message: 'line 2 has minutes but no question' });
    expect(parseQuestionLines('Fine\n\nToo long? [200]')).toEqual({
      ok: false,
      message: 'line 3: minutes must be from 1 to 180, like "[10]"',
    });
    expect(parseQuestionLines('None? [0]')).toMatchObject({ ok: false, message: expect.stringContaining('line 1') });
    const many = Array.from({ length: 51 }, (_, i) => `Question ${i + 1}?`).join('\n');
    expect(parseQuestionLines(many)).toEqual({ ok: false, message: 'at most 50 questions' });
  });
});

describe('the episode planner', () => {
  it('an edit that moves an episode keeps no chat at its old time; one at the same date replaces it', () => {
    const { planner, store } = setup();
    plan(planner, '2026-12-03 13:00', { topic: 'Trust' });
    const moved = planner.plan(
      { series: SERIES, at: '2026-12-10 13:00', topic: 'Trust, a week later' },
      { series: SERIES, at: '2026-12-03 13:00' },
    );
    expect(moved).toMatchObject({ ok: true, episode: { local: '2026-12-10 13:00', topic: 'Trust, a week later' } });
    // The old time is kept as skipped: no second chat there with the series' own questions.
    expect(planner.find(SERIES, '2026-12-03')).toMatchObject({ state: 'skipped' });
    plan(planner, '2026-12-10 13:00', { topic: 'Trust, retitled' });
    expect(store.episodes.ofSeries(SERIES).map((row) => [row.topic, row.state])).toEqual([
      ['Trust', 'skipped'],
      ['Trust, retitled', 'planned'],
    ]);
    // Moving onto a date another chat holds is refused rather than overwriting it.
    plan(planner, '2026-12-17 13:00', { topic: 'Moderation' });
    const clash = planner.plan(
      { series: SERIES, at: '2026-12-17 13:00', topic: 'Trust again' },
      { series: SERIES, at: '2026-12-10 13:00' },
    );
    expect(clash).toEqual({
      ok: false,
      errors: { at: expect.stringMatching(/^another chat is planned then \("Moderation"\)/) },
    });
  });

  it('an edit refused leaves the old date planned', () => {
    const { planner } = setup();
    plan(planner, '2026-12-03 13:00', { topic: 'Trust' });
    const outcome = planner.plan(
      { series: SERIES, at: '2027-03-14 02:30', topic: 'Trust' },
      { series: SERIES, at: '2026-12-03 13:00' },
    );
    expect(outcome.ok).toBe(false);
    expect(planner.find(SERIES, '2026-12-03')?.topic).toBe('Trust');
  });

  it('skips a scheduled date with nothing planned, and a planned one; refuses a date the series does not run', () => {
    const { planner } = setup();
    expect(planner.skip(SERIES, '2026-12-10')).toMatchObject({
      ok: true,
      episode: { local: '2026-12-10 13:00', state: 'skipped', topic: 'Skipped' },
    });
    plan(planner, '2026-12-17 13:00', { topic: 'Holidays', guests: [{ name: 'Ana Lopez' }] });
    expect(planner.skip(SERIES, '2026-12-17')).toMatchObject({
      ok: true,
      episode: { local: '2026-12-17 13:00', state: 'skipped', topic: 'Holidays', guests: [{ name: 'Ana Lopez' }] },
    });
    // A Wednesday: not on the schedule.
    expect(planner.skip(SERIES, '2026-12-09')).toEqual({
      ok: false,
      errors: { at: 'no chat of weekly-chat is planned or scheduled on 2026-12-09' },
    });
    expect(planner.skip('no-such-series', '2026-12-10')).toMatchObject({
      ok: false,
      errors: { series: expect.stringContaining('No chat script called "no-such-series"') },
    });
    expect(planner.list(SERIES).map((e) => [e.local, e.state])).toEqual([
      ['2026-12-10 13:00', 'skipped'],
      ['2026-12-17 13:00', 'skipped'],
    ]);
  });

  it('nextUnplanned: the next scheduled date with no episode, past the dates the schedule skips', async () => {
    const { planner, clock } = setup();
    expect(planner.nextUnplanned(SERIES)).toBe('2026-12-03 13:00');
    for (const at of ['2026-12-03 13:00', '2026-12-10 13:00', '2026-12-17 13:00']) plan(planner, at);
    // 24 December is skipped by the series' own schedule.
    expect(planner.nextUnplanned(SERIES)).toBe('2026-12-31 13:00');
    planner.skip(SERIES, '2026-12-31');
    expect(planner.nextUnplanned(SERIES)).toBe('2027-01-07 13:00');
    // An episode planned off the schedule does not fill a scheduled date.
    plan(planner, '2027-01-06 13:00');
    expect(planner.nextUnplanned(SERIES)).toBe('2027-01-07 13:00');
    expect(planner.nextUnplanned('no-such-series')).toBeUndefined();
    // Once the first dates have passed, the next free one is still ahead.
    await clock.advanceTo(Date.UTC(2027, 0, 8));
    expect(planner.nextUnplanned(SERIES)).toBe('2027-01-14 13:00');
  });

  it("finds an episode by date or by date and time, in the series' timezone", () => {
    const { planner } = setup();
    plan(planner, '2026-12-03 13:00', { topic: 'Trust' });
    plan(planner, '2026-12-04 09:30', { topic: 'A Friday special' });
    expect(planner.find(SERIES, '2026-12-03')?.topic).toBe('Trust');
    expect(planner.find(SERIES, ' 2026-12-03 13:00 ')?.topic).toBe('Trust');
    expect(planner.find(SERIES, '2026-12-03 14:00')).toBeUndefined();
    expect(planner.find(SERIES, '2026-12-04')?.topic).toBe('A Friday special');
    expect(planner.find(SERIES, '2026-12-05')).toBeUndefined();
    expect(planner.find('no-such-series', '2026-12-03')).toBeUndefined();
    // 9:30 pm in New York on 3 December is already the 4th in UTC: the date is the series' own.
    plan(planner, '2026-12-03 21:30', { topic: 'Late' });
    expect(planner.find(SERIES, '2026-12-03 21:30')?.run_at).toBe(Date.UTC(2026, 11, 4, 2, 30));
    expect(planner.delete(SERIES, '2026-12-03 21:30')).toBe(true);
    expect(planner.delete(SERIES, '2026-12-03 21:30')).toBe(false);
  });

  it('the JSON view: "at" carries the right UTC offset on both sides of each DST change', () => {
    const { planner } = setup();
    const at = (local: string) => plan(planner, local).at;
    expect(at('2027-03-11 13:00')).toBe('2027-03-11T13:00:00-05:00');
    expect(at('2027-03-18 13:00')).toBe('2027-03-18T13:00:00-04:00');
    expect(at('2027-11-04 13:00')).toBe('2027-11-04T13:00:00-04:00');
    expect(at('2027-11-11 13:00')).toBe('2027-11-11T13:00:00-05:00');
    expect(Date.parse(at('2027-03-18 13:00'))).toBe(Date.UTC(2027, 2, 18, 17, 0));
    const view = plan(planner, '2026-12-03 13:00', {
      topic: 'Trust',
      guests: [{ name: 'Ana Lopez', id: 'slack:T1:U0ANA' }],
      questions: [{ text: 'What builds trust?', minutes: 10 }],
      note: 'Ana joins from Lisbon',
    });
    expect(view).toEqual({
      series: SERIES,
      at: '2026-12-03T13:00:00-05:00',
      local: '2026-12-03 13:00',
      timezone: 'America/New_York',
      topic: 'Trust',
      guests: [{ name: 'Ana Lopez', id: 'slack:T1:U0ANA' }],
      questions: [{ text: 'What builds trust?', minutes: 10 }],
      note: 'Ana joins from Lisbon',
      state: 'planned',
    });
    expect(planner.list(SERIES)[0]).toEqual(view);
    expect(Object.keys(plan(planner, '2026-12-10 13:00'))).not.toContain('note');
  });
});
