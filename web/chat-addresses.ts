import { wallTimeAt } from '../src/time/zoned-time.js';

// The pages helper's src/recap/recap-address.ts (when it lands) is the one definition of these paths; until then
// they are written here, on the scheme the issue gives: one address per chat, its date in the series' time zone.

/** "YYYY-MM-DD": the date an instant falls on in a time zone (a chat's date in its series' zone). */
export function localDateIn(instant: number, timeZone: string): string {
  const wall = wallTimeAt(instant, timeZone);
  return `${wall.year}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;
}

/** A series' page. */
export function seriesPath(seriesId: string): string {
  return `/series/${encodeURIComponent(seriesId)}`;
}

/** A chat's recap page: `/recaps/<series>/<YYYY-MM-DD>`. */
export function recapPath(seriesId: string, localDate: string): string {
  return `/recaps/${encodeURIComponent(seriesId)}/${localDate}`;
}

/** A series' calendar: `/series/<id>.ics`. */
export function seriesCalendarPath(seriesId: string): string {
  return `/series/${encodeURIComponent(seriesId)}.ics`;
}

/** One chat's calendar entry, for an "Add to calendar" link: `/series/<id>/<YYYY-MM-DD>.ics`. */
export function addToCalendarPath(seriesId: string, localDate: string): string {
  return `/series/${encodeURIComponent(seriesId)}/${localDate}.ics`;
}
