import type { SeriesTrends, TrendRetention } from '../people/trends.js';
import type { RecapParticipant } from './recap-model.js';

/** The heading over the attendance bars: "Attendance over the last 12 chats". */
export function attendanceHeading(trends: SeriesTrends): string {
  const n = trends.chats.length;
  return n === 1 ? 'Attendance over the last chat' : `Attendance over the last ${n} chats`;
}

/**
 * Retention in one plain sentence, saying which first-timers it counts: "Retention: 5 of 8 first-timers (63%)
 * came back within their next 4 chats; 3 newer ones are not counted yet."
 */
export function retentionSentence(retention: TrendRetention): string {
  const { window, firstTimers, cameBack, share, pending } = retention;
  const waiting =
    pending === 0
      ? ''
      : `${pending} ${pending === 1 ? 'first-timer' : 'first-timers'} of the last ${window} chats ` +
        `${pending === 1 ? 'is' : 'are'} not counted yet`;
  if (share === null) {
    return waiting
      ? `Retention: not known yet (${waiting}: they have had fewer than ${window} chats since).`
      : 'Retention: no first-timers to follow yet.';
  }
  const figure =
    `Retention: ${cameBack} of ${firstTimers} ${firstTimers === 1 ? 'first-timer' : 'first-timers'} ` +
    `(${Math.round(share * 100)}%) came back within their next ${window} chats`;
  return waiting ? `${figure}; ${waiting}.` : `${figure}.`;
}

/** People back after an absence, in the order the recap lists them. */
export function returnersOf(participants: readonly RecapParticipant[]): RecapParticipant[] {
  return participants.filter((p) => p.returnedAfter !== undefined);
}

/** "(last here 5 chats ago)" beside a returner's name. */
export function awayNote(participant: RecapParticipant): string {
  return `(last here ${participant.returnedAfter} chats ago)`;
}
