import { wallTimeAt } from '../time/zoned-time.js';
import { localStamp } from './ics-time.js';

const DAY = 86_400_000;
const MINUTE = 60_000;

/** A change of a zone's offset from UTC. */
interface Transition {
  /** The first instant of the new offset, epoch ms. */
  at: number;
  /** The offset before, ms east of UTC. */
  from: number;
  /** The offset after. */
  to: number;
}

/** The zone's offset from UTC at an instant, ms (positive east), read from the tz database through Intl. */
export function zoneOffset(instant: number, timeZone: string): number {
  const w = wallTimeAt(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** Every offset change of a zone from the start of `fromYear` to the end of `toYear`, to the minute. */
export function offsetTransitions(timeZone: string, fromYear: number, toYear: number): Transition[] {
  const transitions: Transition[] = [];
  const end = Date.UTC(toYear + 1, 0, 1);
  let at = Date.UTC(fromYear, 0, 1);
  let offset = zoneOffset(at, timeZone);
  // A day's step finds the day of every change (no zone changes twice in a day); halving finds the minute.
  for (; at < end; at += DAY) {
    const next = zoneOffset(at + DAY, timeZone);
    if (next === offset) continue;
    let low = at;
    let high = at + DAY;
    while (high - low > MINUTE) {
      const mid = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
      if (zoneOffset(mid, timeZone) === offset) low = mid;
      else high = mid;
    }
    transitions.push({ at: high, from: offset, to: next });
    offset = next;
  }
  return transitions;
}

const cache = new Map<string, string[]>();

/**
 * A VTIMEZONE for `timeZone` covering `fromYear`..`toYear`, made from the tz database through Intl: one observance
 * per offset change in those years (DAYLIGHT when the offset goes above the year's lowest, STANDARD otherwise),
 * after an opening STANDARD with the offset the span starts in. A zone without changes gets just that one.
 */
export function vtimezoneLines(timeZone: string, fromYear: number, toYear: number): string[] {
  const key = `${timeZone}/${fromYear}/${toYear}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const start = Date.UTC(fromYear, 0, 1);
  const first = zoneOffset(start, timeZone);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  lines.push(...observance('STANDARD', localStamp(start, 'UTC'), first, first));
  for (const change of offsetTransitions(timeZone, fromYear, toYear)) {
    const year = new Date(change.at).getUTCFullYear();
    const lowest = Math.min(zoneOffset(Date.UTC(year, 0, 15), timeZone), zoneOffset(Date.UTC(year, 6, 15), timeZone));
    // DTSTART of an observance is the local time it begins at, read in the offset before it (RFC 5545 3.6.5).
    const startsAt = localStamp(change.at + change.from, 'UTC');
    lines.push(...observance(change.to > lowest ? 'DAYLIGHT' : 'STANDARD', startsAt, change.from, change.to));
  }
  lines.push('END:VTIMEZONE');
  cache.set(key, lines);
  return lines;
}

function observance(kind: 'STANDARD' | 'DAYLIGHT', start: string, from: number, to: number): string[] {
  return [
    `BEGIN:${kind}`,
    `DTSTART:${start}`,
    `TZOFFSETFROM:${offsetText(from)}`,
    `TZOFFSETTO:${offsetText(to)}`,
    `END:${kind}`,
  ];
}

/** "+0100", "-0430": an offset as RFC 5545 writes it. */
export function offsetText(offset: number): string {
  const minutes = Math.round(Math.abs(offset) / MINUTE);
  const sign = offset < 0 ? '-' : '+';
  return `${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}${String(minutes % 60).padStart(2, '0')}`;
}
