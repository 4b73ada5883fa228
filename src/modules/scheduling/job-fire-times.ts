import { LRUCache } from 'lru-cache';
import type { SchedulingConfig } from '../../core/config/app-config';
import type { Job } from '../jobs/job';
import { nextFireTime, parseQuartzCron, ZoneRules } from './cron';

/** A schedule as the trigger sees it: the first fire time strictly after `after`, if any. */
export type FireTimeAfter = (after: Date) => Date | undefined;

// Jobs that share an expression and a zone share one schedule: at a busy second (10,000 jobs
// on `0 * * * * ?`) the next fire time is computed once for all of them, not 10,000 times.
// The cache only de-duplicates; the jobs hold their schedules, so evicting one costs nothing.
const SHARED_SCHEDULES = new LRUCache<string, FireTimeAfter>({ max: 10_000 });

function sharedPeriodicSchedule(cronExpression: string, timeZone: string): FireTimeAfter {
  const key = `${timeZone} ${cronExpression}`;
  const known = SHARED_SCHEDULES.get(key);
  if (known) return known;
  const expression = parseQuartzCron(cronExpression);
  ZoneRules.of(timeZone); // an unknown zone fails here, not at the first fire

  let lastAfter = NaN;
  let lastAnswer: Date | undefined;
  const schedule: FireTimeAfter = (after) => {
    if (after.getTime() !== lastAfter) {
      lastAnswer = nextFireTime(expression, timeZone, after);
      lastAfter = after.getTime();
    }
    return lastAnswer;
  };
  SHARED_SCHEDULES.set(key, schedule);
  return schedule;
}

/**
 * When a job fires: a periodic job at each Quartz fire time of its cron expression in its time
 * zone, a once job at scheduleAt. Throws for an expression or zone the calculator refuses
 * (CronSyntaxError, UnknownTimeZoneError); the Jobs API checks both before storing a job.
 */
export function fireTimesOf(job: Job): FireTimeAfter {
  const schedule = job.definition.jobSchedule;
  if (schedule.frequency === 'periodic') {
    return sharedPeriodicSchedule(schedule.cronExpression, schedule.timeZone);
  }
  const at = schedule.scheduleAt.getTime();
  return (after) => (at > after.getTime() ? new Date(at) : undefined);
}

/**
 * The last fire time in (since, until], or undefined when there is none. A binary search on the
 * instant to search after, so a long gap (a year of every-second fires) costs ~45 searches.
 */
export function latestFireTimeBetween(
  fireTimeAfter: FireTimeAfter,
  since: Date,
  until: Date,
): Date | undefined {
  const end = until.getTime();
  const firesBy = (after: number): boolean => {
    const fireTime = fireTimeAfter(new Date(after));
    return fireTime !== undefined && fireTime.getTime() <= end;
  };
  let low = since.getTime();
  if (low >= end || !firesBy(low)) return undefined;
  // Invariant: a fire in (low, until] exists, none in (high, until].
  let high = end;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (firesBy(middle)) low = middle;
    else high = middle;
  }
  return fireTimeAfter(new Date(low));
}

/** What becomes of fires nobody ran (every replica was down): run the latest once, or skip. */
export type MisfirePolicy = SchedulingConfig['misfirePolicy'];

/**
 * The fire a job missed while no replica ran, under the run-once policy: for a periodic job the
 * latest fire time after both its last execution's fire time and its last change (creation,
 * update, resume: a paused job missed nothing), up to `now`; for a once job, scheduleAt when it
 * has passed and the job never ran. Undefined when it missed nothing.
 */
export function missedFireTime(
  job: Job,
  fireTimeAfter: FireTimeAfter,
  lastFireTime: Date | undefined,
  now: Date,
): Date | undefined {
  const schedule = job.definition.jobSchedule;
  if (schedule.frequency === 'once') {
    const passed = schedule.scheduleAt.getTime() <= now.getTime();
    return passed && lastFireTime === undefined ? schedule.scheduleAt : undefined;
  }
  const since = Math.max(job.updatedAt.getTime(), lastFireTime?.getTime() ?? -Infinity);
  return latestFireTimeBetween(fireTimeAfter, new Date(since), now);
}
