import { lengthOfMonth } from './civil-calendar';
import { LenientCalendar } from './lenient-calendar';
import { LAST_SEARCHED_YEAR, NO_SPEC, type QuartzCronExpression } from './quartz-cron-expression';
import { ZoneRules } from './zone-rules';

// A port of CronExpression.getTimeAfter (Quartz 2.3.2). It jumps field by field (second, minute,
// hour, day, month, year), restarting from the top whenever a field moves, on a lenient calendar
// in the job's time zone; see LenientCalendar for where the DST behaviour comes from.

const SUNDAY = 1;
const SATURDAY = 7;

// A search normally settles within a few hundred rounds even when it walks a century; Quartz
// loops forever on a few expressions (L-30W and friends in February), which we end instead.
const MAX_ROUNDS = 100_000;

/**
 * The first fire time strictly after `after`, or undefined when there is none (the year field is
 * exhausted, 30 February, …). Throws UnknownTimeZoneError for a zone the runtime does not know.
 */
export function nextFireTime(
  expression: QuartzCronExpression,
  timeZone: string,
  after: Date,
): Date | undefined {
  const instant = fireTimeAfter(expression, ZoneRules.of(timeZone), after.getTime());
  return instant === undefined ? undefined : new Date(instant);
}

/** Up to `count` consecutive fire times after `after`; fewer when the schedule runs out. */
export function nextFireTimes(
  expression: QuartzCronExpression,
  timeZone: string,
  after: Date,
  count: number,
): Date[] {
  const zone = ZoneRules.of(timeZone);
  const fireTimes: Date[] = [];
  let instant: number | undefined = after.getTime();
  while (fireTimes.length < count) {
    instant = fireTimeAfter(expression, zone, instant);
    if (instant === undefined) break;
    fireTimes.push(new Date(instant));
  }
  return fireTimes;
}

function fireTimeAfter(
  e: QuartzCronExpression,
  zone: ZoneRules,
  after: number,
): number | undefined {
  if (Number.isNaN(after)) throw new RangeError('The time to search after is not a valid date.');
  // Quartz fails on an empty set (a field of only 'L' outside the day fields); it never fires.
  const dayOfMonthGiven = !e.daysOfMonth.includes(NO_SPEC);
  const sets = [e.seconds, e.minutes, e.hours, e.months, e.years];
  if (!dayOfMonthGiven) sets.push(e.daysOfWeek);
  if (sets.some((set) => set.length === 0)) return undefined;

  // Fire times are whole seconds: start at the second after `after`, milliseconds dropped.
  const afterTime = after + 1000;
  const cl = new LenientCalendar(zone, afterTime);
  cl.setMillisecond(0);
  const searchStart = cl.getInstant();

  const visited = new Set<number>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (cl.getYear() > LAST_SEARCHED_YEAR) return undefined;
    // The round is a function of the calendar alone: coming back to a moment means a cycle.
    const moment = cl.getInstant();
    if (visited.has(moment)) return undefined;
    visited.add(moment);

    // Second.
    let sec = cl.getSecond();
    let min = cl.getMinute();
    let next = ceiling(e.seconds, sec);
    if (next !== undefined) {
      sec = next;
    } else {
      sec = e.seconds[0];
      min++;
      cl.setMinute(min);
    }
    cl.setSecond(sec);

    // Minute.
    min = cl.getMinute();
    let hr = cl.getHour();
    let t = -1;
    next = ceiling(e.minutes, min);
    if (next !== undefined) {
      t = min;
      min = next;
    } else {
      min = e.minutes[0];
      hr++;
    }
    if (min !== t) {
      cl.setSecond(0);
      cl.setMinute(min);
      setCalendarHour(cl, hr);
      continue;
    }
    cl.setMinute(min);

    // Hour.
    hr = cl.getHour();
    let day = cl.getDayOfMonth();
    t = -1;
    next = ceiling(e.hours, hr);
    if (next !== undefined) {
      t = hr;
      hr = next;
    } else {
      hr = e.hours[0];
      day++;
    }
    if (hr !== t) {
      cl.setSecond(0);
      cl.setMinute(0);
      cl.setDayOfMonth(day);
      setCalendarHour(cl, hr);
      continue;
    }
    cl.setHour(hr);

    // Day.
    day = cl.getDayOfMonth();
    let mon = cl.getMonth();
    t = -1;
    let tmon = mon;
    if (dayOfMonthGiven) {
      const firstDay = e.daysOfMonth[0];
      if (e.lastDayOfMonth) {
        t = day;
        day = lengthOfMonth(mon, cl.getYear()) - e.lastDayOffset;
        if (!e.nearestWeekday) {
          if (t > day) {
            mon++;
            if (mon > 12) {
              mon = 1;
              tmon = 3333; // forces the jump below, the year having moved
              cl.addYears(1);
            }
            day = 1;
          }
        } else {
          day = nearestWeekday(zone, cl.getYear(), mon, day);
          if (isBeforeSearchStart(zone, cl.getYear(), mon, day, hr, min, sec, searchStart)) {
            day = 1;
            mon++;
          }
        }
      } else if (e.nearestWeekday) {
        t = day;
        day = nearestWeekday(zone, cl.getYear(), mon, firstDay);
        if (isBeforeSearchStart(zone, cl.getYear(), mon, day, hr, min, sec, searchStart)) {
          day = firstDay;
          mon++;
        }
      } else {
        next = ceiling(e.daysOfMonth, day);
        if (next !== undefined) {
          t = day;
          day = next;
          // Do not run over a short month such as February.
          if (day > lengthOfMonth(mon, cl.getYear())) {
            day = firstDay;
            mon++;
          }
        } else {
          day = firstDay;
          mon++;
        }
      }
      if (day !== t || mon !== tmon) {
        startOfDay(cl, day, mon);
        continue;
      }
    } else {
      const cDow = cl.getDayOfWeek();
      const lastDay = lengthOfMonth(mon, cl.getYear());
      if (e.lastDayOfWeek) {
        // The last given weekday of the month.
        const dow = e.daysOfWeek[0];
        let daysToAdd = daysUntil(cDow, dow);
        if (day + daysToAdd > lastDay) {
          startOfDay(cl, 1, mon + 1);
          continue;
        }
        while (day + daysToAdd + 7 <= lastDay) daysToAdd += 7;
        day += daysToAdd;
        if (daysToAdd > 0) {
          startOfDay(cl, day, mon);
          continue;
        }
      } else if (e.nthDayOfWeek !== 0) {
        // The nth given weekday of the month.
        const dow = e.daysOfWeek[0];
        let daysToAdd = daysUntil(cDow, dow);
        const dayShifted = daysToAdd > 0;
        day += daysToAdd;
        let weekOfMonth = Math.trunc(day / 7);
        if (day % 7 > 0) weekOfMonth++;
        daysToAdd = (e.nthDayOfWeek - weekOfMonth) * 7;
        day += daysToAdd;
        if (daysToAdd < 0 || day > lastDay) {
          startOfDay(cl, 1, mon + 1);
          continue;
        } else if (daysToAdd > 0 || dayShifted) {
          startOfDay(cl, day, mon);
          continue;
        }
      } else {
        const dow = ceiling(e.daysOfWeek, cDow) ?? e.daysOfWeek[0];
        const daysToAdd = daysUntil(cDow, dow);
        if (day + daysToAdd > lastDay) {
          startOfDay(cl, 1, mon + 1);
          continue;
        } else if (daysToAdd > 0) {
          startOfDay(cl, day + daysToAdd, mon);
          continue;
        }
      }
    }
    cl.setDayOfMonth(day);

    // Month.
    mon = cl.getMonth();
    let year = cl.getYear();
    t = -1;
    if (year > e.maxYear) return undefined;
    next = ceiling(e.months, mon);
    if (next !== undefined) {
      t = mon;
      mon = next;
    } else {
      mon = e.months[0];
      year++;
    }
    if (mon !== t) {
      startOfDay(cl, 1, mon);
      cl.setYear(year);
      continue;
    }
    cl.setMonth(mon);

    // Year.
    year = cl.getYear();
    next = ceiling(e.years, year);
    if (next === undefined) return undefined;
    if (next !== year) {
      startOfDay(cl, 1, 1);
      cl.setYear(next);
      continue;
    }
    cl.setYear(year);

    return cl.getInstant();
  }
  return undefined;
}

/** The smallest value of an ascending set at or above `value` (TreeSet.tailSet(value).first()). */
function ceiling(set: readonly number[], value: number): number | undefined {
  let low = 0;
  let high = set.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (set[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low < set.length ? set[low] : undefined;
}

/** Days from weekday `from` forward to weekday `to` (0 to 6). */
function daysUntil(from: number, to: number): number {
  if (from < to) return to - from;
  if (from > to) return to + (7 - from);
  return 0;
}

function startOfDay(cl: LenientCalendar, day: number, month: number): void {
  cl.setSecond(0);
  cl.setMinute(0);
  cl.setHour(0);
  cl.setDayOfMonth(day);
  cl.setMonth(month);
}

// setCalendarHour: an hour that a DST gap skips comes back as the next hour.
function setCalendarHour(cl: LenientCalendar, hour: number): void {
  cl.setHour(hour);
  if (cl.getHour() !== hour && hour !== 24) cl.setHour(hour + 1);
}

// The weekday nearest to `day` without leaving the month, as Quartz computes it: on a lenient
// calendar, so a day past the end of the month (31W in April) is read in the next month.
function nearestWeekday(zone: ZoneRules, year: number, month: number, day: number): number {
  const probe = new LenientCalendar(zone);
  startOfDay(probe, day, month);
  probe.setYear(year);
  const dow = probe.getDayOfWeek();
  const lastDay = lengthOfMonth(month, year);
  if (dow === SATURDAY && day === 1) return day + 2;
  if (dow === SATURDAY) return day - 1;
  if (dow === SUNDAY && day === lastDay) return day - 2;
  if (dow === SUNDAY) return day + 1;
  return day;
}

// Quartz compares with the unrounded `after + 1 s` using a calendar that carries the
// milliseconds of the wall clock at the time of the call, so for a candidate in the very second
// the search starts from its answer depends on the clock. The search start is what it means.
function isBeforeSearchStart(
  zone: ZoneRules,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  searchStart: number,
): boolean {
  const probe = new LenientCalendar(zone);
  startOfDay(probe, day, month);
  probe.setYear(year);
  probe.setHour(hour);
  probe.setMinute(minute);
  probe.setSecond(second);
  return probe.getInstant() < searchStart;
}
