// Building an Intl.DateTimeFormat costs far more than using one; a recap formats thousands of times.
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * One shared Intl.DateTimeFormat per locale and options (timezone included). Throws a RangeError for an
 * unknown timezone, like the constructor; check zones at the boundary with isTimeZone first.
 */
export function cachedFormatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, found);
  }
  return found;
}

/** Whether `zone` is a timezone this runtime knows ("America/New_York", "UTC"); "Mars/Olympus" is not. */
export function isTimeZone(zone: string): boolean {
  try {
    cachedFormatter('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** What a bad timezone is told it should look like. */
export const TIME_ZONE_HINT = 'an IANA timezone such as "America/New_York" or "Europe/Rome"';
