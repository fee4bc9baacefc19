import nodeCron from 'node-cron';
import { cronRuleOf, type ChatSchedule } from './schedule-schema.js';
import { instantOf, wallTimeAt } from '../time/zoned-time.js';

/** One planned start of a chat. */
export interface PlannedRun {
  /** The instant, epoch ms (stored in UTC). */
  at: number;
  /** Its local date, "YYYY-MM-DD", for skip rules and display. */
  localDate: string;
  /** Where it comes from. */
  source: 'rule' | 'once';
}

// The Gregorian calendar repeats every 400 years (weekdays and leap days included): a rule with no date
// in that span has none at all, and a rare one (29 February, or 29 February on a Monday) still has its dates.
const CALENDAR_CYCLE_MONTHS = 400 * 12;

/**
 * The next `count` starts strictly after `after`, computed on wall-clock time in the schedule's
 * timezone so a daylight-saving change keeps the chat at the same local time.
 */
export function nextRuns(schedule: ChatSchedule, timeZone: string, after: number, count: number): PlannedRun[] {
  const zone = schedule.timezone ?? timeZone;
  const skipped = new Set(schedule.skip);
  const runs: PlannedRun[] = [];
  const rule = cronRuleOf(schedule);
  if (rule) runs.push(...ruleRuns(rule, zone, after, count + skipped.size));
  for (const once of schedule.once) {
    const [date = '', time = '0:00'] = once.split(' ');
    const [year, month, day] = date.split('-').map(Number);
    const [hour, minute] = time.split(':').map(Number);
    const at = instantOf({ year: year!, month: month!, day: day!, hour: hour!, minute: minute! }, zone);
    if (at > after) runs.push({ at, localDate: date, source: 'once' });
  }
  const seen = new Set<number>();
  return runs
    .filter((run) => !skipped.has(run.localDate) && !seen.has(run.at) && seen.add(run.at))
    .sort((a, b) => a.at - b.at)
    .slice(0, count);
}

function ruleRuns(rule: string, zone: string, after: number, count: number): PlannedRun[] {
  const fields = nodeCron.parse(rule);
  const months = new Set(fields.month.map(Number));
  const monthDays = new Set(fields.dayOfMonth.map(Number));
  const weekDays = new Set(fields.dayOfWeek.map((d) => Number(d) % 7));
  // Cron's rule: when both day fields are restricted, a day matching either one counts.
  const bothRestricted = monthDays.size < 31 && weekDays.size < 7;
  const hours = [...fields.hour].map(Number).sort((a, b) => a - b);
  const minutes = [...fields.minute].map(Number).sort((a, b) => a - b);
  const runs: PlannedRun[] = [];
  const start = wallTimeAt(after, zone);
  // Walk local calendar months, then their days; months the rule leaves out cost one check each.
  for (let m = 0; m < CALENDAR_CYCLE_MONTHS && runs.length < count; m++) {
    const year = start.year + Math.floor((start.month - 1 + m) / 12);
    const month = ((start.month - 1 + m) % 12) + 1;
    if (!months.has(month)) continue;
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    for (let day = m === 0 ? start.day : 1; day <= days && runs.length < count; day++) {
      const dom = monthDays.has(day);
      const dow = weekDays.has(new Date(Date.UTC(year, month - 1, day)).getUTCDay());
      if (!(bothRestricted ? dom || dow : dom && dow)) continue;
      for (const hour of hours) {
        for (const minute of minutes) {
          const at = instantOf({ year, month, day, hour, minute }, zone);
          // A gap time moved forward can land on a time the rule also names: one run.
          if (at > after && runs.length < count && !runs.some((run) => run.at === at)) {
            runs.push({ at, localDate: `${year}-${pad(month)}-${pad(day)}`, source: 'rule' });
          }
        }
      }
    }
  }
  return runs;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
