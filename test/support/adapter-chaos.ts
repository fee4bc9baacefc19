import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { SeededRandom } from '../../adapters/local/seeded-random.js';
import { ChatRouter } from '../../src/chat-router.js';
import { silentLogger } from '../../src/log.js';
import type { PlatformAdapter } from '../../src/port.js';
import { postChannelRecap, writeSessionRecap } from '../../src/recap/session-recap.js';
import type { ChatScript } from '../../src/script/script-schema.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { SystemClock } from '../../src/time/clock.js';
import { CrashingPlatform, type PostCrash } from './crashing-platform.js';
import { waitFor } from './wait-for.js';

/** Something the bot posted or a person said, as the fake platform holds it. */
export interface FakeLine {
  /** The address the core gives it. */
  address: string;
  /** The author's user address (people only). */
  authorId: string;
  text: string;
  /** The question post whose thread it is in, if any. */
  thread?: string;
  /** Where it stands in the platform's order of messages. */
  order: bigint;
}

/** A fake Slack or Discord as the chaos driver uses it: the same calls for both. */
export interface ChaosRig {
  /** A new adapter against the same fake, not yet started: the next process of the bot. */
  newAdapter(): PlatformAdapter;
  /** Waits until a started adapter is connected and receives events. */
  connected(): Promise<void>;
  /** Waits until the fake sees no connection (the dead process is gone). */
  disconnected(): Promise<void>;
  /** The bot's messages, in the platform's order. */
  botLines(): FakeLine[];
  /** People's messages, in the platform's order. */
  peopleLines(): FakeLine[];
  /** Someone writes in the channel or in a question's thread: delivered now, or only kept while the bot is down. */
  say(person: string, text: string, options: { thread?: string; live: boolean }): void;
  /** The user address the core sees for a person. */
  userAddress(person: string): string;
  /** How the thanks name someone, from their user address. */
  mentionOf(userAddress: string): string;
  /** Everyone who may speak, platform user ids; the first two answer live, the rest while the bot is down. */
  people: readonly string[];
}

/** Where a process of the bot dies: at a post, while the closing's grace runs, or while a question is open. */
export type Crash = PostCrash | { during: 'grace' } | { during: 'question'; question: number };

/** What a crashed-and-restarted chat left behind. */
export interface AdapterChaosOutcome {
  store: ChatStore;
  sessionId: number;
  recapDir: string;
  crashes: number;
}

/** How long the thanks wait after the closing post here: long enough to crash inside, short enough to run fast. */
export const CHAOS_GRACE_MS = 300;

/**
 * Runs one chat on real time against a fake platform, killing the bot at each of `crashes` in turn and starting
 * a new adapter and host over the same store after an outage in which people answer in the questions' threads
 * and in the channel. Two people answer live whenever a question is up. The last process runs the chat to its end.
 */
export async function runAdapterChaosChat(
  rig: ChaosRig,
  script: ChatScript,
  crashes: readonly Crash[],
  random: SeededRandom,
): Promise<AdapterChaosOutcome> {
  const store = ChatStore.open(':memory:');
  const recapDir = mkdtempSync(join(tmpdir(), 'emcee-adapter-chaos-'));
  const clock = new SystemClock();
  let downSpeakers = 0;
  const start = async (crash: Crash | undefined) => {
    const adapter = rig.newAdapter();
    const platform = new CrashingPlatform(adapter);
    if (crash && 'kind' in crash) platform.arm(crash);
    const host = new ChatRouter({
      store,
      platform,
      clock,
      log: silentLogger,
      closeGraceMs: CHAOS_GRACE_MS,
      onEnded: async (session) => {
        await postChannelRecap(store, platform, session);
        writeSessionRecap(store, session.id, recapDir);
      },
    });
    await adapter.start(platform.guard(host));
    await rig.connected();
    const stopTalking = talkLive(rig, store, platform);
    const { community, defaultChannel: channel } = adapter;
    return { adapter, platform, host, stopTalking, community, channel, up: true };
  };

  let run = await start(crashes[0]);
  // The process's timers go with it (a dead one's calls in flight never come back: stop() is not awaited).
  const bringDown = async () => {
    if (!run.up) return;
    run.up = false;
    void run.host.stop();
    run.stopTalking();
    await run.adapter.stop();
  };
  try {
    void run.host.startSession({ script, community: run.community, channel: run.channel });
    await waitFor(() => store.sessions.openOnChannel(run.channel) !== undefined, 'the session', 5000);
    const sessionId = store.sessions.openOnChannel(run.channel)!.id;
    for (const [index, crash] of crashes.entries()) {
      if (!('kind' in crash)) await crashDuring(crash, store, sessionId, run.platform, random);
      await waitFor(() => run.platform.isDead || ended(store, sessionId), 'the crash', 30_000);
      if (!run.platform.isDead) throw new Error(`the chat ended before crash ${index + 1} (${JSON.stringify(crash)})`);
      await bringDown();
      await rig.disconnected();
      downSpeakers = speakWhileDown(rig, random, downSpeakers, true);
      const upAgain = Date.now() + random.between(0, 800);
      await waitFor(() => Date.now() >= upAgain, 'the end of the outage');
      run = await start(crashes[index + 1]);
      void run.host.recover(run.community);
    }
    await waitFor(() => ended(store, sessionId), 'the chat to end after the last restart', 30_000);
    await run.host.stop();
    return { store, sessionId, recapDir, crashes: crashes.length };
  } finally {
    await bringDown();
  }
}

function ended(store: ChatStore, sessionId: number): boolean {
  return store.sessions.get(sessionId)?.state === 'ended';
}

async function crashDuring(
  crash: Exclude<Crash, PostCrash>,
  store: ChatStore,
  sessionId: number,
  platform: CrashingPlatform,
  random: SeededRandom,
): Promise<void> {
  const posted = (purpose: string) => store.posts.get(sessionId, purpose)?.state === 'sent';
  const moment = crash.during === 'grace' ? 'closing' : `question:${crash.question}`;
  await waitFor(() => posted(moment), `the ${moment} post`, 30_000);
  // Not a wait for a condition: the crash moment itself, drawn at random inside the grace or the question.
  await delay(random.between(0, crash.during === 'grace' ? CHAOS_GRACE_MS / 2 : 500));
  if (crash.during === 'grace' && store.sessions.events(sessionId).some((e) => e.kind === 'thanked')) {
    throw new Error('the grace was over before the crash: the machine is too slow for this test');
  }
  platform.crash();
}

// While a process is up, the first two people answer each question as it appears: one in the channel, the
// other in the question's thread.
function talkLive(rig: ChaosRig, store: ChatStore, platform: CrashingPlatform): () => void {
  const answered = new Set<number>();
  const [first, second] = rig.people;
  const timer = setInterval(() => {
    if (platform.isDead) return;
    for (const line of rig.botLines()) {
      const number = Number(/^Q(\d+):/.exec(line.text)?.[1] ?? 0);
      // People answer once the question is up, thread and all: not in the milliseconds before the bot has heard
      // back that it went out (a reply to a question the bot does not know yet is taken for conversation).
      if (!number || answered.has(number) || store.posts.questionAt(line.address) !== number) continue;
      answered.add(number);
      if (saidAlready(rig, `A${number}: live answer`)) continue;
      rig.say(first!, `A${number}: live answer in the channel`, { live: true });
      rig.say(second!, `live answer in the thread of Q${number}`, { thread: line.address, live: true });
    }
  }, 20);
  return () => clearInterval(timer);
}

function saidAlready(rig: ChaosRig, start: string): boolean {
  return rig.peopleLines().some((line) => line.text.startsWith(start));
}

// While the bot is down, one or two people answer the last question asked: in the channel, and in its thread;
// newcomers among them when `newcomers`. Returns how many have spoken while down so far.
function speakWhileDown(rig: ChaosRig, random: SeededRandom, spoken: number, newcomers: boolean): number {
  const last = rig
    .botLines()
    .filter((line) => /^Q\d+:/.test(line.text))
    .at(-1);
  const known = new Set(rig.peopleLines().map((line) => line.authorId));
  const speakers = newcomers ? rig.people.slice(2) : rig.people.filter((p) => known.has(rig.userAddress(p)));
  const count = random.chance(0.5) ? 2 : 1;
  for (let i = 0; i < count; i++) {
    const person = speakers[(spoken + i) % speakers.length]!;
    const tag = `down ${spoken + i + 1}`;
    if (!last) rig.say(person, `hello, ${tag}, the bot is away`, { live: false });
    else if (i > 0) rig.say(person, `${tag}: an answer in the thread`, { thread: last.address, live: false });
    else rig.say(person, `A${/^Q(\d+):/.exec(last.text)![1]}: ${tag}, in the channel`, { live: false });
  }
  return spoken + count;
}
