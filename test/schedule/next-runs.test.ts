import { describe, expect, it } from 'vitest';
import { nextRuns } from '../../src/schedule/next-runs.js';
import { scheduleSchema } from '../../src/schedule/schedule-schema.js';
import { wallTimeAt } from '../../src/time/zoned-time.js';

const weekly = (day: string, time: string, extra: object = {}) => scheduleSchema.parse({ weekly: { day, time }, ...extra });

describe('schedules across daylight-saving changes', () => {
  it('America/New_York: Thursdays at 1 pm stay at 1 pm local when EDT becomes EST', () => {
    const runs = nextRuns(weekly('thursday', '13:00'), 'America/New_York', Date.UTC(2026, 9, 20), 4);
    expect(runs.map((r) => new Date(r.at).toISOString())).toEqual([
      '2026-10-22T17:00:00.000Z', // EDT, UTC-4
      '2026-10-29T17:00:00.000Z',
      '2026-11-05T18:00:00.000Z', // EST, UTC-5 after 1 November
      '2026-11-12T18:00:00.000Z',
    ]);
    for (const run of runs) expect(wallTimeAt(run.at, 'America/New_York')).toMatchObject({ hour: 13, minute: 0, weekday: 4 });
  });

  it('America/New_York in spring: 1 pm on both sides of 8 March', () => {
    const runs = nextRuns(weekly('sunday', '13:00'), 'America/New_York', Date.UTC(2026, 2, 1, 12), 2);
    expect(runs.map((r) => new Date(r.at).toISOString())).toEqual(['2026-03-01T18:00:00.000Z', '2026-03-08T17:00:00.000Z']);
  });

  it('Europe/Berlin: 19:00 stays 19:00 when CEST becomes CET on 25 October', () => {
    const runs = nextRuns(weekly('thursday', '19:00'), 'Europe/Berlin', Date.UTC(2026, 9, 15), 3);
    expect(runs.map((r) => new Date(r.at).toISOString())).toEqual([
      '2026-10-15T17:00:00.000Z',
      '2026-10-22T17:00:00.000Z',
      '2026-10-29T18:00:00.000Z',
    ]);
  });

  it('skips listed dates, adds one-off dates, and reads cron rules', () => {
    const schedule = weekly('thursday', '13:00', { skip: ['2026-12-24'], once: ['2026-12-30 10:00'] });
    const runs = nextRuns(schedule, 'America/New_York', Date.UTC(2026, 11, 15), 3);
    expect(runs.map((r) => `${r.localDate}/${r.source}`)).toEqual(['2026-12-17/rule', '2026-12-30/once', '2026-12-31/rule']);
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
});
