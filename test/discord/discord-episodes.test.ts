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
import { adapterChatHost } from '../support/adapter-chat-host.js';
import { waitFor } from '../support/wait-for.js';
import { shippedScript } from '../support/write-test-script.js';
import { addPeople, PEOPLE } from './fake-people.js';

/**
 * Planning episodes from Discord, end to end: the real engine (ChatHost, EpisodePlanner, Scheduler) behind the
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
  const { host, ended } = adapterChatHost(adapter, store, clock, prompts);
  const deps = { store, clock, log: silentLogger, platform: adapter, host, community: adapter.community };
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
    return answer !== undefined && (answer.callbackType === 9 || answer.content !== undefined && answer.content !== '');
  }, what);
  return r.fake.interactionAnswer(id)!;
}

const inputs = (modal: Json | undefined) =>
  ((modal?.components ?? []) as Json[]).map((row) => (row.components as Json[])[0] as Json);
const valuesOf = (modal: Json | undefined) =>
  Object.fromEntries(inputs(modal).map((input) => [String(input.custom_id), input.value]));
const buttons = (answer: { components?: Json[] } | Json | undefined) =>
  ((answer?.components ?? []) as Json[]).flatMap((row) => row.components as Json[]);
const eventOf = (r: Rig, runAt: number) => {
  const run = r.store.schedule.plannedRuns(r.adapter.community).find((p) => p.run_at === runAt);
  return run?.announcement ? { id: run.announcement, ...r.fake.scheduledEvents.get(run.announcement) } : undefined;
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
  it('plan by modal (errors come back to fix), the Scheduled Event edited in place, the chat run as planned', async () => {
    const r = (rig = await startRig());
    await waitFor(() => r.created().length === 2, 'the next two Thursdays announced');
    const event = eventOf(r, THURSDAY)!;
    expect(event.description).toMatch(/^Building real relationships online\nQ1: How do you build/);

    // A member who is not a host is refused, privately.
    const refused = r.fake.slashCommand({ user: PEOPLE.mallory, sub: 'plan' });
    const refusal = await answered(r, refused, 'the refusal');
    expect(refusal).toMatchObject({ ephemeral: true, content: 'Only hosts can plan a chat. Ask a host of this community.' });
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
    const reopenedAgain = r.fake.clickButton({ user: PEOPLE.host, on: past, customId: String(buttons(pastAnswer)[0]!.custom_id) });
    expect(valuesOf((await answered(r, reopenedAgain, 'the form a third time')).modal)['datetime:at']).toBe('2026-11-12 13:00');
    expect(r.store.episodes.upcoming(0)).toEqual([]);

    // Fixed: saved with the guests' names as members see them, and the questions with their minutes.
    const saved = r.fake.submitModal({ user: PEOPLE.host, on: reopenedAgain, values: { 'datetime:at': '2026-11-19 13:00' } });
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
    await waitFor(() => r.posts().some((p) => String(p.content).startsWith('Welcome to #CommunityChat')), 'the welcome');
    const welcome = r.posts().find((p) => String(p.content).startsWith('Welcome to #CommunityChat'))!;
    expect(welcome.content).toContain(`Our guest today: <@${PEOPLE.ana}>, <@${PEOPLE.bea}>. Welcome!`);
    expect((welcome.allowed_mentions as Json).users).toEqual([PEOPLE.ana, PEOPLE.bea]);
    const questions = () => r.posts().flatMap((p) => (/^Q\d+: /.test(String(p.content)) ? [String(p.content)] : []));
    for (const [at, count] of [[5, 1], [15, 2], [23, 3]] as const) {
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
    await waitFor(() => eventOf(r, THURSDAY) === undefined && r.fake.scheduledEvents.get(event.id)?.status === 3, 'completed');
  });
});
