import nodeCron from 'node-cron';
import { z } from 'zod';
import { isTimeZone, TIME_ZONE_HINT } from '../time/formatter-cache.js';

const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

/** "24h", "90m", "1h30m" → ms. */
export function parseDuration(text: string): number {
  const match = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/.exec(text.trim());
  if (!match || text.trim() === '') return Number.NaN;
  const [, d = '0', h = '0', m = '0'] = match;
  return ((Number(d) * 24 + Number(h)) * 60 + Number(m)) * 60_000;
}

const duration = z
  .string()
  .refine(
    (text) => Number.isFinite(parseDuration(text)) && parseDuration(text) > 0,
    'a duration like "24h", "1h", "10m" or "1h30m"',
  )
  .transform(parseDuration);

const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}$/, 'a local date and time like "2026-12-31 10:00"');
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like "2026-12-24"');

/** When a chat runs: a weekly slot or a cron rule in a timezone, plus one-off and skipped dates. */
export const scheduleSchema = z
  .object({
    weekly: z
      .object({
        day: z.enum(DAYS, { message: `a weekday: ${DAYS.join(', ')}` }),
        time: z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'a time like "13:00"'),
      })
      .strict()
      .optional(),
    cron: z.string().superRefine(checkCronRule).optional(),
    timezone: z.string().refine(isTimeZone, TIME_ZONE_HINT).optional().describe("defaults to the script's timezone"),
    once: z.array(localDateTime).default([]),
    skip: z.array(localDate).default([]),
    reminders: z
      .array(duration)
      .default([24 * 3_600_000, 3_600_000, 600_000])
      .describe('[] turns them off'),
    missedStartTolerance: duration.default(15 * 60_000),
    channels: z.record(z.string(), z.string().min(1)).default({}).describe('channel id per platform name'),
  })
  .strict()
  .refine((s) => !(s.weekly && s.cron), { message: 'give either "weekly" or "cron", not both' });

const CRON_FORM = 'a cron rule "minute hour day-of-month month day-of-week", e.g. "0 13 * * 4"';

/**
 * node-cron parses and validates the rule; the planning walk is ours (next-runs.ts), on wall-clock time.
 * A sixth, seconds field is refused rather than honoured: a chat starts on the minute and plans one run
 * per start with its reminders, so "every 20 seconds" can only be a mistake (it used to pass and then run
 * once a minute).
 */
function checkCronRule(rule: string, context: z.core.$RefinementCtx<string>): void {
  const fields = rule.trim().split(/\s+/);
  if (fields.length === 6 && nodeCron.validate(rule)) {
    context.addIssue({
      code: 'custom',
      message:
        `a chat starts on the minute, so a cron rule has 5 fields, without seconds: ` +
        `"${fields.slice(1).join(' ')}"`,
    });
  } else if (fields.length !== 5 || !nodeCron.validate(rule)) {
    const impossible = nodeCron.validateDetailed(rule).errors?.find((e) => /impossible/i.test(e.message));
    context.addIssue({ code: 'custom', message: impossible ? `never runs: ${impossible.message}` : CRON_FORM });
  }
}

/** A validated schedule. */
export type ChatSchedule = z.infer<typeof scheduleSchema>;

/** The cron rule a schedule runs on, if any ("weekly" becomes one). */
export function cronRuleOf(schedule: ChatSchedule): string | undefined {
  if (schedule.cron) return schedule.cron;
  if (!schedule.weekly) return undefined;
  const [hour, minute] = schedule.weekly.time.split(':').map(Number);
  return `${minute} ${hour} * * ${DAYS.indexOf(schedule.weekly.day)}`;
}
