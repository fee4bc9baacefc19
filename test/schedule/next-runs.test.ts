import { describe, expect, it } from 'vitest';
import { nextRuns } from '../../src/schedule/next-runs.js';
import { scheduleSchema } from '../../src/schedule/schedule-schema.js';
import { wallTimeAt } from '../../src/time/zoned-time.js';

const weekly = (day: string, time: string, extra: object = {}) =>
  scheduleSchema.parse({ weekly: { day, time }, ...extra });

describe('schedules across daylight-saving changes', () => {
  it('America/New_York: Thursdays at 1 pm stay at 1 pm local when EDT becomes EST', () => {
    const runs = nextRuns(weekly('thursday', '13:00'), 'America/New_York', Date.UTC(2026, 9, 20), 4);
    expect(runs.map((r) => new Date(r.at).toISOString())).toEqual([
      '2026-10-22T17:00:00.000Z', // EDT, UTC-4
      '2026-10-29T17:00:00.000Z',
      '2026-11-05T18:00:00.000Z', // EST, UTC-5 after 1 November
      '2026-11-12T18:00:00.000Z',
    ]);
    for (const run of runs)
      expect(wallTimeAt(run.at, 'America/New_York')).toMatchObject({ hour: 13, minute: 0, weekday: 4 });
  });

  it('America/New_York in spring: 1 pm on both sides of 8 March', () => {
    const runs = nextRuns(weekly('sunday', '13:00'), 'America/New_York', Date.UTC(2026, 2, 1, 12), 2);
    expect(runs.map((r) => new Date(r.at).toISOString())).toEqual([
      '2026-03-01T18:00:00.000Z',
      '2026-03-08T17:00:00.000Z',
    ]);
  });

  it('Europe/Berlin: 19:00 stays 19:00 when CEST becomes CET on 25 October', () => {
    const runs = nextRuns(weekly('thursday', '19:00'), 'Europe/Berlin', Date.UTC(2026, 9, 15), 3);
    expect(runs.map((r) => new Date(r.at).toISOString())).toEqual([
      '2026-10-15T17:00:00.000Z',
      '2026-10-22T17:00:00.000Z',
      '2026-10-29T18:00:00.000Z',
    ]);
  });

  it('a daily 02:30 rule runs at 03:30 EDT on the spring-forward day; 01:30 on the fall-back day runs once', () => {
    const daily = (cron: string, after: number, count: number) =>
      nextRuns(scheduleSchema.parse({ cron }), 'America/New_York', after, count);
    const spring = daily('30 2 * * *', Date.UTC(2026, 2, 7, 12), 3);
    expect(spring.map((r) => new Date(r.at).toISOString())).toEqual([
      '2026-03-08T07:30:00.000Z', // 02:30 does not exist on 8 March: 03:30 EDT
      '2026-03-09T06:30:00.000Z', // 02:30 EDT
      '2026-03-10T06:30:00.000Z',
    ]);
    const autumn = daily('30 1 * * *', Date.UTC(2026, 9, 31, 12), 3);
    expect(autumn.map((r) => new Date(r.at).toISOString())).toEqual([
      '2026-11-01T05:30:00.000Z', // the first 01:30 (EDT); the repeated one (06:30Z, EST) gets no second run
      '2026-11-02T06:30:00.000Z',
      '2026-11-03T06:30:00.000Z',
    ]);
    // A rule naming both 02:30 and 03:30 runs once at 03:30 on the gap day.
    const both = daily('30 2,3 * * *', Date.UTC(2026, 2, 8, 5), 2);
    expect(both.map((r) => new Date(r.at).toISOString())).toEqual([
      '2026-03-08T07:30:00.000Z',
      '2026-03-09T06:30:00.000Z',
    ]);
  });

  it('finds rare dates however far apart: 29 February, and 29 February on a Saturday', () => {
    const leap = nextRuns(scheduleSchema.parse({ cron: '0 12 29 2 *' }), 'Europe/Rome', Date.UTC(2026, 0, 1), 4);
    expect(leap.map((r) => r.localDate)).toEqual(['2028-02-29', '2032-02-29', '2036-02-29', '2040-02-29']);
    // Day-of-month and weekday both given means either (cron's rule), so Saturdays in February count too.
    const either = nextRuns(scheduleSchema.parse({ cron: '0 12 29 2 6' }), 'UTC', Date.UTC(2026, 1, 20), 2);
    expect(either.map((r) => r.localDate)).toEqual(['2026-02-21', '2026-02-28']);
  });

  it('skips listed dates, adds one-off dates, and reads cron rules', () => {
    const schedule = weekly('thursday', '13:00', { skip: ['2026-12-24'], once: ['2026-12-30 10:00'] });
    const runs = nextRuns(schedule, 'America/New_York', Date.UTC(2026, 11, 15), 3);
    expect(runs.map((r) => `${r.localDate}/${r.source}`)).toEqual([
      '2026-12-17/rule',
      '2026-12-30/once',
      '2026-12-31/rule',
    ]);
    const cron = scheduleSchema.parse({ cron: '30 9 1,15 * *' });
    const monthly = nextRuns(cron, 'Europe/Berlin', Date.UTC(2026, 0, 2), 3).map((r) => r.localDate);
    expect(monthly).toEqual(['2026-01-15', '2026-02-01', '2026-02-15']);
  });

  it('explains bad schedule fields', () => {
    const result = scheduleSchema.safeParse({ cron: '0 25 * * *', reminders: ['soon'] });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toContain('cron: a cron rule "minute hour day-of-month month day-of-week", e.g. "0 13 * * 4"');
    expect(messages).toContain('reminders.0: a duration like "24h", "1h", "10m" or "1h30m"');
  });

  it('refuses seconds, rules that never run, and unknown timezones', () => {
    const issues = (input: object) =>
      scheduleSchema.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues({ cron: '*/20 * * * * *' })).toEqual([
      'cron: a chat starts on the minute, so a cron rule has 5 fields, without seconds: "* * * * *"',
    ]);
    expect(issues({ cron: '0 13 31 2 *' })).toEqual([expect.stringMatching(/^cron: never runs: .*impossible/)]);
    expect(issues({ weekly: { day: 'monday', time: '10:00' }, timezone: 'Mars/Olympus' })).toEqual([
      'timezone: an IANA timezone such as "America/New_York" or "Europe/Rome"',
    ]);
    expect(scheduleSchema.safeParse({ cron: '0 0 13 * * 4' }).success).toBe(false);
    expect(scheduleSchema.safeParse({ cron: '0 13 29 2 *', timezone: 'Asia/Kolkata' }).success).toBe(true);
  });
});
