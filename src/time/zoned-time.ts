import { cachedFormatter } from './formatter-cache.js';

/** A wall-clock time in some timezone. */
export interface WallTime {
  year: number;
  /** 1-12. */
  month: number;
  /** 1-31. */
  day: number;
  hour: number;
  minute: number;
}

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  return cachedFormatter('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    weekday: 'short',
  });
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The wall time (and weekday, 0 = Sunday) an instant shows in a timezone. */
export function wallTimeAt(instant: number, timeZone: string): WallTime & { weekday: number; second: number } {
  const parts = Object.fromEntries(
    partsFormatter(timeZone)
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
  };
}

// The zone's offset from UTC at an instant, in ms (positive east of Greenwich).
function offsetAt(instant: number, timeZone: string): number {
  const wall = wallTimeAt(instant, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall time happens in a timezone. Across daylight-saving changes (the rule JavaScript's
 * Temporal calls "compatible", and the README's schedule section states): a time skipped by the
 * spring-forward gap moves forward by the gap (02:30 becomes 03:30); a time that happens twice in the
 * autumn takes the first, so a chat runs once.
 */
export function instantOf(wall: WallTime, timeZone: string): number {
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  // Try both offsets around the wall time; keep the earliest candidate that really shows this wall time.
  const offsets = [offsetAt(naive - 86_400_000, timeZone), offsetAt(naive + 86_400_000, timeZone)];
  const candidates = [...new Set(offsets)].map((offset) => naive - offset).sort((a, b) => a - b);
  for (const candidate of candidates) {
    const seen = wallTimeAt(candidate, timeZone);
    if (seen.hour === wall.hour && seen.minute === wall.minute && seen.day === wall.day) return candidate;
  }
  // In the gap: the later offset's reading lands after the jump, which is the wall time pushed forward.
  return naive - Math.min(...offsets);
}
