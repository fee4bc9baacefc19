import type { Logger } from '../log.js';
import type { Platform } from '../port.js';
import type { LiveFeed } from '../service/live-feed.js';
import type { ChatScript } from '../script/script-schema.js';
import type { ChatStore } from '../store/chat-store.js';
import type { SessionRow } from '../store/session-rows.js';
import type { Clock } from '../time/clock.js';
import type { ChatLeases } from './chat-leases.js';
import type { SessionRunner } from './session-runner.js';

/** What to do when the bot comes back after a step's time ran out: see README "Restarts". */
export type CatchUpPolicy = 'resume' | 'compress' | 'close';

/** What recovery did for one session. */
export interface RecoveryReport {
  /** The session. */
  sessionId: number;
  /** Unconfirmed posts found in the platform's history. */
  confirmed: number;
  /** Unconfirmed posts that will be sent again. */
  resent: number;
  /** Messages fetched from history and attributed. */
  backfilled: number;
  /** What could not be fetched, in plain words. */
  backfillIncomplete?: string;
  /** 'on-time' when no step was overdue, else the policy applied. */
  caughtUp: 'on-time' | CatchUpPolicy;
}

/** A session about to be created. */
export interface NewSession {
  /** The script to run. */
  script: ChatScript;
  /** The community the channel belongs to. */
  community: string;
  /** Where to hold it. */
  channel: string;
  /** A sped-up clock's mapping, stored so a restarted demo keeps its time. */
  clock?: { speed: number; origin: number };
  /** The scheduled run this session fulfils. */
  plannedRunId?: number;
  /**
   * A rehearsal: the chat compressed to about `rehearsalMs` for a host to see every post, answer and the thanks;
   * it never counts (no first-timers, no statistics, no archive).
   */
  rehearsal?: boolean;
}

/** What a session runner needs from the outside world. */
export interface SessionDeps {
  /** Where state lives. */
  store: ChatStore;
  /** Where the chat is held. */
  platform: Platform;
  /** Injected time. */
  clock: Clock;
  /** Where progress and failures go. */
  log: Logger;
  /** Called once the session has closed (thanks sent); writes and posts the recap. */
  onEnded?: (session: SessionRunner) => Promise<void>;
  /** Called when messages written before the close arrived after it: the recap files are written again. */
  onRecapChanged?: (session: SessionRunner) => Promise<void>;
  /** How long the thanks wait after the closing post (default CLOSE_GRACE_MS). */
  closeGraceMs?: number;
  /** One owner per chat: without it (tests, benchmarks) this process assumes it is the only one. */
  leases?: ChatLeases;
  /** Where watchers (the host console) hear of stored messages and step changes; none tells nobody. */
  live?: LiveFeed;
}

/** A session at a glance, for `/emcee status` and the terminal's status line. */
export interface SessionStatus {
  /** Session id in the store. */
  sessionId: number;
  /** The chat's title. */
  title: string;
  /** running, paused or ended. */
  state: SessionRow['state'];
  /** Open question number, 0 during the opening, questionCount + 1 once closing. */
  openQuestion: number;
  /** Questions in the script. */
  questionCount: number;
  /** Until the next step, in ms (frozen while paused); undefined once closing. */
  timeLeftMs?: number;
  /** Answers so far (deleted ones excluded). */
  answers: number;
  /** Answers to the open question. */
  answersOnQuestion: number;
  /** Distinct participants so far. */
  participants: number;
}
