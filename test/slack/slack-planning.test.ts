import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait-for.js';
import { FIRST_RUN, HOUR, MINUTE, startPlanningChat, WEEK } from './slack-planning-harness.js';

type Chat = Awaited<ReturnType<typeof startPlanningChat>>;
let chat: Chat | undefined;
afterEach(async () => {
  await chat?.stop();
  chat = undefined;
});

type Block = { type: string; block_id?: string; element?: Record<string, unknown> };
const TOPIC = 'Building trust online';
const QUESTIONS = ['What builds trust online?', 'What breaks it? [10]', 'One thing you will try this week?'];
const GUESTS = [
  { name: 'Ana Alvarez', id: 'slack:T0001:U1' },
  { name: 'Bea Brown', id: 'slack:T0001:U2' },
];

/** The modal's input elements by block id. */
function elementsOf(view: { view: Record<string, unknown> }): Record<string, Record<string, unknown>> {
  const blocks = view.view.blocks as Block[];
  return Object.fromEntries(blocks.filter((b) => b.type === 'input').map((b) => [b.block_id!, b.element!]));
}

/** Opens the plan modal as UHOST and waits for it; returns it. */
async function openPlan(c: Chat) {
  const before = c.fake.views.opened.length;
  c.command('UHOST', 'plan weekly-test');
  await waitFor(() => c.fake.views.opened.length === before + 1, 'the plan modal');
  return c.fake.views.opened.at(-1)!;
}

/** Plans the date the modal offers, with the episode's fields; waits for the confirmation. */
async function planOffered(c: Chat, topic: string) {
  const view = await openPlan(c);
  const confirmations = c.ephemeralsOf('UHOST').length;
  const answer = await c.submit('UHOST', { topic, guests: ['U1', 'U2'], questions: QUESTIONS.join('\n') });
  expect(answer ?? {}).toEqual({});
  expect(view.open).toBe(false);
  await waitFor(() => c.ephemeralsOf('UHOST').length === confirmations + 1, 'the confirmation');
  return c.ephemeralsOf('UHOST').at(-1)!.text;
}

describe('planning a series from Slack, with the real engine and scheduler', () => {
  it('a host plans the next date in a modal; at its time the chat runs its topic, guests and questions', async () => {
    const c = (chat = await startPlanningChat());

    // Not a host: refused in words, and no modal.
    c.command('U3', 'plan weekly-test');
    await waitFor(() => c.ephemeralsOf('U3').length === 1, 'the refusal');
    expect(c.ephemeralsOf('U3')[0]!.text).toBe('Only hosts can plan a chat. Ask a host of this community.');
    expect(c.fake.callsTo('views.open')).toEqual([]);

    // A host: the modal opens on the next unplanned date (Thursday 14 January, 1 pm in the series' timezone).
    const view = await openPlan(c);
    expect(view.user).toBe('UHOST');
    const elements = elementsOf(view);
    expect(Object.keys(elements)).toEqual(['at__date', 'at__time', 'topic', 'guests', 'questions', 'note']);
    expect(elements.at__date).toMatchObject({ type: 'datepicker', initial_date: '2027-01-14' });
    expect(elements.at__time).toMatchObject({ type: 'timepicker', initial_time: '13:00' });
    expect(elements.guests).toMatchObject({ type: 'multi_users_select' });
    expect(c.ephemeralsOf('UHOST')).toEqual([]);

    // A date in the past: the error is on the date block and the modal stays open; nothing is saved.
    const past = await c.submit('UHOST', { at__date: '2027-01-07', topic: TOPIC });
    expect(past).toEqual({ response_action: 'errors', errors: { at__date: 'is in the past: pick a time ahead' } });
    expect(view.open).toBe(true);
    expect(view.problem).toBeUndefined();
    expect(c.store.episodes.ofSeries('weekly-test')).toEqual([]);

    // Corrected: two guests picked as people, three questions, one of them ten minutes long.
    const answer = await c.submit('UHOST', {
      at__date: '2027-01-14',
      topic: TOPIC,
      guests: ['U1', 'U2'],
      questions: QUESTIONS.join('\n'),
      note: 'Ana opens.',
    });
    expect(answer ?? {}).toEqual({});
    expect(view.open).toBe(false);
    const [row, ...others] = c.store.episodes.ofSeries('weekly-test');
    expect(others).toEqual([]);
    expect(row).toMatchObject({ run_at: FIRST_RUN, topic: TOPIC, note: 'Ana opens.', state: 'planned' });
    expect(JSON.parse(row!.guests_json)).toEqual(GUESTS);
    expect(JSON.parse(row!.questions_json)).toEqual([
      { text: 'What builds trust online?' },
      { text: 'What breaks it?', minutes: 10 },
      { text: 'One thing you will try this week?' },
    ]);
    await waitFor(() => c.ephemeralsOf('UHOST').length === 1, 'the confirmation');
    expect(c.ephemeralsOf('UHOST')[0]).toMatchObject({
      channel: 'C1',
      text: `Planned weekly-test on 2027-01-14 13:00 (America/New_York): ${TOPIC}.`,
    });
    await c.scheduler.refresh(); // as the chat service's heartbeat does

    // An hour before: the reminder names the episode's topic and guests.
    await c.advanceUntil(FIRST_RUN - HOUR, () => c.posts().some((p) => p.startsWith('⏰')), 'the reminder');
    const reminder = c.posts().find((p) => p.startsWith('⏰'))!;
    expect(reminder).toContain(`This week: ${TOPIC}.`);
    expect(reminder).toContain('Our guest today: Ana Alvarez, Bea Brown. Welcome!');
    expect(reminder).not.toContain('The series default topic');

    // At 1 pm the chat starts: the guests are introduced (and pinged) in the welcome.
    const welcomed = () => c.posts().some((p) => p.startsWith('Welcome to #CommunityChat'));
    await c.advanceUntil(FIRST_RUN, welcomed, 'the welcome');
    expect(c.posts().find((p) => p.startsWith('Welcome to'))).toContain('Our guest today: <@U1>, <@U2>. Welcome!');

    // Exactly the episode's questions, Q2 open ten minutes, then the close.
    const isQuestion = (blocks: unknown) => (blocks as Block[] | undefined)?.[0]?.type === 'header';
    const questionPosts = () => c.fake.callsTo('chat.postMessage').filter((call) => isQuestion(call.args.blocks));
    const offsets = [5, 13, 23].map((minutes) => FIRST_RUN + minutes * MINUTE);
    for (const [index, at] of offsets.entries()) {
      await c.advanceUntil(at, () => questionPosts().length === index + 1, `Q${index + 1}`);
    }
    await c.advanceUntil(FIRST_RUN + 31 * MINUTE, () => c.ended.length === 1, 'the chat to end');
    expect(questionPosts().map((call) => String(call.args.text).split('\n')[0])).toEqual([
      'Q1: What builds trust online? #CommunityChat',
      'Q2: What breaks it? #CommunityChat',
      'Q3: One thing you will try this week? #CommunityChat',
    ]);
    expect(c.posts().some((p) => p.includes('How do you build real relationships'))).toBe(false);
    const ran = c.store.episodes.ofSeries('weekly-test')[0]!;
    expect(ran).toMatchObject({ state: 'done', session_id: c.ended[0] });
    const postedAt = [1, 2, 3].map((n) => c.store.posts.get(c.ended[0]!, `question:${n}`)?.created_at);
    expect(postedAt).toEqual(offsets);
    expect(c.store.schedule.recentRuns('slack:T0001', 5).find((r) => r.run_at === FIRST_RUN)).toMatchObject({
      state: 'started',
      session_id: c.ended[0],
    });
  });

  it('/emcee episodes lists upcoming dates with buttons: Skip, Delete and Edit change the store and plan', async () => {
    const c = (chat = await startPlanningChat());
    // Each modal offers the next free Thursday.
    const [jan14, jan21, jan28] = [FIRST_RUN, FIRST_RUN + WEEK, FIRST_RUN + 2 * WEEK];
    expect(await planOffered(c, 'Trust')).toBe('Planned weekly-test on 2027-01-14 13:00 (America/New_York): Trust.');
    expect(await planOffered(c, 'Saying no')).toContain('on 2027-01-21 13:00');
    expect(await planOffered(c, 'Long threads')).toContain('on 2027-01-28 13:00');
    await c.scheduler.refresh();
    const plannedRuns = () => c.store.schedule.plannedRuns('slack:T0001').map((run) => run.run_at);
    expect(plannedRuns()).toEqual([jan14, jan21, jan28]);

    const lists = () => c.ephemeralsOf('UHOST').filter((m) => m.blocks);
    c.command('UHOST', 'episodes weekly-test');
    await waitFor(() => lists().length === 1, 'the list');
    const list = lists()[0]!;
    const guests = '(guest: Ana Alvarez, Bea Brown)';
    expect(list.text.split('\n')).toEqual([
      'Upcoming chats:',
      `• weekly-test · 2027-01-14 13:00 — Trust ${guests}`,
      `• weekly-test · 2027-01-21 13:00 — Saying no ${guests}`,
      `• weekly-test · 2027-01-28 13:00 — Long threads ${guests}`,
    ]);
    const buttons = () =>
      JSON.stringify(list.blocks)
        .match(/"action_id":"[^"]+"/g)!
        .map((id) => id.slice('"action_id":"'.length, -1));
    expect(buttons()).toEqual(
      ['2027-01-14 13:00', '2027-01-21 13:00', '2027-01-28 13:00'].flatMap((when) =>
        ['edit', 'skip', 'delete'].map((verb) => `episodes:${verb}:weekly-test:${when}`),
      ),
    );

    // Skip: the date is marked skipped, the list is replaced in place, and the date leaves the plan. A host
    // clicks a while after planning: the heartbeat's change signature only sees a change in a later millisecond.
    await c.clock.advance(MINUTE);
    await c.click('UHOST', 'episodes:skip:weekly-test:2027-01-14 13:00');
    await waitFor(() => list.text.startsWith('Skipped'), 'the list to update');
    expect(c.store.episodes.at('weekly-test', jan14)).toMatchObject({ state: 'skipped', topic: 'Trust' });
    expect(list.text.split('\n').slice(0, 3)).toEqual([
      'Skipped weekly-test on 2027-01-14 13:00: no chat that day.',
      'Upcoming chats:',
      `• weekly-test · 2027-01-14 13:00 — Trust ${guests} [skipped]`,
    ]);
    expect(buttons()).not.toContain('episodes:skip:weekly-test:2027-01-14 13:00');
    await c.scheduler.refresh();
    expect(plannedRuns()).not.toContain(jan14);

    // Delete another: gone from the store and from the list.
    await c.click('UHOST', 'episodes:delete:weekly-test:2027-01-21 13:00');
    await waitFor(() => list.text.startsWith('Deleted'), 'the list to update');
    expect(c.store.episodes.at('weekly-test', jan21)).toBeUndefined();
    expect(list.text).not.toContain('Saying no');
    expect(c.store.episodes.ofSeries('weekly-test').map((row) => row.topic)).toEqual(['Trust', 'Long threads']);

    // Edit: the modal opens filled with the episode; a new time moves it and frees the old date.
    const opened = c.fake.views.opened.length;
    await c.click('UHOST', 'episodes:edit:weekly-test:2027-01-28 13:00');
    await waitFor(() => c.fake.views.opened.length === opened + 1, 'the edit modal');
    const edit = c.fake.views.opened.at(-1)!;
    expect(edit.view.title).toMatchObject({ text: 'Edit the chat' });
    const elements = elementsOf(edit);
    expect(elements.at__date).toMatchObject({ initial_date: '2027-01-28' });
    expect(elements.at__time).toMatchObject({ initial_time: '13:00' });
    expect(elements.topic).toMatchObject({ initial_value: 'Long threads' });
    expect(elements.guests).toMatchObject({ initial_users: ['U1', 'U2'] });
    expect(elements.questions).toMatchObject({ initial_value: QUESTIONS.join('\n') });
    const confirmations = c.ephemeralsOf('UHOST').length;
    const answer = await c.submit('UHOST', { at__date: '2027-02-05', at__time: '18:30' });
    expect(answer ?? {}).toEqual({});
    expect(edit.open).toBe(false);
    await waitFor(() => c.ephemeralsOf('UHOST').length === confirmations + 1, 'the confirmation');
    expect(c.ephemeralsOf('UHOST').at(-1)!.text).toBe(
      'Planned weekly-test on 2027-02-05 18:30 (America/New_York): Long threads.',
    );
    const moved = Date.UTC(2027, 1, 5, 23, 30); // Friday 5 February, 6:30 pm in New York
    // No chat at the old time any more: kept as skipped, so the series' own questions do not run then.
    expect(c.store.episodes.at('weekly-test', jan28)).toMatchObject({ state: 'skipped' });
    const movedRow = c.store.episodes.at('weekly-test', moved);
    expect(movedRow).toMatchObject({ topic: 'Long threads', state: 'planned' });
    expect(JSON.parse(movedRow!.guests_json)).toEqual(GUESTS);
    expect(c.store.episodes.ofSeries('weekly-test').map((row) => [row.run_at, row.state])).toEqual([
      [jan14, 'skipped'],
      [jan28, 'skipped'],
      [moved, 'planned'],
    ]);
    // The scheduler follows: the off-schedule date is planned too.
    await c.scheduler.refresh();
    expect(plannedRuns()).toContain(moved);
    expect(plannedRuns()).not.toContain(jan14);
    expect(plannedRuns()).not.toContain(jan28);
  });
});
