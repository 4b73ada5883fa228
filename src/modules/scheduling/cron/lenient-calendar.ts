import {
  civilFromDays,
  dayOfWeekOfDays,
  daysFromCivil,
  lengthOfMonth,
  MILLIS_PER_DAY,
} from './civil-calendar';
import type { ZoneRules } from './zone-rules';

/**
 * The part of java.util.GregorianCalendar (lenient, in a time zone) that Quartz's fire-time
 * search uses. Setting a field only records it; the next read turns all fields into an instant
 * (out-of-range values carry over, 32 January is 1 February) and the fields back from that
 * instant. That round trip is where Quartz's DST behaviour comes from: a wall time in a gap
 * comes back an hour later, one in an overlap comes back as the later (standard-time) instant.
 * Months are 1-based here, unlike Calendar.MONTH.
 */
export class LenientCalendar {
  private year = 1970;
  private month = 1;
  private day = 1;
  private hour = 0;
  private minute = 0;
  private second = 0;
  private millisecond = 0;
  private instant = 0;
  private days = 0;
  private instantIsCurrent = true;

  /** Without an instant the calendar starts at 1970-01-01 00:00 local time, fields to be set. */
  constructor(
    private readonly zone: ZoneRules,
    instant?: number,
  ) {
    if (instant === undefined) this.instantIsCurrent = false;
    else this.setInstant(instant);
  }

  setInstant(instant: number): void {
    this.instant = instant;
    const wall = this.zone.wallTimeAt(instant);
    this.days = Math.floor(wall / MILLIS_PER_DAY);
    ({ year: this.year, month: this.month, day: this.day } = civilFromDays(this.days));
    let rest = wall - this.days * MILLIS_PER_DAY;
    this.millisecond = rest % 1000;
    rest = (rest - this.millisecond) / 1000;
    this.second = rest % 60;
    rest = (rest - this.second) / 60;
    this.minute = rest % 60;
    this.hour = (rest - this.minute) / 60;
    this.instantIsCurrent = true;
  }

  getInstant(): number {
    this.complete();
    return this.instant;
  }

  getYear(): number {
    this.complete();
    return this.year;
  }

  getMonth(): number {
    this.complete();
    return this.month;
  }

  getDayOfMonth(): number {
    this.complete();
    return this.day;
  }

  /** 1 = Sunday … 7 = Saturday. */
  getDayOfWeek(): number {
    this.complete();
    return dayOfWeekOfDays(this.days);
  }

  getHour(): number {
    this.complete();
    return this.hour;
  }

  getMinute(): number {
    this.complete();
    return this.minute;
  }

  getSecond(): number {
    this.complete();
    return this.second;
  }

  setYear(year: number): void {
    this.year = year;
    this.instantIsCurrent = false;
  }

  setMonth(month: number): void {
    this.month = month;
    this.instantIsCurrent = false;
  }

  setDayOfMonth(day: number): void {
    this.day = day;
    this.instantIsCurrent = false;
  }

  setHour(hour: number): void {
    this.hour = hour;
    this.instantIsCurrent = false;
  }

  setMinute(minute: number): void {
    this.minute = minute;
    this.instantIsCurrent = false;
  }

  setSecond(second: number): void {
    this.second = second;
    this.instantIsCurrent = false;
  }

  setMillisecond(millisecond: number): void {
    this.millisecond = millisecond;
    this.instantIsCurrent = false;
  }

  /** Calendar.add(YEAR, years): normalises first, then keeps the day within the new month. */
  addYears(years: number): void {
    this.complete();
    this.year += years;
    this.day = Math.min(this.day, lengthOfMonth(this.month, this.year));
    this.instantIsCurrent = false;
  }

  private complete(): void {
    if (this.instantIsCurrent) return;
    // Linear in every field, so overflow in any of them carries over as Calendar's does.
    const monthIndex = this.month - 1;
    const yearCarry = Math.floor(monthIndex / 12);
    const days =
      daysFromCivil(this.year + yearCarry, monthIndex - yearCarry * 12 + 1, 1) + this.day - 1;
    const wall =
      days * MILLIS_PER_DAY +
      ((this.hour * 60 + this.minute) * 60 + this.second) * 1000 +
      this.millisecond;
    this.setInstant(this.zone.instantOfWallTime(wall));
  }
}
