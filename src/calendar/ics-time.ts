import { wallTimeAt } from '../time/zoned-time.js';

/** "20261105T180000": an instant as wall time in a zone (for DTSTART;TZID=…). */
export function localStamp(instant: number, timeZone: string): string {
  const w = wallTimeAt(instant, timeZone);
  return `${w.year}${two(w.month)}${two(w.day)}T${two(w.hour)}${two(w.minute)}${two(w.second)}`;
}

/** "20261105T230000Z": an instant in UTC. */
export function utcStamp(instant: number): string {
  return `${new Date(Math.floor(instant / 1000) * 1000).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}
