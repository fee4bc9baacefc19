import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { sessionsCommand } from '../../cli/commands/sessions.js';
import { readCoreConfig } from '../../src/config/core-config.js';
import type { ChatInbound, InboundMessage, PlatformAdapter } from '../../src/port.js';
import type { ChatScript } from '../../src/script/script-schema.js';
import { ScriptCatalog } from '../../src/script/script-catalog.js';
import { ChatStore } from '../../src/store/chat-store.js';
import type { ManualClock } from '../../src/time/manual-clock.js';
import { finishingChatRouter } from './finishing-chat-router.js';
import { waitFor } from './wait-for.js';
import { shippedScript, writeTestScript } from './write-test-script.js';

const demo = shippedScript('demo');

/** The one series the rehearsal tests have: two questions, about a quarter of an hour, squeezed to two minutes. */
export const REHEARSED_SERIES: ChatScript = {
  ...demo,
  id: 'launch-chat',
  title: 'Launch Chat',
  intro: { ...demo.intro!, minutes: 2 },
  defaultQuestionMinutes: 5,
  questions: demo.questions.slice(0, 2),
};

/**
 * The real engine behind a real adapter, wired as the entry points wire it: a ChatRouter with the series in a
 * temporary prompts folder, a database file (so `emcee sessions` can read it), and the end of every chat
 * going through finishSession with EMCEE_RECAP_DIR pointing at an empty temporary folder. Start the adapter
 * with `inbound`: it hands everything to the host and lists the messages in `heard`.
 */
export function rehearsalEngine(adapter: PlatformAdapter, clock: ManualClock) {
  const dir = mkdtempSync(join(tmpdir(), 'emcee-rehearsal-'));
  const prompts = join(dir, 'prompts');
  writeTestScript(prompts, REHEARSED_SERIES);
  const recapDir = join(dir, 'recaps');
  mkdirSync(recapDir);
  const dbPath = join(dir, 'emcee.db');
  const store = ChatStore.open(dbPath);
  const config = readCoreConfig({ EMCEE_RECAP_DIR: recapDir });
  const { router: host, ended } = finishingChatRouter(
    { store, platform: adapter, clock, scripts: new ScriptCatalog(prompts) },
    config,
  );

  // What the adapter hands on, on its way to the engine: a message the adapter must leave out never shows here.
  const heard: InboundMessage[] = [];
  const inbound: ChatInbound = {
    handleMessage: (message) => {
      heard.push(message);
      return host.handleMessage(message);
    },
    handleEdit: (edit) => host.handleEdit(edit),
    handleDelete: (id) => host.handleDelete(id),
    handleCommand: (command) => host.handleCommand(command),
    handleFormSubmit: (submit) => host.handleFormSubmit(submit),
    handleAction: (action) => host.handleAction(action),
  };

  /** The one session there is (the rehearsal), once it started. */
  const session = () => {
    const rows = store.sessions.recent(10);
    if (rows.length !== 1) throw new Error(`expected one session, found ${rows.length}`);
    return rows[0]!;
  };
  const dueAt = () => (store.sessions.recent(10).length === 1 ? session().step_deadline : null);

  /**
   * Moves the chat's clock to its next step (the next question, the closing) and waits until `landed` says
   * the step's post arrived on the platform (posts take real time, whatever the chat's clock says).
   */
  const nextStep = async (landed: () => boolean, what: string) => {
    await waitFor(() => dueAt() !== null, `a step to be due before ${what}`);
    await clock.advanceTo(Math.max(clock.now(), dueAt()!));
    await waitFor(landed, what, 10_000);
  };

  /** `emcee sessions --db <file>`, as a host would run it. */
  const listSessions = async () => {
    const stdout = new PassThrough();
    let text = '';
    stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    const io = { stdin: new PassThrough(), stdout, stderr: new PassThrough() };
    const code = await sessionsCommand(['--db', dbPath], io);
    return { code, text };
  };

  const recapFiles = () => readdirSync(recapDir);
  return { host, inbound, heard, store, ended, session, nextStep, listSessions, recapFiles };
}
