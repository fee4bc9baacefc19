import nodeCron from 'node-cron';
import { cronRuleOf, type ChatSchedule } from './schedule-schema.js';
import { instantOf, wallTimeAt, type WallTime } from '../time/zoned-time.js';

/** One planned start of a chat. */
export interface PlannedRun {
  /** The instant, epoch ms (stored in UTC). */
  at: number;
  /** Its local date, "YYYY-MM-DD", for skip rules and display. */
  localDate: string;
  /** Where it comes from. */
  source: 'rule' | 'once';
}

const DAY = 86_400_000;

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
  // Walk local calendar days (noon UTC of each date avoids landing on the wrong day near midnight).
  const firstDay = Date.UTC(start.year, start.month - 1, start.day, 12);
  for (let i = 0; i < 800 && runs.length < count; i++) {
    const date = new Date(firstDay + i * DAY);
    const wall: Omit<WallTime, 'hour' | 'minute'> = {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
    };
    const dom = monthDays.has(wall.day);
    const dow = weekDays.has(date.getUTCDay());
    if (!months.has(wall.month) || !(bothRestricted ? dom || dow : dom && dow)) continue;
    for (const hour of hours) {
      for (const minute of minutes) {
        const at = instantOf({ ...wall, hour, minute }, zone);
        if (at > after && runs.length < count) {
          runs.push({ at, localDate: `${wall.year}-${pad(wall.month)}-${pad(wall.day)}`, source: 'rule' });
        }
      }
    }
  }
  return runs;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
