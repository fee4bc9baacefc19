import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createDiscordAdapter, discordConfigSchema } from '../../adapters/discord/index.js';
import { silentLogger } from '../../src/log.js';
import { Scheduler } from '../../src/schedule/scheduler.js';
import { loadScript } from '../../src/script/load-script.js';
import { scriptSchema } from '../../src/script/script-schema.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { ManualClock } from '../../src/time/manual-clock.js';
import { FAKE_TOKEN, FakeDiscord } from '../fakes/discord/fake-discord.js';
import type { Json } from '../fakes/discord/fake-guild.js';
import { adapterChatRouter } from '../support/adapter-chat-router.js';
import { waitFor } from '../support/wait-for.js';
import { shippedScript } from '../support/write-test-script.js';
import { addPeople, PEOPLE } from './fake-people.js';

/**
 * Planning episodes from Discord, end to end: the real engine (ChatRouter, EpisodePlanner, Scheduler) behind the
 * real discord.js adapter, against the fake Discord. A host plans with `/emcee plan` (a modal), manages dates
 * with `/emcee episodes` (buttons), and the run's Scheduled Event follows, edited in place.
 */

const MONDAY = Date.UTC(2026, 10, 16, 12); // 07:00 in New York
const THURSDAY = Date.UTC(2026, 10, 19, 18); // 13:00 in New York (EST), the series' weekly time
const WEEK = 7 * 86_400_000;
const MINUTE = 60_000;

type Rig = Awaited<ReturnType<typeof startRig>>;
let rig: Rig | undefined;
let folder: string | undefined;
afterEach(async () => {
  await rig?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
  rig = folder = undefined;
});

// The weekly series alone in a temporary prompts folder (so `/emcee plan` needs no series name), no reminders.
function seriesFolder() {
  folder = mkdtempSync(join(tmpdir(), 'emcee-episodes-'));
  const prompts = join(folder, 'prompts');
  // The schedule as YAML has it (durations as text). writeTestScript writes the parsed script, whose
  // durations are numbers no script file may hold, so the series is written here, validated the same way.
  const schedule = { weekly: { day: 'thursday', time: '13:00' }, reminders: [] };
  const series = { ...shippedScript('weekly-chat'), schedule };
  scriptSchema.parse(series);
  mkdirSync(prompts, { recursive: true });
  const file = join(prompts, 'weekly-chat.yaml');
  writeFileSync(file, stringify(series));
  copyFileSync('prompts/recap-summary.md', join(prompts, 'recap-summary.md'));
  const script = loadScript(file);
  return { prompts, script: { ...script, schedule: script.schedule! } };
}

async function startRig() {
  const { prompts, script } = seriesFolder();
  const fake = new FakeDiscord();
  await fake.start();
  addPeople(fake);
  const config = discordConfigSchema.parse({
    token: FAKE_TOKEN,
    guildId: fake.guildId,
    channelId: fake.channelId,
    hostRoleId: fake.hostRoleId,
    // Without the final /api, as people also write it: the adapter must still find the API.
    apiUrl: fake.apiUrl.replace(/\/api$/, ''),
    readyTimeoutMs: 5000,
    postIntervalMs: 0,
  });
  const adapter = createDiscordAdapter(config, silentLogger);
  const store = ChatStore.open(':memory:');
  const clock = new ManualClock(MONDAY);
  const { host, ended } = adapterChatRouter(adapter, store, clock, prompts);
  const deps = { store, clock, log: silentLogger, platform: adapter, router: host, community: adapter.community };
  const scheduler = new Scheduler(deps, [{ script, channel: adapter.defaultChannel }]);
  await adapter.start(host);
  scheduler.start();
  await scheduler.announce();
  const stop = async () => {
    scheduler.stop();
    await host.stop();
    await adapter.stop();
    await fake.stop();
  };
  return { fake, adapter, store, clock, host, ended, scheduler, stop, ...calls(fake) };
}

function calls(fake: FakeDiscord) {
  const G = fake.guildId;
  return {
    user: (id: string) => `discord:${G}:${id}`,
    created: () => fake.callsTo('POST', /^\/guilds\/\d+\/scheduled-events$/),
    patched: (id = '\\d+') => fake.callsTo('PATCH', new RegExp(`^/guilds/\\d+/scheduled-events/${id}$`)),
    deleted: () => fake.callsTo('DELETE', /^\/guilds\/\d+\/scheduled-events\/\d+$/),
    posts: () => fake.callsTo('POST', /^\/channels\/\d+\/messages$/).map((call) => call.body as Json),
  };
}

// The interaction's answer once it is complete: a modal, or a message with its text.
async function answered(r: Rig, id: string, what: string) {
  await waitFor(() => {
    const answer = r.fake.interactionAnswer(id);
    return (
      answer !== undefined && (answer.callbackType === 9 || (answer.content !== undefined && answer.content !== ''))
    );
  }, what);
  return r.fake.interactionAnswer(id)!;
}

const inputs = (modal: Json | undefined) =>
  ((modal?.components ?? []) as Json[]).map((row) => (row.components as Json[])[0] as Json);
const valuesOf = (modal: Json | undefined) =>
  Object.fromEntries(inputs(modal).map((input) => [String(input.custom_id), input.value]));
const buttons = (answer: { components?: Json[] } | Json | undefined) =>
  ((answer?.components ?? []) as Json[]).flatMap((row) => row.components as Json[]);
// The Scheduled Event of a planned run, as the fake Discord holds it.
const eventOf = (r: Rig, runAt: number): (Json & { id: string }) | undefined => {
  const run = r.store.schedule.plannedRuns(r.adapter.community).find((p) => p.run_at === runAt);
  return run?.announcement ? { ...r.fake.scheduledEvents.get(run.announcement), id: run.announcement } : undefined;
};

const QUESTIONS = ['What makes you trust a new community? [10]', 'What breaks that trust?', 'How do you win it back?'];

// `/emcee plan` by the host, then the modal sent with `values` (by custom_id); returns the submission's id.
async function plan(r: Rig, values: Record<string, string>): Promise<string> {
  const opened = r.fake.slashCommand({ user: PEOPLE.host, sub: 'plan' });
  expect((await answered(r, opened, 'the plan modal')).callbackType).toBe(9);
  const sent = r.fake.submitModal({ user: PEOPLE.host, on: opened, values });
  expect((await answered(r, sent, 'the plan saved')).content).toMatch(/^Planned weekly-chat on /);
  return sent;
}

describe('Planning an episode from Discord, end to end', () => {
  it('plan by modal (errors come back to fix), the event edited in place, the chat run as planned', async () => {
    const r = (rig = await startRig());
    await waitFor(() => r.created().length === 2, 'the next two Thursdays announced');
    const event = eventOf(r, THURSDAY)!;
    expect(event.description).toMatch(/^Building real relationships online\nQ1: How do you build/);

    // A member who is not a host is refused, privately.
    const refused = r.fake.slashCommand({ user: PEOPLE.mallory, sub: 'plan' });
    const refusal = await answered(r, refused, 'the refusal');
    const onlyHosts = 'Only hosts can plan a chat. Ask a host of this community.';
    expect(refusal).toMatchObject({ ephemeral: true, content: onlyHosts });
    expect(refusal.modal).toBeUndefined();

    // The host gets the form, its date set to the next Thursday with nothing planned.
    const opened = r.fake.slashCommand({ user: PEOPLE.host, sub: 'plan' });
    const { modal } = await answered(r, opened, 'the plan modal');
    expect(modal).toMatchObject({ custom_id: 'emcee_form:plan:weekly-chat', title: 'Plan a chat' });
    expect(inputs(modal).map((input) => [input.custom_id, input.style, input.required])).toEqual([
      ['datetime:at', 1, true],
      ['short:topic', 1, true],
      ['users:guests', 1, false],
      ['paragraph:questions', 2, false],
      ['paragraph:note', 2, false],
    ]);
    expect(valuesOf(modal)['datetime:at']).toBe('2026-11-19 13:00');

    // A date that does not exist: the error beside its field, and a button that reopens the form as typed.
    const typed = {
      'datetime:at': '2026-13-40 25:00',
      'short:topic': 'Trust in small communities',
      'users:guests': `<@${PEOPLE.ana}>, <@${PEOPLE.bea}>`,
      'paragraph:questions': QUESTIONS.join('\n'),
    };
    const bad = r.fake.submitModal({ user: PEOPLE.host, on: opened, values: typed });
    const badAnswer = await answered(r, bad, 'the errors');
    expect(badAnswer.ephemeral).toBe(true);
    expect(badAnswer.content).toContain('• **Date and time**: "2026-13-40 25:00" is not a real date and time');
    const [fix] = buttons(badAnswer);
    expect(fix).toMatchObject({ label: 'Fix and send again' });
    const reopened = r.fake.clickButton({ user: PEOPLE.host, on: bad, customId: String(fix!.custom_id) });
    const again = (await answered(r, reopened, 'the form again')).modal;
    expect(valuesOf(again)).toMatchObject(typed);

    // A date already past: refused the same way.
    const past = r.fake.submitModal({ user: PEOPLE.host, on: reopened, values: { 'datetime:at': '2026-11-12 13:00' } });
    const pastAnswer = await answered(r, past, 'the past date refused');
    expect(pastAnswer.content).toContain('• **Date and time**: is in the past: pick a time ahead');
    const fixAgain = String(buttons(pastAnswer)[0]!.custom_id);
    const reopenedAgain = r.fake.clickButton({ user: PEOPLE.host, on: past, customId: fixAgain });
    const third = (await answered(r, reopenedAgain, 'the form a third time')).modal;
    expect(valuesOf(third)['datetime:at']).toBe('2026-11-12 13:00');
    expect(r.store.episodes.upcoming(0)).toEqual([]);

    // Fixed: saved with the guests' names as members see them, and the questions with their minutes.
    const fixed = { 'datetime:at': '2026-11-19 13:00' };
    const saved = r.fake.submitModal({ user: PEOPLE.host, on: reopenedAgain, values: fixed });
    expect((await answered(r, saved, 'the plan saved')).content).toBe(
      'Planned weekly-chat on 2026-11-19 13:00 (America/New_York): Trust in small communities.',
    );
    const episode = r.store.episodes.at('weekly-chat', THURSDAY)!;
    expect(JSON.parse(episode.guests_json)).toEqual([
      { name: 'ana', id: r.user(PEOPLE.ana) },
      { name: 'Bea B.', id: r.user(PEOPLE.bea) },
    ]);
    expect(JSON.parse(episode.questions_json)).toEqual([
      { text: 'What makes you trust a new community?', minutes: 10 },
      { text: 'What breaks that trust?' },
      { text: 'How do you win it back?' },
    ]);

    // The heartbeat's refresh edits the event made before the plan, in place: same id, no DELETE, no POST.
    await r.scheduler.refresh();
    expect(r.patched(event.id).map((call) => call.body)).toEqual([
      expect.objectContaining({
        description: [
          'Trust in small communities',
          'Guests: ana, Bea B.',
          'Q1: What makes you trust a new community?',
          'Q2: What breaks that trust?',
          'Q3: How do you win it back?',
        ].join('\n'),
        scheduled_start_time: '2026-11-19T18:00:00.000Z',
      }),
    ]);
    expect(eventOf(r, THURSDAY)!.id).toBe(event.id);
    expect(r.deleted()).toHaveLength(0);
    expect(r.created()).toHaveLength(2);
    await r.scheduler.refresh(); // nothing changed since: no call
    expect(r.patched()).toHaveLength(1);

    // At its time the chat runs: the guests introduced (and pinged) in the welcome, then exactly its questions.
    await r.clock.advanceTo(THURSDAY);
    const isWelcome = (p: Json) => String(p.content).startsWith('Welcome to #CommunityChat');
    await waitFor(() => r.posts().some(isWelcome), 'the welcome');
    const welcome = r.posts().find(isWelcome)!;
    expect(welcome.content).toContain(`Our guest today: <@${PEOPLE.ana}>, <@${PEOPLE.bea}>. Welcome!`);
    expect((welcome.allowed_mentions as Json).users).toEqual([PEOPLE.ana, PEOPLE.bea]);
    const questions = () => r.posts().flatMap((p) => (/^Q\d+: /.test(String(p.content)) ? [String(p.content)] : []));
    for (const [at, count] of [
      [5, 1],
      [15, 2],
      [23, 3],
    ] as const) {
      await r.clock.advanceTo(THURSDAY + at * MINUTE);
      await waitFor(() => questions().length === count, `Q${count}`);
    }
    await r.clock.advanceTo(THURSDAY + 40 * MINUTE);
    await waitFor(() => r.ended.length === 1, 'the chat ended');
    expect(questions()).toEqual([
      'Q1: What makes you trust a new community? #CommunityChat',
      'Q2: What breaks that trust? #CommunityChat',
      'Q3: How do you win it back? #CommunityChat',
    ]);
    expect(r.store.episodes.at('weekly-chat', THURSDAY)).toMatchObject({ state: 'done', session_id: r.ended[0] });
    await waitFor(() => r.fake.scheduledEvents.get(event.id)?.status === 3, 'the event completed');
  });

  it("/emcee episodes: Skip withdraws the date's event, Delete removes another, Edit moves it", async () => {
    const r = (rig = await startRig());
    await waitFor(() => r.created().length === 2, 'the next two Thursdays announced');
    // Three Thursdays planned, each form dated the next free one.
    const topics = ['Trust', 'Moderation', 'Onboarding'];
    for (const topic of topics) {
      await plan(r, { 'short:topic': topic, 'paragraph:questions': `${topic}: where do you start?` });
    }
    const [first, second, third] = [THURSDAY, THURSDAY + WEEK, THURSDAY + 2 * WEEK];
    expect(r.store.episodes.upcoming(0).map((e) => [e.run_at, e.topic])).toEqual([
      [first, 'Trust'],
      [second, 'Moderation'],
      [third, 'Onboarding'],
    ]);
    await r.scheduler.refresh();
    // The third date is past the two runs planned ahead, but planned episodes are announced too.
    await waitFor(() => r.created().length === 3 && eventOf(r, third) !== undefined, 'the third Thursday announced');
    const events = [first, second, third].map((at) => eventOf(r, at)!.id);
    expect(events.map((id) => String(r.fake.scheduledEvents.get(id)!.description).split('\n')[0])).toEqual(topics);

    // The list, privately, one line per date with its buttons.
    const listed = r.fake.slashCommand({ user: PEOPLE.host, sub: 'episodes' });
    const list = await answered(r, listed, 'the list');
    expect(list.ephemeral).toBe(true);
    expect(list.content).toContain('**1.** weekly-chat · 2026-11-19 13:00 — Trust');
    expect(list.content).toContain('**3.** weekly-chat · 2026-12-03 13:00 — Onboarding');
    const action = (verb: string, local: string) => `emcee_action:episodes:${verb}:weekly-chat:${local}`;
    expect(buttons(list).map((b) => b.label)).toEqual(
      [1, 2, 3].flatMap((n) => [`${n} · Edit`, `${n} · Skip`, `${n} · Delete`]),
    );

    // Skip the first Thursday: no chat that day, and its event is withdrawn at the next refresh. A person takes
    // a moment between clicks (the scheduler notices a change by the episodes' update times, in ms).
    await r.clock.advance(MINUTE);
    const skip = r.fake.clickButton({ user: PEOPLE.host, on: listed, customId: action('skip', '2026-11-19 13:00') });
    expect((await answered(r, skip, 'the skip')).callbackType).toBe(7);
    const afterSkip = r.fake.answerMessage(listed)!;
    expect(afterSkip.content).toMatch(/^Skipped weekly-chat on 2026-11-19 13:00: no chat that day\./);
    expect(afterSkip.content).toContain('2026-11-19 13:00 — Trust [skipped]');
    expect(r.store.episodes.at('weekly-chat', first)!.state).toBe('skipped');
    await r.scheduler.refresh();
    expect(r.fake.scheduledEvents.has(events[0]!)).toBe(false);
    expect(r.deleted().map((call) => call.path.split('/').at(-1))).toEqual([events[0]]);
    expect(eventOf(r, first)).toBeUndefined();

    // Delete the third: the episode is gone; its date is still on the schedule (a skipped date does not use up
    // one of the runs planned ahead), so its event stays and is edited in place to the series' own questions.
    await r.clock.advance(MINUTE);
    const del = r.fake.clickButton({ user: PEOPLE.host, on: listed, customId: action('delete', '2026-12-03 13:00') });
    await answered(r, del, 'the delete');
    expect(r.fake.answerMessage(listed)!.content).toMatch(/^Deleted weekly-chat on 2026-12-03 13:00/);
    expect(r.fake.answerMessage(listed)!.content).not.toContain('Onboarding');
    expect(r.store.episodes.at('weekly-chat', third)).toBeUndefined();
    await r.scheduler.refresh();
    expect(r.fake.scheduledEvents.has(events[2]!)).toBe(true);
    expect(String(r.fake.scheduledEvents.get(events[2]!)!.description)).not.toContain('Onboarding');

    // Edit the second: the form comes filled with the episode; a new time moves it, and its event with it.
    await r.clock.advance(MINUTE);
    const edit = r.fake.clickButton({ user: PEOPLE.host, on: listed, customId: action('edit', '2026-11-26 13:00') });
    const { modal } = await answered(r, edit, 'the edit form');
    expect(modal).toMatchObject({ custom_id: 'emcee_form:plan:weekly-chat:2026-11-26 13:00', title: 'Edit the chat' });
    expect(valuesOf(modal)).toMatchObject({
      'datetime:at': '2026-11-26 13:00',
      'short:topic': 'Moderation',
      'paragraph:questions': 'Moderation: where do you start?',
    });
    const moved = r.fake.submitModal({ user: PEOPLE.host, on: edit, values: { 'datetime:at': '2026-11-26 15:30' } });
    expect((await answered(r, moved, 'the move saved')).content).toBe(
      'Planned weekly-chat on 2026-11-26 15:30 (America/New_York): Moderation.',
    );
    const later = second + 150 * MINUTE;
    const planned = r.store.episodes.upcoming(0, 'weekly-chat').filter((e) => e.state === 'planned');
    expect(planned.map((e) => e.run_at)).toEqual([later]);
    const patchesBefore = r.patched(events[1]).length;
    await r.scheduler.refresh();
    expect(eventOf(r, later)?.id).toBe(events[1]);
    expect(r.patched(events[1]).slice(patchesBefore).at(-1)!.body).toMatchObject({
      scheduled_start_time: '2026-11-26T20:30:00.000Z',
      description: expect.stringMatching(/^Moderation\nQ1: Moderation: where do you start\?$/),
    });
    // No second chat that day: the old time is kept as skipped. Skipped dates do not use up the two runs planned
    // ahead, so the schedule's next Thursdays (the third, with its own questions, and the fourth) stay planned.
    expect(r.store.episodes.at('weekly-chat', second)!.state).toBe('skipped');
    const fourth = third + WEEK;
    expect(r.store.schedule.plannedRuns(r.adapter.community).map((run) => run.run_at)).toEqual([later, third, fourth]);
    expect(r.created()).toHaveLength(4);
    expect(r.deleted()).toHaveLength(1);
    expect([...r.fake.scheduledEvents.keys()].sort()).toEqual([events[1], events[2], eventOf(r, fourth)!.id].sort());
  });
});
