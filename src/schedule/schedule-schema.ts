import nodeCron from 'node-cron';
import { z } from 'zod';

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
  .refine((text) => Number.isFinite(parseDuration(text)) && parseDuration(text) > 0, 'a duration like "24h", "1h", "10m" or "1h30m"')
  .transform(parseDuration);

const localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}$/, 'a local date and time like "2026-12-31 10:00"');
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
    cron: z
      .string()
      .refine((rule) => nodeCron.validate(rule), 'a cron rule "minute hour day-of-month month day-of-week", e.g. "0 13 * * 4"')
      .optional(),
    timezone: z.string().optional().describe("defaults to the script's timezone"),
    once: z.array(localDateTime).default([]),
    skip: z.array(localDate).default([]),
    reminders: z.array(duration).default([24 * 3_600_000, 3_600_000, 600_000]).describe('[] turns them off'),
    missedStartTolerance: duration.default(15 * 60_000),
    channels: z.record(z.string(), z.string().min(1)).default({}).describe('channel id per platform name'),
  })
  .strict()
  .refine((s) => !(s.weekly && s.cron), { message: 'give either "weekly" or "cron", not both' });

/** A validated schedule. */
export type ChatSchedule = z.infer<typeof scheduleSchema>;

/** The cron rule a schedule runs on, if any ("weekly" becomes one). */
export function cronRuleOf(schedule: ChatSchedule): string | undefined {
  if (schedule.cron) return schedule.cron;
  if (!schedule.weekly) return undefined;
  const [hour, minute] = schedule.weekly.time.split(':').map(Number);
  return `${minute} ${hour} * * ${DAYS.indexOf(schedule.weekly.day)}`;
}
