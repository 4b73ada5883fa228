import type { CronFieldName } from './cron-errors';

/** Marker that Quartz keeps in a value set for `*` (next to the values themselves). */
export const ALL_SPEC = 99;
/** Marker for `?`: the day-of-month or day-of-week field that is not specified. */
export const NO_SPEC = 98;

/** Quartz gives up searching beyond this year. */
export const LAST_SEARCHED_YEAR = 2999;

/** A parsed Quartz cron expression: Quartz's value sets and flags, immutable. */
export interface QuartzCronExpression {
  /** The expression as given. */
  readonly source: string;
  /** Ascending values; a set may hold the ALL_SPEC or NO_SPEC marker like Quartz's TreeSets. */
  readonly seconds: readonly number[];
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly daysOfMonth: readonly number[];
  /** 1 = January. */
  readonly months: readonly number[];
  /** 1 = Sunday … 7 = Saturday. */
  readonly daysOfWeek: readonly number[];
  readonly years: readonly number[];
  /** `L` in day-of-month, also `L-n`, `LW`. */
  readonly lastDayOfMonth: boolean;
  /** The `n` of `L-n`. */
  readonly lastDayOffset: number;
  /** `W` in day-of-month. */
  readonly nearestWeekday: boolean;
  /** `nL` in day-of-week. */
  readonly lastDayOfWeek: boolean;
  /** The `k` of `n#k`, 0 when absent. */
  readonly nthDayOfWeek: number;
  /** Years after this one never fire (Quartz: the current year + 100). */
  readonly maxYear: number;
}

// Field indexes, in the order of the expression.
export const SECOND = 0;
export const MINUTE = 1;
export const HOUR = 2;
export const DAY_OF_MONTH = 3;
export const MONTH = 4;
export const DAY_OF_WEEK = 5;
export const YEAR = 6;

export const FIELD_NAMES: readonly CronFieldName[] = [
  'second',
  'minute',
  'hour',
  'day-of-month',
  'month',
  'day-of-week',
  'year',
];
