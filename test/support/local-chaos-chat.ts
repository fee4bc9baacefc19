import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { RoomLogEntry } from '../../adapters/local/room-log.js';
import type { SeededRandom } from '../../adapters/local/seeded-random.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { startCli, type CliChild } from './cli-child.js';
import { RoomLogReader } from './room-log-reader.js';
import { waitFor } from './wait-for.js';

/**
 * Where in a chat a kill lands. Each is a moment seen from outside plus a random delay: `opening` after the
 * welcome, `qN` after Q{N}, `closing` 0-20 ms after "That's a wrap", `grace` during the wait before the thanks,
 * `thanks` around the moment they are due, `recap` just after the thanks (the recap being written), and
 * `recovery` just after a restarted bot says it is resuming (settling posts, backfilling, finishing).
 */
export type KillTarget = 'opening' | `q${number}` | 'closing' | 'grace' | 'thanks' | 'recap' | 'recovery';

/** One chat's timing in real milliseconds, from the script and the --speed it runs at. */
export interface ChaosTiming {
  introMs: number;
  windowMs: number;
  graceMs: number;
  /** The longest outage between a kill and the restart. */
  maxDownMs: number;
}

/** A kill as it happened. */
export interface KillRecord {
  target: KillTarget;
  delayMs: number;
  /** False when the process had already exited by itself (the chat was over). */
  hit: boolean;
  /** Where the chat stood when the kill landed, read from the store afterwards (see landedIn). */
  landed?: string;
}

/** The files of one chat: database, room log, recap folder, script. */
export interface ChaosFiles {
  db: string;
  room: string;
  recaps: string;
  script: string;
}

/** How one chaos chat runs. */
export interface ChaosChatOptions {
  speed: number;
  questions: number;
  timing: ChaosTiming;
  /** Where to kill, in chat order. */
  targets: readonly KillTarget[];
  random: SeededRandom;
}

/** What one chaos chat did. */
export interface ChaosChatOutcome {
  files: ChaosFiles;
  kills: KillRecord[];
  /** Lines appended to the room log while the bot was down. */
  saidWhileDown: RoomLogEntry[];
  /** Output of every run, oldest first. */
  outputs: string[];
  /** The last run's exit code (undefined when the last kill came after the chat had ended). */
  lastExitCode?: number | null;
}

const CHANNEL = 'local:room';
const THANKS_HEADER = 'Thank you, everyone';
const WRAP = "That's a wrap";

/** The files a chat uses under `dir`. */
export function chaosFiles(dir: string, script: string): ChaosFiles {
  return { db: join(dir, 'emcee.db'), room: join(dir, 'room.jsonl'), recaps: join(dir, 'recaps'), script };
}

/** `emcee run` for a chat's files: the same command starts it and resumes it. */
export function startChaosRun(files: ChaosFiles, speed: number): CliChild {
  const args = ['run', files.script, '--speed', String(speed), '--db', files.db, '--room', files.room];
  return startCli([...args, '--user', 'tester'], { EMCEE_RECAP_DIR: files.recaps });
}

/**
 * Runs one local chat, SIGKILLing it at each of `targets` (in chat order) and restarting it with the same
 * command after an outage of random length during which people append lines to the room log. The person at
 * the keyboard answers each question once it is asked (typing it again after a restart if it never reached
 * the room). The last run goes to the end of the chat.
 */
export async function runChaosChat(files: ChaosFiles, options: ChaosChatOptions): Promise<ChaosChatOutcome> {
  const { speed, timing, random } = options;
  const reader = new RoomLogReader(files.room);
  const outcome: ChaosChatOutcome = { files, kills: [], saidWhileDown: [], outputs: [] };
  let run = startChaosRun(files, speed);
  let resumed = false;
  for (const target of options.targets) {
    const stopTyping = typeAnswers(run, reader, options.questions);
    const kill = await killAt(run, target, resumed, reader, timing, random);
    stopTyping();
    outcome.outputs.push(run.output());
    outcome.kills.push(kill);
    if (!kill.hit) return { ...outcome, lastExitCode: await run.exited };
    kill.landed = landedIn(files, options.questions);
    const said = speakWhileDown(files, reader, random, outcome.kills.length);
    if (!said) return outcome; // the kill came after the chat had ended: nothing left to resume
    outcome.saidWhileDown.push(...said);
    const upAgain = Date.now() + random.between(0, timing.maxDownMs);
    await waitFor(() => Date.now() >= upAgain, 'the end of the outage', timing.maxDownMs + 1000);
    run = startChaosRun(files, speed);
    resumed = true;
  }
  const stopTyping = typeAnswers(run, reader, options.questions);
  const code = await Promise.race([run.exited, delay(60_000).then(() => 'timeout' as const)]);
  stopTyping();
  outcome.outputs.push(run.output());
  if (code === 'timeout') throw new Error(`the last run did not finish the chat:\n${run.output()}`);
  return { ...outcome, lastExitCode: code };
}

/** The answers the person at the keyboard gives: one per question, and a greeting during the opening. */
export function typedAnswer(question: number): string {
  return question === 0 ? 'hi from the keyboard' : `A${question}: typed at the keyboard for Q${question}`;
}

// Types what is not yet in the room, once per run: a line typed into a process killed before it read it is
// typed again after the restart, as a person whose message did not go through would.
function typeAnswers(run: CliChild, reader: RoomLogReader, questions: number): () => void {
  const typed = new Set<number>();
  const tick = () => {
    if (run.hasExited() || !reader.hasBotPost('Welcome to')) return;
    const said = new Set(
      reader
        .entries()
        .filter((e) => !e.bot)
        .map((e) => e.text),
    );
    for (let q = 0; q <= Math.min(reader.askedQuestions(), questions); q++) {
      if (typed.has(q) || said.has(typedAnswer(q))) continue;
      typed.add(q);
      run.type(typedAnswer(q));
    }
  };
  const timer = setInterval(tick, 5);
  return () => clearInterval(timer);
}

async function killAt(
  run: CliChild,
  target: KillTarget,
  resumed: boolean,
  reader: RoomLogReader,
  timing: ChaosTiming,
  random: SeededRandom,
): Promise<KillRecord> {
  const started = () =>
    run.hasExited() || (resumed ? run.output().includes('Resuming') : reader.hasBotPost('Welcome to'));
  await watchFor(started, 'the run to start', 30_000);
  // A moment already passed (posted by an earlier run) counts from the restart: the kill hits the recovery.
  const passed = resumed && momentSeen(target, reader);
  await watchFor(() => run.hasExited() || momentSeen(target, reader), `the moment of "${target}"`, 30_000);
  const delayMs = Math.round(killDelay(passed ? 'recovery' : target, timing, random));
  // Not a wait for a condition: the kill moment itself, drawn at random.
  await delay(delayMs);
  const hit = !run.hasExited();
  run.child.kill('SIGKILL');
  await run.exited;
  return { target, delayMs, hit };
}

function momentSeen(target: KillTarget, reader: RoomLogReader): boolean {
  if (target === 'recovery') return true;
  if (target === 'opening') return reader.hasBotPost('Welcome to');
  if (target === 'recap') return reader.hasBotPost(THANKS_HEADER);
  if (target === 'closing' || target === 'grace' || target === 'thanks') return reader.hasBotPost(WRAP);
  return reader.hasBotPost(`Q${target.slice(1)}:`);
}

function killDelay(target: KillTarget, timing: ChaosTiming, random: SeededRandom): number {
  switch (target) {
    case 'opening':
      return random.between(0, timing.introMs);
    case 'closing':
      return random.between(0, 20);
    case 'grace':
      return random.between(20, timing.graceMs - 20);
    case 'thanks':
      return random.between(timing.graceMs - 20, timing.graceMs + 40);
    case 'recap':
      return random.between(0, 15);
    case 'recovery':
      return random.between(0, 40);
    default:
      return random.between(0, timing.windowMs);
  }
}

/**
 * Where the chat stood when it was killed: before-session, opening, qN, closing-post (the closing recorded but
 * not confirmed), grace, thanks (thanks posts begun, not all recorded), recap (thanked, not ended) or ended.
 */
function landedIn(files: ChaosFiles, questions: number): string {
  const store = ChatStore.open(files.db);
  try {
    const session = store.sessions.openOnChannel(CHANNEL) ?? store.sessions.lastEndedOnChannel(CHANNEL);
    if (!session) return 'before-session';
    if (session.state === 'ended') return 'ended';
    const events = new Set(store.sessions.events(session.id).map((event) => event.kind));
    if (events.has('thanked')) return 'recap';
    const posts = store.posts.forSession(session.id);
    if (posts.some((post) => post.purpose.startsWith('thanks:'))) return 'thanks';
    if (session.step <= questions) return session.step === 0 ? 'opening' : `q${session.step}`;
    return posts.find((post) => post.purpose === 'closing')?.state === 'sent' ? 'grace' : 'closing-post';
  } finally {
    store.close();
  }
}

// Polls more often than waitFor: a kill 0-20 ms after a post needs to see the post within a few ms.
async function watchFor(check: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(2);
  }
}

/**
 * While the bot is down, one or two people speak in the room: an answer to the last question asked, a late
 * answer to an earlier one, a reply in a question's thread, or a greeting before any question. Returns the
 * lines, or undefined when the chat had already ended.
 */
function speakWhileDown(files: ChaosFiles, reader: RoomLogReader, random: SeededRandom, kill: number) {
  const store = ChatStore.open(files.db);
  const session = store.sessions.openOnChannel(CHANNEL);
  store.close();
  if (!session) return undefined;
  // Newcomers too, even with thanks out but not recorded as done: the thanks carry on for them in a further post.
  const chatNow = () => session.clock_origin! + (Date.now() - session.clock_origin!) * session.clock_speed;
  const asked = reader.askedQuestions();
  const lines: RoomLogEntry[] = [];
  const people = random.chance(0.5) ? 2 : 1;
  for (let person = 1; person <= people; person++) {
    const name = `down${kill}p${person}`;
    const tag = `down ${kill}.${person}`;
    const entry: RoomLogEntry = {
      id: `${CHANNEL}:down-${kill}-${person}`,
      authorId: `local:${name}`,
      author: name,
      text: '',
      ts: 0,
      bot: false,
    };
    const form = asked === 0 ? 'greeting' : random.pick(['answer', 'late', 'thread'] as const);
    if (form === 'greeting') entry.text = `hello from ${name}, ${tag}, joining while the bot is down`;
    else if (form === 'answer') entry.text = `A${asked}: ${name} answered while the bot was down (${tag})`;
    else if (form === 'late') {
      const question = 1 + Math.floor(random.next() * asked);
      entry.text = `A${question}: ${name} answered late while the bot was down (${tag})`;
    } else {
      const question = 1 + Math.floor(random.next() * asked);
      entry.text = `${name} replied in the thread of Q${question} while the bot was down (${tag})`;
      entry.replyTo = reader.botPosts(`Q${question}:`)[0]!.id;
    }
    entry.ts = Math.round(chatNow());
    appendFileSync(files.room, `${JSON.stringify(entry)}\n`);
    lines.push(entry);
  }
  return lines;
}
