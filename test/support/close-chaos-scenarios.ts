import type { ChatScript } from '../../src/script/script-schema.js';
import type { Crash } from './adapter-chaos.js';
import type { ChaosFigures } from './chaos-checks.js';
import { shippedScript } from './write-test-script.js';

const demo = shippedScript('demo');

/** Three questions in real time: an opening of 0.6 s and questions of 1.2 s, each with its own thread. */
export const CLOSE_CHAOS_SCRIPT: ChatScript = {
  ...demo,
  id: 'close-chaos',
  intro: { ...demo.intro, minutes: 0.01 },
  defaultQuestionMinutes: 0.02,
  questions: demo.questions.slice(0, 3),
  threadPerQuestion: true,
};

/**
 * Where the bot dies, chat by chat: at every step of the close (the closing post, the grace, the thanks, the
 * channel recap), each before its post went out and after it went out but before it was confirmed, and at a
 * few moments before the close (a first-timer's welcome among them) so the close is reached by a restarted
 * process. A crash in the grace needs the
 * closing posted by a process that lives on: a restart after a crash comes when the grace is over.
 */
export const CHAOS_SCENARIOS: Crash[][] = [
  [
    { kind: 'question', question: 2, when: 'after-send' },
    { kind: 'closing', when: 'before-send' },
    { kind: 'thanks', when: 'after-send' },
    { kind: 'recap', when: 'after-send' },
  ],
  [
    { kind: 'opening', when: 'after-send' },
    { kind: 'first-timer', when: 'after-send' },
    { during: 'grace' },
    { kind: 'thanks', when: 'before-send' },
    { kind: 'recap', when: 'before-send' },
  ],
  [
    { during: 'question', question: 1 },
    { kind: 'question', question: 3, when: 'before-send' },
    { kind: 'closing', when: 'after-send' },
    { kind: 'thanks', when: 'after-send' },
  ],
  [
    { kind: 'intro', when: 'before-send' },
    { kind: 'first-timer', when: 'before-send' },
    { during: 'question', question: 2 },
    { during: 'grace' },
    { kind: 'recap', when: 'after-send' },
  ],
];

/** The seed of a chaos run: EMCEE_CHAOS_SEED when set (to replay one), else a new one each run. */
export function chaosSeed(): number {
  return Number(process.env.EMCEE_CHAOS_SEED ?? Date.now() % 1_000_000);
}

/** The one summary line of a platform's chaos run. */
export function summarize(platform: string, seed: number, figures: (ChaosFigures & { crashes: number })[]): string {
  const sum = (pick: (f: (typeof figures)[number]) => number) => figures.reduce((total, f) => total + pick(f), 0);
  return (
    `${platform} close chaos (seed ${seed}, EMCEE_CHAOS_SEED to replay): ${figures.length} chats, ` +
    `${sum((f) => f.crashes)} crashes, ${sum((f) => f.posts)} posts each once, ` +
    `${sum((f) => f.answers)} answers (${sum((f) => f.messages)} messages) stored once, ` +
    `${sum((f) => f.thanked)} thanked once, ${sum((f) => f.recapFiles)} recap files complete`
  );
}
