/**
 * Transcript times: ISO 8601 (our JSONL and CSV) and Twitter's archive form (the TAGS sheet). Parsed by
 * hand rather than with Date.parse, which accepts almost anything and reads a time without an offset in
 * the machine's own timezone, so one file would recap differently on two machines.
 */

// 2026-11-19T18:05:16Z, 2026-11-19 18:05:16.250+01:00, 2026-11-19T18:05+0100, 2026-11-19.
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
// Thu Nov 19 18:05:16 +0000 2026
const TWITTER = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\w{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([+-]\d{4}) (\d{4})$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** What a bad time is told it should look like. */
export const TIME_FORMS =
  'an ISO 8601 time like "2026-11-19T18:05:16Z" (or Twitter\'s "Thu Nov 19 18:05:16 +0000 2026")';

/**
 * Epoch milliseconds of an ISO 8601 or Twitter-archive time, or NaN when it is neither or names a day
 * that does not exist. A time without an offset is taken as UTC.
 */
export function parseTranscriptTime(value: string): number {
  const text = value.trim();
  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', offset] = iso;
    const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
    return utc(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms, offsetMinutes(offset));
  }
  const twitter = TWITTER.exec(text);
  if (twitter) {
    const [, mon, d, h, mi, s, offset, y] = twitter;
    const month = MONTHS.indexOf(mon!);
    if (month < 0) return Number.NaN;
    return utc(Number(y), month, Number(d), Number(h), Number(mi), Number(s), 0, offsetMinutes(offset));
  }
  return Number.NaN;
}

function offsetMinutes(offset: string | undefined): number {
  if (!offset || offset.toUpperCase() === 'Z') return 0;
  const digits = offset.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
  return offset.startsWith('-') ? -minutes : minutes;
}

// Date.UTC rolls "Feb 31" over into March; a transcript with that day is wrong, not early March.
function utc(
  y: number,
  month: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
  offset: number,
): number {
  if (h > 23 || mi > 59 || s > 59 || Math.abs(offset) > 18 * 60) return Number.NaN;
  const local = Date.UTC(y, month, d, h, mi, s, ms);
  const check = new Date(local);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== month || check.getUTCDate() !== d) return Number.NaN;
  return local - offset * 60_000;
}
