import { evaluationError } from '../errors';
import {
  epochDays,
  epochSeconds,
  epochYearOf,
  parseDateDays,
  parseDateTimeSeconds,
  parseTimeSeconds,
  SECONDS_PER_DAY,
} from '../values/temporal';
import type { DataType, Value } from '../values/value';

/**
 * A date, a time or both, read from a temporal value. Temporal values are numbers whose
 * meaning depends on the data type (days or seconds, counted from 1970 or the type's own
 * epoch), so the argument's data type from the call site is needed to read them.
 */
export interface Instant {
  /** Days since 1970-01-01, when the value has a date. */
  readonly days?: number;
  /** Seconds since midnight (with fractions), when the value has a time of day. */
  readonly seconds?: number;
}

function fromSeconds(totalSeconds: number): Instant {
  const days = Math.floor(totalSeconds / SECONDS_PER_DAY);
  return { days, seconds: totalSeconds - days * SECONDS_PER_DAY };
}

function fromText(text: string): Instant | undefined {
  const trimmed = text.trim();
  if (/^-?\d{4,}-\d{2}-\d{2}[T ]/.test(trimmed)) {
    const seconds = parseDateTimeSeconds(trimmed);
    return seconds === undefined ? undefined : fromSeconds(seconds);
  }
  const days = parseDateDays(trimmed);
  if (days !== undefined) return { days };
  const seconds = parseTimeSeconds(trimmed);
  return seconds === undefined ? undefined : { seconds };
}

/** Reads a temporal argument; an evaluation error if it is none. */
export function instantOf(value: Value, dataType: DataType | undefined, name: string): Instant {
  let instant: Instant | undefined;
  if (typeof value === 'string') instant = fromText(value);
  else if (typeof value === 'number' && dataType !== undefined) {
    const year = epochYearOf(dataType);
    if (dataType === 'date' || dataType.startsWith('dateDaysSince')) {
      instant = { days: Math.floor(value) + epochDays(year) };
    } else if (dataType === 'dateTime' || dataType.startsWith('dateTimeSecondsSince')) {
      instant = fromSeconds(value + epochSeconds(year));
    } else if (dataType === 'time' || dataType === 'timeSeconds') {
      instant = { seconds: value };
    }
  }
  if (instant === undefined) {
    throw evaluationError(
      `Function "${name}" expects a date, time or dateTime, got ${JSON.stringify(value)}.`,
    );
  }
  return instant;
}

/** Year, month (1-12) and day of a day count since 1970-01-01 (proleptic Gregorian). */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const shifted = days + 719468;
  const era = Math.floor(shifted / 146097);
  const dayOfEra = shifted - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}
