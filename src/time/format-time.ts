import { cachedFormatter } from './formatter-cache.js';

/** "Thu, Nov 26, 2026, 1:00 PM EST": an instant as people in `timeZone` read it. */
export function formatInZone(instant: number, timeZone: string, locale = 'en-US'): string {
  return cachedFormatter(locale, {
    timeZone,
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(instant));
}

/** "Thursday, November 19, 2026" in `timeZone`; `at` is an ISO string or epoch ms. */
export function formatDay(at: string | number, timeZone: string): string {
  return cachedFormatter('en-US', { timeZone, weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }).format(
    new Date(at),
  );
}

/** "Nov 19" in `timeZone`: a date in a narrow table or chart; `at` is an ISO string or epoch ms. */
export function formatShortDay(at: string | number, timeZone: string): string {
  return cachedFormatter('en-US', { timeZone, month: 'short', day: 'numeric' }).format(new Date(at));
}

/** "1:05 PM" in `timeZone`; `at` is an ISO string or epoch ms. */
export function formatClock(at: string | number, timeZone: string): string {
  return cachedFormatter('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }).format(new Date(at));
}
