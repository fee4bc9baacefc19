import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SeededRandom } from '../../adapters/local/seeded-random.js';
import type { ChatScript } from '../../src/script/script-schema.js';
import { CLOSE_GRACE_MS } from '../../src/session/session-runner.js';
import { ChatStore } from '../../src/store/chat-store.js';
import type { ChaosFigures } from '../support/chaos-checks.js';
import { chaosSeed } from '../support/close-chaos-scenarios.js';
import { checkFinishedChaosChat } from '../support/local-chaos-checks.js';
import { chaosFiles, runChaosChat, startChaosRun, type KillTarget } from '../support/local-chaos-chat.js';
import { waitFor } from '../support/wait-for.js';
import { shippedScript, writeTestScript } from '../support/write-test-script.js';

// Three questions of 45 chat seconds at 20x: an opening of 1.2 s, questions of 2.25 s and a grace of 0.5 s, so
// a chat takes about 8 s of real time before its kills, restarts and outages.
const SPEED = 20;
const demo = shippedScript('demo');
const SCRIPT: ChatScript = {
  ...demo,
  id: 'chaos',
  intro: { ...demo.intro, minutes: 0.4 },
  defaultQuestionMinutes: 0.75,
  questions: demo.questions.slice(0, 3),
};
const QUESTIONS = SCRIPT.questions.length;
const TIMING = {
  introMs: (SCRIPT.intro.minutes * 60_000) / SPEED,
  windowMs: (SCRIPT.defaultQuestionMinutes * 60_000) / SPEED,
  graceMs: CLOSE_GRACE_MS / SPEED,
  maxDownMs: (SCRIPT.defaultQuestionMinutes * 60_000) / SPEED,
};

const CHATS = 11;
const KILLS_PER_CHAT = 4;
const PARALLEL = 3;
const ORDER: KillTarget[] = ['opening', 'q1', 'q2', 'q3', 'closing', 'grace', 'thanks', 'recap'];
const SEED = chaosSeed();

/**
 * Deals every kind of kill moment evenly over the chats (each kind KILLS_PER_CHAT times in all), a chat's kills
 * in chat order; a `recovery` kill lands after a restart, never on the first run.
 */
function dealKills(random: SeededRandom): KillTarget[][] {
  const kinds: KillTarget[] = [...ORDER, 'recovery'];
  const deck = Array.from({ length: CHATS * KILLS_PER_CHAT }, (_, i) => kinds[i % kinds.length]!);
  for (let i = deck.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [deck[i], deck[j]] = [deck[j]!, deck[i]!];
  }
  const hands: KillTarget[][] = Array.from({ length: CHATS }, () => []);
  for (const card of deck) {
    const open = hands.filter((h) => h.length < KILLS_PER_CHAT);
    const hand = open.find((h) => !h.includes(card)) ?? open[0]!;
    hand.push(card);
  }
  return hands.map((hand) => {
    const ordered: KillTarget[] = hand.filter((k) => k !== 'recovery');
    ordered.sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
    for (const kill of hand.filter((k) => k === 'recovery')) {
      ordered.splice(1 + Math.floor(random.next() * ordered.length), 0, kill);
    }
    return ordered;
  });
}

const random = new SeededRandom(SEED);
const plans = dealKills(random);
const figures: (ChaosFigures & { kills: number; landed: string[] })[] = [];
let slots = PARALLEL;
const acquire = async () => {
  await waitFor(() => slots > 0, 'a free slot', 170_000);
  slots--;
};

afterAll(() => {
  const sum = (pick: (f: (typeof figures)[number]) => number) => figures.reduce((total, f) => total + pick(f), 0);
  const landed = new Map<string, number>();
  for (const phase of figures.flatMap((f) => f.landed)) landed.set(phase, (landed.get(phase) ?? 0) + 1);
  const phases = [...landed].map(([phase, count]) => `${phase} ${count}`).join(', ');
  console.log(
    `chaos (seed ${SEED}, EMCEE_CHAOS_SEED to replay): ${figures.length} chats, ${sum((f) => f.kills)} kills ` +
      `(landed in: ${phases}), ${sum((f) => f.posts)} posts each once, ` +
      `${sum((f) => f.answers)} answers (${sum((f) => f.messages)} messages) stored once, ` +
      `${sum((f) => f.thanked)} thanked once, ${sum((f) => f.recapFiles)} recap files complete`,
  );
  // Every chat passed (figures has one entry per chat) and the kills reached the number the issue asks for.
  if (figures.length === CHATS) expect(sum((f) => f.kills)).toBeGreaterThanOrEqual(30);
});

describe(`SIGKILL a local chat at random moments, restart each time (seed ${SEED})`, () => {
  it.concurrent.each(plans.map((targets, index) => ({ index, targets })))(
    'chat $index: kills at $targets',
    async ({ index, targets }) => {
      await acquire();
      try {
        const dir = mkdtempSync(join(tmpdir(), `emcee-chaos-${index}-`));
        const files = chaosFiles(dir, writeTestScript(dir, SCRIPT));
        const chatRandom = new SeededRandom(SEED * 31 + index);
        const options = { speed: SPEED, questions: QUESTIONS, timing: TIMING, targets, random: chatRandom };
        const outcome = await runChaosChat(files, options);
        if (outcome.lastExitCode !== undefined) expect(outcome.lastExitCode, outcome.outputs.at(-1)).toBe(0);
        const chat = checkFinishedChaosChat(files, QUESTIONS);
        const hits = outcome.kills.filter((kill) => kill.hit);
        figures.push({ ...chat, kills: hits.length, landed: hits.map((kill) => kill.landed ?? '?') });

        // The same command after the chat finished starts a new chat rather than resuming the old one.
        const again = startChaosRun(files, SPEED);
        again.child.stdin.end();
        await waitFor(() => again.output().includes('Welcome to'), "the new chat's welcome", 20_000);
        again.child.kill('SIGTERM');
        expect(await again.exited).toBe(0);
        expect(again.output()).not.toMatch(/Resuming/);
        const store = ChatStore.open(files.db);
        const next = store.sessions.openOnChannel('local:room');
        store.close();
        expect(next?.id).toBeGreaterThan(chat.sessionId);
      } finally {
        slots++;
      }
    },
    170_000,
  );
});
