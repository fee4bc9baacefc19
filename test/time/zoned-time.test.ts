import { describe, expect, it } from 'vitest';
import { cachedFormatter, isTimeZone } from '../../src/time/formatter-cache.js';
import { formatClock, formatDay, formatInZone } from '../../src/time/format-time.js';
import { instantOf, wallTimeAt } from '../../src/time/zoned-time.js';

const iso = (at: number) => new Date(at).toISOString();

describe('wall times and instants in a timezone', () => {
  it('a time inside the spring-forward gap moves forward by the gap; a repeated time takes the first', () => {
    expect(iso(instantOf({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Berlin'))).toBe(
      '2026-03-29T01:30:00.000Z', // 03:30 CEST
    );
    expect(iso(instantOf({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, 'America/New_York'))).toBe(
      '2026-11-01T05:30:00.000Z', // the first 1:30, still EDT
    );
  });

  it('America/New_York on 8 March 2026: 02:30 does not exist and becomes 03:30 EDT', () => {
    const at = instantOf({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/New_York');
    expect(iso(at)).toBe('2026-03-08T07:30:00.000Z');
    expect(wallTimeAt(at, 'America/New_York')).toMatchObject({ hour: 3, minute: 30, day: 8 });
    // Either side of the gap is untouched.
    const newYork = (hour: number, minute: number) =>
      iso(instantOf({ year: 2026, month: 3, day: 8, hour, minute }, 'America/New_York'));
    expect(newYork(1, 59)).toBe('2026-03-08T06:59:00.000Z');
    expect(newYork(3, 0)).toBe('2026-03-08T07:00:00.000Z');
  });

  it('reads the wall time and weekday an instant shows', () => {
    expect(wallTimeAt(Date.UTC(2026, 10, 26, 18, 0, 7), 'America/New_York')).toEqual({
      year: 2026,
      month: 11,
      day: 26,
      hour: 13,
      minute: 0,
      second: 7,
      weekday: 4,
    });
    const tokyo = wallTimeAt(Date.UTC(2026, 11, 31, 23, 30), 'Asia/Tokyo');
    expect(tokyo).toMatchObject({ year: 2027, month: 1, day: 1, hour: 8 });
  });
});

describe('formatting in a timezone', () => {
  it('writes instants as readers in the zone see them', () => {
    const at = Date.UTC(2026, 10, 26, 18, 5);
    expect(formatInZone(at, 'America/New_York')).toBe('Thu, Nov 26, 2026, 1:05 PM EST');
    expect(formatDay('2026-11-26T18:05:00Z', 'America/New_York')).toBe('Thursday, November 26, 2026');
    expect(formatDay(Date.UTC(2026, 10, 26, 23, 30), 'Asia/Tokyo')).toBe('Friday, November 27, 2026');
    expect(formatClock('2026-11-26T18:05:00Z', 'Europe/Berlin')).toBe('7:05 PM');
  });

  it('builds one formatter per zone and options, and tells known zones from unknown ones', () => {
    const options = { timeZone: 'Europe/Rome', hour: 'numeric' } as const;
    expect(cachedFormatter('en-US', options)).toBe(cachedFormatter('en-US', { ...options }));
    expect(cachedFormatter('en-US', options)).not.toBe(cachedFormatter('en-US', { ...options, timeZone: 'UTC' }));
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(() => formatInZone(0, 'Mars/Olympus')).toThrow(RangeError);
  });
});
