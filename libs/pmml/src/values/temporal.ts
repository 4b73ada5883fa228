// Temporal values are numbers: dates count days since 1970-01-01, times count seconds since
// midnight, dateTimes count seconds since 1970-01-01T00:00:00. The typed "since" variants count
// from their own epoch. Time zones are ignored, as the PMML spec has no notion of them.

const SECONDS_PER_DAY = 86_400;
const DATE_PATTERN = /^(-?\d{4,})-(\d{2})-(\d{2})/;
const TIME_PATTERN = /^(\d{2}):(\d{2}):(\d{2}(?:\.\d+)?)/;

// Proleptic Gregorian day count (Howard Hinnant's days_from_civil), valid for any year.
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Days since 1970-01-01 of `yyyy-mm-dd` (anything after the date is ignored), or undefined. */
export function parseDateDays(text: string): number | undefined {
  const match = DATE_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return daysFromCivil(year, month, day);
}

/** Seconds since midnight of `hh:mm:ss[.fff]`, or undefined. */
export function parseTimeSeconds(text: string): number | undefined {
  const match = TIME_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const [hours, minutes, seconds] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (hours > 24 || minutes > 59 || seconds >= 61) return undefined;
  return hours * 3600 + minutes * 60 + seconds;
}

/** Seconds since 1970-01-01T00:00:00 of `yyyy-mm-ddThh:mm:ss`, or undefined. */
export function parseDateTimeSeconds(text: string): number | undefined {
  const trimmed = text.trim();
  const separator = trimmed.search(/[T ]/);
  const days = parseDateDays(separator < 0 ? trimmed : trimmed.slice(0, separator));
  if (days === undefined) return undefined;
  if (separator < 0) return days * SECONDS_PER_DAY;
  const seconds = parseTimeSeconds(trimmed.slice(separator + 1));
  return seconds === undefined ? undefined : days * SECONDS_PER_DAY + seconds;
}

/** The year a "since" data type counts from (`dateDaysSince[1960]` → 1960); 1970 for the others. */
export function epochYearOf(dataType: string): number {
  const match = /\[(\d+)\]$/.exec(dataType);
  return match ? Number(match[1]) : 1970;
}

export function epochDays(year: number): number {
  return daysFromCivil(year, 1, 1);
}

export function epochSeconds(year: number): number {
  return epochDays(year) * SECONDS_PER_DAY;
}

export { SECONDS_PER_DAY };
