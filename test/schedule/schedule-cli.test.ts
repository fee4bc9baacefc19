import { describe, expect, it } from 'vitest';
import { runCliInProcess as cli } from '../support/run-cli.js';

const fixture = (name: string) => `test/schedule/fixtures/${name}.yaml`;

describe('emcee schedule and validate on rare and wrong schedules', () => {
  it('lists as many runs as asked for a 29 February rule, years apart', async () => {
    const result = await cli(['schedule', fixture('leap-day'), '--count', '4', '--from', '2026-01-01']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const runs = result.stdout.split('\n').filter((line) => /\dZ/.test(line));
    expect(runs.map((line) => /(\d{4}-\d\d-\d\dT\d\d:\d\d)Z/.exec(line)?.[1])).toEqual([
      '2028-02-29T18:00',
      '2032-02-29T18:00',
      '2036-02-29T18:00',
      '2040-02-29T18:00',
    ]);
    expect(runs[0]).toContain('Tue, Feb 29, 2028, 1:00 PM EST');
  });

  it('refuses a timezone that does not exist, with file, line and field, instead of crashing', async () => {
    const validate = await cli(['validate', fixture('mars-timezone')]);
    expect(validate.code).toBe(1);
    expect(validate.stderr).toContain(
      `${fixture('mars-timezone')}:9  schedule.timezone: an IANA timezone such as "America/New_York" or "Europe/Rome"`,
    );
    const schedule = await cli(['schedule', fixture('mars-timezone')]);
    expect(schedule.code).not.toBe(0);
    expect(schedule.stderr).toContain('schedule.timezone');
    expect(schedule.stderr).not.toContain('RangeError');
  });

  it('refuses a cron rule with a seconds field, saying what to write instead', async () => {
    const validate = await cli(['validate', fixture('seconds-cron')]);
    expect(validate.code).toBe(1);
    expect(validate.stderr).toContain(
      `${fixture('seconds-cron')}:8  schedule.cron: a chat starts on the minute, so a cron rule has 5 fields, ` +
        'without seconds: "* * * * *"',
    );
  });
});
