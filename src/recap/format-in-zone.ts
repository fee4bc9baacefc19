const formatters = new Map<string, Intl.DateTimeFormat>();

// Building an Intl.DateTimeFormat costs far more than using one; a recap formats thousands of times.
function formatter(kind: 'day' | 'clock', timeZone: string): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(
      'en-US',
      kind === 'day'
        ? { timeZone, weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }
        : { timeZone, hour: 'numeric', minute: '2-digit' },
    );
    formatters.set(key, found);
  }
  return found;
}

/** "Thursday, November 19, 2026" in the chat's timezone. */
export function formatDay(iso: string, timeZone: string): string {
  return formatter('day', timeZone).format(new Date(iso));
}

/** "1:05 PM" in the chat's timezone. */
export function formatClock(iso: string, timeZone: string): string {
  return formatter('clock', timeZone).format(new Date(iso));
}
