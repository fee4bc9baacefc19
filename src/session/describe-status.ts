import { formatDuration } from './format-duration.js';
import type { SessionStatus } from './session-types.js';
import { phaseOf } from './steps.js';

/** One line a host can read at a glance. */
export function describeStatus(status: SessionStatus): string {
  const phase = phaseOf(status.openQuestion, status.questionCount);
  const where =
    phase === 'opening'
      ? 'Opening'
      : phase === 'closing'
        ? 'Closing'
        : `Q${status.openQuestion} of ${status.questionCount}`;
  const left = status.timeLeftMs === undefined ? '' : `, ${formatDuration(status.timeLeftMs)} left`;
  const paused = status.state === 'paused' ? ' (paused)' : '';
  return (
    `${status.title}: ${where}${paused}${left} · ${status.answers} answers` +
    ` (${status.answersOnQuestion} on this question) · ${status.participants} participants`
  );
}
