import type { InboundEdit, InboundMessage, MessageAddress, OutboundMessage } from '../port.js';
import { fillTemplate } from '../script/fill-template.js';
import type { ChatScript } from '../script/script-schema.js';
import { planTimeline, questionWindow, type Timeline } from '../script/timeline.js';
import type { SessionRow } from '../store/session-rows.js';
import type { TimerHandle } from '../time/clock.js';
import { AnswerIntake, type ChatPosition } from './answer-intake.js';
import { formatDuration } from './format-duration.js';
import { isLiveStepChange, liveStepOf } from './live-step.js';
import { closingStepOf, OPENING_STEP, phaseOf } from './steps.js';
import { backfillHistory } from './history-backfill.js';
import { PostLedger } from './post-ledger.js';
import { SessionOutcome } from './session-outcome.js';
import type { CatchUpPolicy, NewSession, RecoveryReport, SessionDeps, SessionStatus } from './session-types.js';
import { thankEveryone } from './thank-everyone.js';

export type { CatchUpPolicy, NewSession, RecoveryReport, SessionDeps, SessionStatus } from './session-types.js';

/**
 * How long the thanks wait after the closing post: answers written just before it may still be on their
 * way (a Slack socket reconnect leaves about 5 s without a connection, a Discord resume a few seconds),
 * and they should count in the thanks. Ten seconds covers both with room to spare; hosts rarely notice.
 */
export const CLOSE_GRACE_MS = 10_000;
/** How long a rehearsal takes, about: long enough to read every post, short enough to try twice. */
export const REHEARSAL_MS = 120_000;
// Late messages after the end are written to the recap files together, this long after the last one.
const RECAP_REFRESH_DELAY_MS = 2_000;
const STEP_EVENTS = new Set(['opening', 'question', 'closing']);

/**
 * Runs one chat: opening → Q1 … Qn on time → closing, with host controls. Every change is written to the
 * store as it happens; timers are re-armed from the stored deadline, so planned times stay exact.
 */
export class SessionRunner {
  /** The script this session runs. */
  readonly script: ChatScript;
  private readonly timeline: Timeline;
  private row: SessionRow;
  private timer: TimerHandle | undefined;
  private transitions: Promise<void> = Promise.resolve();
  private readonly ledger: PostLedger;
  private readonly intake: AnswerIntake;
  private finished!: () => void;
  /** Resolves once the session has ended and its recap hook has run. */
  readonly done = new Promise<void>((resolve) => (this.finished = resolve));
  // When each step began, oldest first: a message is placed by when it was written, not when it arrived.
  private readonly stepStarts: { step: number; at: number }[];
  private recapRefresh: TimerHandle | undefined;

  private constructor(
    private readonly deps: SessionDeps,
    row: SessionRow,
    /** The community the session's channel belongs to. */
    readonly community: string,
  ) {
    this.row = row;
    this.script = JSON.parse(row.script_json) as ChatScript;
    this.timeline = planTimeline(this.script);
    this.ledger = new PostLedger(deps, row.id, row.channel);
    this.intake = new AnswerIntake(deps, {
      id: row.id,
      community,
      channel: row.channel,
      script: this.script,
      ledger: this.ledger,
      rehearsal: row.rehearsal === 1,
    });
    this.stepStarts = deps.store.sessions
      .events(row.id)
      .filter((event) => STEP_EVENTS.has(event.kind))
      .map((event) => ({ step: Number(event.detail), at: event.at }));
  }

  /** Records a new session in the store (waiting for a busy or full database); call `begin()` to open it. */
  static async create(deps: SessionDeps, fields: NewSession): Promise<SessionRunner> {
    const now = deps.clock.now();
    const id = await deps.store.writes.write(() =>
      deps.store.transaction(() => {
        deps.store.sessions.ensureCommunity(fields.community, deps.platform.name, now);
        return deps.store.sessions.create({
          communityId: fields.community,
          channel: fields.channel,
          scriptId: fields.script.id,
          scriptJson: JSON.stringify(fields.script),
          now,
          clockSpeed: fields.clock?.speed,
          clockOrigin: fields.clock?.origin,
          plannedRunId: fields.plannedRunId,
          rehearsal: fields.rehearsal,
          // A rehearsal is the whole chat squeezed into about two minutes.
          windowScale: fields.rehearsal
            ? Math.min(1, REHEARSAL_MS / Math.max(1, planTimeline(fields.script).closingOffset))
            : 1,
        });
      }),
    );
    return new SessionRunner(deps, deps.store.sessions.get(id)!, fields.community);
  }

  /** Rebuilds the runner of an unfinished session from the store; call `recover()` to carry on. */
  static restore(deps: SessionDeps, row: SessionRow): SessionRunner {
    return new SessionRunner(deps, row, row.community_id);
  }

  /**
   * Carries on after a restart: settles posts left unconfirmed, fetches what was said while the bot was
   * down, reposts what the current step never got out, and follows the catch-up policy for a step whose
   * time ran out meanwhile.
   */
  async recover(policy: CatchUpPolicy = 'resume'): Promise<RecoveryReport> {
    return this.serialize(async () => {
      const posts = await this.ledger.reconcilePending();
      const backfill = await backfillHistory(
        this.deps,
        { id: this.id, channel: this.row.channel, startedAt: this.row.started_at },
        this.intake,
      );
      this.intake.acknowledgeOwed();
      this.intake.welcomeOwed();
      this.intake.welcomeBackOwed();
      const report: RecoveryReport = { sessionId: this.id, ...posts, ...backfill, caughtUp: 'on-time' };
      if (this.row.state === 'paused') return report;
      if (this.row.step >= this.closingStep) {
        await this.close();
        return report;
      }
      await this.postStep(this.row.step);
      const now = this.deps.clock.now();
      const deadline = this.row.step_deadline ?? now;
      if (deadline > now) {
        this.arm();
        return report;
      }
      report.caughtUp = policy;
      this.event('caught-up', `${policy}, ${now - deadline} ms late`);
      if (policy === 'close') await this.enterStep(this.closingStep, now);
      else {
        if (policy === 'compress') this.compressRemaining(deadline, now);
        await this.enterStep(this.row.step + 1, now);
      }
      return report;
    });
  }

  /** The session's id in the store. */
  get id(): number {
    return this.row.id;
  }

  /** The channel it runs in. */
  get channel(): string {
    return this.row.channel;
  }

  /** Whether it has ended. */
  get ended(): boolean {
    return this.row.state === 'ended';
  }

  private get questionCount(): number {
    return this.script.questions.length;
  }

  private get closingStep(): number {
    return closingStepOf(this.questionCount);
  }

  /** Posts the welcome and starts the clock. */
  begin(): Promise<void> {
    return this.serialize(() => this.enterStep(OPENING_STEP, this.row.started_at));
  }

  // ---- host controls -------------------------------------------------------------------------------

  /** Freezes the open step's remaining time. */
  pause(): Promise<SessionOutcome> {
    return this.serialize(async () => {
      if (this.row.state !== 'running') return SessionOutcome.refuse('not-running', 'The chat is not running.');
      if (this.row.step >= this.closingStep) return SessionOutcome.refuse('closing', 'The chat is already closing.');
      this.timer?.cancel();
      const remaining = Math.max(0, (this.row.step_deadline ?? 0) - this.deps.clock.now());
      this.save({ state: 'paused', paused_remaining_ms: remaining });
      this.event('paused', String(remaining));
      await this.postOnce(`notice:paused:${this.deps.clock.now()}`, {
        kind: 'notice',
        text: this.script.wording.pausedNotice,
      });
      return SessionOutcome.ok(`Paused with ${formatDuration(remaining)} left on this step.`);
    });
  }

  /** Restarts the clock where pause left it. */
  resume(): Promise<SessionOutcome> {
    return this.serialize(async () => {
      if (this.row.state !== 'paused') return SessionOutcome.refuse('not-paused', 'The chat is not paused.');
      const deadline = this.deps.clock.now() + (this.row.paused_remaining_ms ?? 0);
      this.save({ state: 'running', paused_remaining_ms: null, step_deadline: deadline });
      this.event('resumed');
      this.arm();
      await this.postOnce(`notice:resumed:${this.deps.clock.now()}`, {
        kind: 'notice',
        text: fillTemplate(this.script.wording.resumedNotice, { number: this.row.step }),
      });
      return SessionOutcome.ok('Resumed.');
    });
  }

  /** Moves on to the next step now. */
  skip(): Promise<SessionOutcome> {
    return this.serialize(async () => {
      if (this.row.state === 'ended' || this.row.step >= this.closingStep) {
        return SessionOutcome.refuse('closing', 'The chat is already closing.');
      }
      const next = this.row.step + 1;
      if (this.row.state === 'paused') this.save({ state: 'running', paused_remaining_ms: null });
      this.event('skipped', String(this.row.step));
      await this.enterStep(next, this.deps.clock.now());
      return SessionOutcome.ok(next > this.questionCount ? 'Skipped to the closing.' : `Posted Q${next}.`);
    });
  }

  /** Keeps the open step open `minutes` longer. */
  extend(minutes: number): Promise<SessionOutcome> {
    return this.serialize(async () => {
      if (!(minutes > 0 && minutes <= 120)) {
        return SessionOutcome.refuse('bad-minutes', 'Give the minutes to add, from 1 to 120, e.g. "extend 5".');
      }
      if (this.row.state === 'ended' || this.row.step >= this.closingStep) {
        return SessionOutcome.refuse('closing', 'The chat is already closing.');
      }
      const extra = minutes * 60_000;
      if (this.row.state === 'paused') {
        this.save({ paused_remaining_ms: (this.row.paused_remaining_ms ?? 0) + extra });
      } else {
        this.save({ step_deadline: (this.row.step_deadline ?? this.deps.clock.now()) + extra });
        this.arm();
      }
      this.event('extended', String(minutes));
      if (this.row.step >= 1) {
        await this.postOnce(`notice:extended:${this.deps.clock.now()}`, {
          kind: 'notice',
          text: fillTemplate(this.script.wording.extendedNotice, { number: this.row.step, minutes }),
        });
      }
      return SessionOutcome.ok(`Added ${minutes} minute${minutes === 1 ? '' : 's'}.`);
    });
  }

  /** Closes the chat now: thanks and recap still happen. */
  end(reason = 'ended by host'): Promise<SessionOutcome> {
    return this.serialize(async () => {
      if (this.row.state === 'ended' || this.row.step >= this.closingStep) {
        return SessionOutcome.refuse('closing', 'The chat is already closing.');
      }
      this.save({ end_reason: reason });
      await this.enterStep(this.closingStep, this.deps.clock.now());
      return SessionOutcome.ok('Closing the chat: thanks and recap are on their way.');
    });
  }

  /** Where the session stands. */
  status(): SessionStatus {
    const open = Math.min(this.row.step, this.closingStep);
    const counts = this.deps.store.messages.answerCounts(this.id, open);
    const timeLeftMs =
      this.row.step >= this.closingStep
        ? undefined
        : this.row.state === 'paused'
          ? (this.row.paused_remaining_ms ?? 0)
          : Math.max(0, (this.row.step_deadline ?? 0) - this.deps.clock.now());
    return {
      sessionId: this.id,
      title: this.script.title,
      state: this.row.state,
      openQuestion: open,
      questionCount: this.questionCount,
      timeLeftMs,
      answers: counts.total,
      answersOnQuestion: counts.onQuestion,
      participants: counts.participants,
    };
  }

  /**
   * Cancels timers and waits for the step in flight, without ending the session (shutdown). Acknowledgements
   * still queued on the platform are not awaited here: the adapter's stop drains them within its deadline, and
   * `drain()` then waits for their outcome to be recorded.
   */
  async stop(): Promise<void> {
    this.timer?.cancel();
    this.timer = undefined;
    this.recapRefresh?.cancel();
    await this.transitions.catch(() => undefined);
  }

  /** Waits for acknowledgements and welcomes still in flight. */
  drain(): Promise<void> {
    return this.intake.drain();
  }

  // ---- inbound -------------------------------------------------------------------------------------

  /** Stores a message with its attribution; acknowledges answers and welcomes first-timers. */
  handleMessage(message: InboundMessage): void {
    if (this.ended) {
      this.handleLateMessage(message);
      return;
    }
    this.intake.handleMessage(message, this.positionOf(message));
  }

  /**
   * A message written before the closing post that arrived after the chat ended (a reconnect delivered it
   * late): it is stored and acknowledged like any other, and the recap files are written again.
   */
  private handleLateMessage(message: InboundMessage): void {
    const closedAt = this.stepStartOf(this.closingStep);
    if (closedAt === undefined || message.ts > closedAt) return;
    if (!this.intake.handleMessage(message, this.positionOf(message))) return;
    this.recapRefresh?.cancel();
    // Several late messages usually come together after a reconnect: one rewrite for the lot.
    this.recapRefresh = this.deps.clock.at(this.deps.clock.now() + RECAP_REFRESH_DELAY_MS, () => {
      void this.deps.onRecapChanged?.(this);
    });
  }

  /**
   * Where the chat stood for a message: the question open when it was written (so an answer delayed by a
   * reconnect is not late), judged against every question asked by the time it arrived.
   */
  private positionOf(message: InboundMessage): ChatPosition {
    let written = 0;
    for (const start of this.stepStarts) if (start.at <= message.ts) written = start.step;
    return {
      openQuestion: Math.min(written, this.closingStep),
      askedQuestions: Math.min(this.row.step, this.questionCount),
    };
  }

  private stepStartOf(step: number): number | undefined {
    let at: number | undefined;
    for (const start of this.stepStarts) if (start.step === step) at = start.at;
    return at;
  }

  /** Attributes an edited message again. */
  handleEdit(edit: InboundEdit): void {
    this.intake.handleEdit(edit);
  }

  /** Marks a message deleted. */
  handleDelete(id: MessageAddress): void {
    this.intake.handleDelete(id);
  }

  // ---- steps ---------------------------------------------------------------------------------------

  private async enterStep(step: number, startedAt: number): Promise<void> {
    this.timer?.cancel();
    const closing = step >= this.closingStep;
    const deadline = closing ? null : startedAt + this.stepLength(step);
    this.save({ step, step_started_at: startedAt, step_deadline: deadline });
    this.event(phaseOf(step, this.questionCount), String(step));
    this.stepStarts.push({ step, at: this.deps.clock.now() });
    if (!closing) this.arm();
    if (closing) await this.close();
    else await this.postStep(step);
  }

  private postStep(step: number): Promise<void> {
    return phaseOf(step, this.questionCount) === 'opening' ? this.postOpening() : this.postQuestion(step);
  }

  private stepLength(step: number): number {
    // The opening is never compressed by a catch-up (which starts later), only by a rehearsal's scale.
    const scale = this.row.rehearsal ? this.row.window_scale : 1;
    return step === 0
      ? Math.round((this.timeline.questionOffsets[0] ?? 0) * scale)
      : Math.round(questionWindow(this.timeline, step - 1) * this.row.window_scale);
  }

  /** Whether this is a rehearsal (never counted). */
  get rehearsal(): boolean {
    return this.row.rehearsal === 1;
  }

  // Shrinks the windows of the questions still to come so the chat ends when it was planned to.
  private compressRemaining(missedDeadline: number, now: number): void {
    let plannedRest = 0;
    for (let step = this.row.step + 1; step < this.closingStep; step++) plannedRest += this.stepLength(step);
    const plannedEnd = missedDeadline + plannedRest;
    const scale = plannedRest > 0 ? Math.max(0.05, (plannedEnd - now) / plannedRest) : 1;
    this.save({ window_scale: this.row.window_scale * Math.min(1, scale) });
  }

  private arm(): void {
    this.timer?.cancel();
    const deadline = this.row.step_deadline;
    if (deadline === null || this.row.state !== 'running') return;
    const step = this.row.step;
    this.timer = this.deps.clock.at(deadline, () => {
      void this.serialize(async () => {
        // A control may have moved the session on since this timer was armed.
        if (this.row.step !== step || this.row.state !== 'running' || this.row.step_deadline !== deadline) return;
        if (!this.ownsChat()) return;
        await this.enterStep(step + 1, deadline);
      });
    });
  }

  private async postOpening(): Promise<void> {
    const { welcome, intro, hashtag, guests, wording } = this.script;
    const { platform } = this.deps;
    // The guests are introduced in the welcome, by mention where the platform knows them.
    const named = guests.map((guest) => (guest.id ? platform.mention(guest.id, guest.name) : guest.name));
    const guestLine = guests.length
      ? `\n${fillTemplate(wording.guestIntro, { guests: named.join(', '), hashtag })}`
      : '';
    await this.postOnce('welcome', {
      kind: 'opening',
      text: `${fillTemplate(welcome, { hashtag })}${guestLine}`,
      ...(guests.some((guest) => guest.id)
        ? { mentions: guests.flatMap((guest) => (guest.id ? [guest.id] : [])) }
        : {}),
    });
    await this.postOnce('intro', { kind: 'intro', text: fillTemplate(intro.prompt, { hashtag }) });
  }

  private async postQuestion(number: number): Promise<void> {
    const { hashtag, wording, threadPerQuestion } = this.script;
    const question = this.script.questions[number - 1]!;
    const hint = fillTemplate(wording.answerHint, { number, hashtag });
    const label = fillTemplate(wording.questionLabel, { number, text: question.text, hashtag });
    await this.postOnce(
      `question:${number}`,
      {
        kind: 'question',
        text: `${label}\n${hint}`,
        question: { number, text: question.text, hashtag, hint, openThread: threadPerQuestion },
      },
      { questionNumber: number },
    );
  }

  /**
   * The closing post, then — after a short grace for answers written before it that are still on their
   * way — the thanks, the recap and "ended". Each step is recorded when done, so a restart at any point
   * finishes exactly the steps missing and never starts the chat again.
   */
  private async close(): Promise<void> {
    const { closing, hashtag } = this.script;
    await this.postOnce('closing', { kind: 'closing', text: fillTemplate(closing, { hashtag }) });
    this.timer?.cancel();
    const grace = (this.deps.closeGraceMs ?? CLOSE_GRACE_MS) * (this.rehearsal ? this.row.window_scale : 1);
    const thanksAt = (this.row.step_started_at ?? this.deps.clock.now()) + grace;
    if (thanksAt <= this.deps.clock.now()) {
      await this.finish();
      return;
    }
    this.timer = this.deps.clock.at(thanksAt, () => void this.serialize(async () => this.ownsChat() && this.finish()));
  }

  private async finish(): Promise<void> {
    if (this.ended) return;
    const done = new Set(this.deps.store.sessions.events(this.id).map((event) => event.kind));
    if (!done.has('thanked')) {
      // Acknowledgements still in flight do not hold up the thanks: stop() and drain() wait for them.
      await thankEveryone(this.deps, {
        sessionId: this.id,
        community: this.community,
        wording: this.script.wording,
        hashtag: this.script.hashtag,
        guests: this.script.guests,
        // A rehearsal never counts: nobody reaches a milestone in one.
        ...(this.rehearsal ? {} : { milestones: (people) => this.intake.memory.milestonesOf(people) }),
        postOnce: (purpose, message) => this.postOnce(purpose, message),
      });
      this.event('thanked');
    }
    if (!done.has('recap-written')) {
      try {
        await this.deps.onEnded?.(this);
        this.event('recap-written');
      } catch (error) {
        this.deps.log.error('The recap could not be written; "emcee recap --session" writes it again', {
          session: this.id,
          error,
        });
        this.event('recap-failed', error instanceof Error ? error.message : String(error));
      }
    }
    this.save({ state: 'ended', ended_at: this.deps.clock.now(), paused_remaining_ms: null });
    this.event('ended', this.row.end_reason ?? 'finished');
    this.finished();
  }

  // ---- helpers -------------------------------------------------------------------------------------

  // A process that stalled past its lease wakes up with overdue timers: it must leave the chat to its new owner.
  private ownsChat(): boolean {
    if (!this.deps.leases || this.deps.leases.holds(this.channel)) return true;
    this.deps.log.warn('This chat is run by another process now; leaving it', { session: this.id });
    this.timer?.cancel();
    return false;
  }

  /** Posts once per purpose per session (see PostLedger); returns the posted address. */
  postOnce(
    purpose: string,
    message: OutboundMessage,
    options: { questionNumber?: number; replyTo?: MessageAddress } = {},
  ): Promise<MessageAddress | undefined> {
    return this.ledger.postOnce(purpose, message, options);
  }

  private serialize<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.transitions.then(fn);
    this.transitions = run.then(
      () => undefined,
      (error: unknown) => this.deps.log.error('A session step failed', { session: this.id, error }),
    );
    return run;
  }

  // Written in order through the store's queue: a busy or full database delays the write, never the chat.
  private save(fields: Partial<Omit<SessionRow, 'id'>>): void {
    const { store, log } = this.deps;
    void store.writes
      .write(() => store.sessions.update(this.id, fields))
      .catch((error: unknown) => {
        log.error('Could not save where the chat stands', { session: this.id, error });
      });
    this.row = { ...this.row, ...fields };
  }

  private event(kind: string, detail?: string): void {
    const { store, clock, log } = this.deps;
    const at = clock.now();
    void store.writes
      .write(() => store.sessions.logEvent(this.id, at, kind, detail))
      .catch((error: unknown) => {
        log.error('Could not log a step of the chat', { session: this.id, error });
      });
    if (isLiveStepChange(kind)) this.deps.live?.publish(liveStepOf(kind, this.row, this.script, at));
  }
}
