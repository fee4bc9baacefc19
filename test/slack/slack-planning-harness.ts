import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { createSlackAdapter } from '../../adapters/slack/index.js';
import { silentLogger } from '../../src/log.js';
import { Scheduler, type ScheduledChat } from '../../src/schedule/scheduler.js';
import { ScriptCatalog } from '../../src/script/script-catalog.js';
import type { ChatScript } from '../../src/script/script-schema.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { ManualClock } from '../../src/time/manual-clock.js';
import { FakeSlack, type ViewInput } from '../fakes/slack/fake-slack.js';
import { adapterChatRouter } from '../support/adapter-chat-router.js';
import { waitFor } from '../support/wait-for.js';
import { shippedScript, writeTestScript } from '../support/write-test-script.js';
import { slackTestConfig } from './slack-engine-rig.js';

/** The channel the series runs in, as the core addresses it. */
export const CHANNEL = 'slack:T0001:C1';
/** The chat's clock starts on Tuesday 12 January 2027, 7 am in New York. */
export const NOW = Date.UTC(2027, 0, 12, 12, 0);
/** The series' first date: Thursday 14 January 2027, 1 pm in New York (EST, UTC-5). */
export const FIRST_RUN = Date.UTC(2027, 0, 14, 18, 0);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const WEEK = 7 * 24 * HOUR;

const base = shippedScript('weekly-chat');
const { schedule: _shippedSchedule, ...unscheduled } = base;
/** A weekly series with its own topic and questions: 5 minutes of intro, then 8 minutes a question. */
const SERIES: ChatScript = {
  ...unscheduled,
  id: 'weekly-test',
  title: 'Test Chat',
  topic: 'The series default topic',
  intro: { ...base.intro, minutes: 5 },
  defaultQuestionMinutes: 8,
  recapDelivery: 'none',
};
// writeTestScript writes a script's validated form, where durations are already milliseconds that the
// schema would refuse on load; the schedule is appended as a host writes it.
const SCHEDULE = { weekly: { day: 'thursday', time: '13:00' }, reminders: ['1h'], missedStartTolerance: '15m' };

/**
 * The whole engine as the chat service wires it, behind the real Bolt (Socket Mode) against the fake Slack:
 * a ChatRouter over a catalog holding one weekly series, a Scheduler running it in C1, and a manual chat clock
 * (the adapter and the fake run in real time). People act through slash commands, modals and buttons.
 */
export async function startPlanningChat() {
  const dir = mkdtempSync(join(tmpdir(), 'emcee-slack-plan-'));
  appendFileSync(writeTestScript(dir, SERIES), stringify({ schedule: SCHEDULE }));
  const fake = new FakeSlack();
  await fake.start();
  fake.addUser({ id: 'UHOST', name: 'host', display: 'Host Hana' });
  fake.addUser({ id: 'U1', name: 'ana', display: 'Ana Alvarez' });
  fake.addUser({ id: 'U2', name: 'bea', display: 'Bea Brown' });
  fake.addUser({ id: 'U3', name: 'mallory', display: 'Mallory' });
  const config = slackTestConfig(fake);
  const adapter = createSlackAdapter(config, silentLogger);
  const clock = new ManualClock(NOW);
  const store = ChatStore.open(':memory:');
  const { host, ended } = adapterChatRouter(adapter, store, clock, dir);
  await adapter.start(host);
  await waitFor(() => fake.socketCount === 1, 'the Socket Mode connection');
  const script = new ScriptCatalog(dir).load('weekly-test');
  if (!script.schedule) throw new Error('the test series lost its schedule');
  const chat: ScheduledChat = { script: { ...script, schedule: script.schedule }, channel: CHANNEL };
  const scheduler = new Scheduler(
    { store, clock, log: silentLogger, platform: adapter, router: host, community: 'slack:T0001' },
    [chat],
  );
  host.useSchedule((channel) => scheduler.describeNext(channel));
  scheduler.start();

  /** `/emcee <text>` from `user` in C1, with a trigger the fake issued. */
  const command = (user: string, text: string): void => void fake.slashCommand({ channel: 'C1', user, text });

  /** Delivers an interactive payload; resolves with the app's ack payload (undefined for a plain ack). */
  const interact = async (payload: Record<string, unknown>): Promise<unknown> => {
    const id = fake.sendInteractive(payload);
    await waitFor(() => fake.envelopes.get(id)!.ackedAt !== undefined, 'the ack of the interaction');
    return fake.envelopes.get(id)!.ackPayload;
  };

  /** `user` submits the modal last opened for them, with `input` by block id (other blocks keep their values). */
  const submit = (user: string, input: ViewInput): Promise<unknown> => {
    const view = fake.views.latestFor(user);
    if (!view) throw new Error(`no modal open for ${user}`);
    return interact(fake.views.submission(view, input, fake.users.get(user)?.name ?? user));
  };

  /** `user` clicks the button `actionId` in the latest ephemeral message showing it to them. */
  const click = (user: string, actionId: string): Promise<unknown> => interact(fake.clickPayload(user, actionId));

  /**
   * Moves the chat clock to `at`, then until `check` holds fires timers that came due meanwhile: a step's
   * next timer is armed only once its post was answered over the network, possibly after the clock moved.
   */
  const advanceUntil = async (at: number, check: () => boolean, what: string): Promise<void> => {
    await clock.advanceTo(at);
    const deadline = Date.now() + 5000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
      await clock.advance(0);
    }
  };

  /** The bot's posts in C1, in order. */
  const posts = () => fake.callsTo('chat.postMessage').map((call) => String(call.args.text));

  /** Ephemeral messages `user` got, oldest first. */
  const ephemeralsOf = (user: string) => fake.ephemerals.filter((message) => message.user === user);

  const stop = async () => {
    scheduler.stop();
    await host.stop();
    await adapter.stop();
    await fake.stop();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return {
    ...{ fake, adapter, clock, store, host, ended, scheduler },
    ...{ command, submit, click, advanceUntil, posts, ephemeralsOf, stop },
  };
}
