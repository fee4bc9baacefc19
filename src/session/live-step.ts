import type { LiveStep, LiveStepChange } from '../service/live-feed.js';
import type { ChatScript } from '../script/script-schema.js';
import type { SessionRow } from '../store/session-rows.js';
import { closingStepOf, phaseOf } from './steps.js';

const CHANGES = new Set<string>(['opening', 'question', 'closing', 'paused', 'resumed', 'extended', 'ended']);

/** Whether a session event (as logged) is a change the live feed carries. */
export function isLiveStepChange(kind: string): kind is LiveStepChange {
  return CHANGES.has(kind);
}

/** Where a session stands after `change`, as the live feed tells it. */
export function liveStepOf(change: LiveStepChange, row: SessionRow, script: ChatScript, now: number): LiveStep {
  const questionCount = script.questions.length;
  const openQuestion = Math.min(row.step, closingStepOf(questionCount));
  const closing = openQuestion >= closingStepOf(questionCount);
  const paused = row.state === 'paused';
  return {
    kind: 'step',
    sessionId: row.id,
    channel: row.channel,
    series: script.id,
    rehearsal: row.rehearsal === 1,
    change,
    title: script.title,
    state: row.state,
    openQuestion,
    questionCount,
    ...(phaseOf(openQuestion, questionCount) === 'question'
      ? { questionText: script.questions[openQuestion - 1]?.text }
      : {}),
    deadline: closing || paused ? null : row.step_deadline,
    timeLeftMs: closing
      ? null
      : paused
        ? (row.paused_remaining_ms ?? 0)
        : Math.max(0, (row.step_deadline ?? now) - now),
    clockSpeed: row.clock_speed,
  };
}
