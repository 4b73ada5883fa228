import { PatternError } from './java-number-format';
import { civilFromDays, type Instant } from './temporal-arguments';
import { daysFromCivil } from '../values/temporal';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

type Piece = string | ((instant: Instant) => string);

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

function dateParts(instant: Instant, conversion: string) {
  if (instant.days === undefined) {
    throw new PatternError(`%${conversion} needs a date, but the value is a time.`);
  }
  const days = instant.days;
  const civil = civilFromDays(days);
  return {
    ...civil,
    dayOfYear: days - daysFromCivil(civil.year, 1, 1) + 1,
    weekday: (((days + 3) % 7) + 7) % 7, // 1970-01-01 was a Thursday (index 3 from Monday)
  };
}

function timeParts(instant: Instant, conversion: string) {
  if (instant.seconds === undefined) {
    throw new PatternError(`%${conversion} needs a time, but the value is a date.`);
  }
  const whole = Math.floor(instant.seconds);
  return {
    hour: Math.floor(whole / 3600),
    minute: Math.floor(whole / 60) % 60,
    second: whole % 60,
    nanos: Math.round((instant.seconds - whole) * 1e9),
  };
}

// Java's %t conversions (java.util.Formatter) for a date and time without a zone.
const CONVERSIONS: Readonly<Record<string, (instant: Instant) => string>> = {
  Y: (i) => pad(dateParts(i, 'Y').year, 4),
  y: (i) => pad(((dateParts(i, 'y').year % 100) + 100) % 100, 2),
  C: (i) => pad(Math.floor(dateParts(i, 'C').year / 100), 2),
  m: (i) => pad(dateParts(i, 'm').month, 2),
  d: (i) => pad(dateParts(i, 'd').day, 2),
  e: (i) => String(dateParts(i, 'e').day),
  j: (i) => pad(dateParts(i, 'j').dayOfYear, 3),
  B: (i) => MONTHS[dateParts(i, 'B').month - 1],
  b: (i) => MONTHS[dateParts(i, 'b').month - 1].slice(0, 3),
  h: (i) => MONTHS[dateParts(i, 'h').month - 1].slice(0, 3),
  A: (i) => WEEKDAYS[dateParts(i, 'A').weekday],
  a: (i) => WEEKDAYS[dateParts(i, 'a').weekday].slice(0, 3),
  D: (i) => `${CONVERSIONS.m(i)}/${CONVERSIONS.d(i)}/${CONVERSIONS.y(i)}`,
  F: (i) => `${CONVERSIONS.Y(i)}-${CONVERSIONS.m(i)}-${CONVERSIONS.d(i)}`,
  H: (i) => pad(timeParts(i, 'H').hour, 2),
  I: (i) => pad(((timeParts(i, 'I').hour + 11) % 12) + 1, 2),
  k: (i) => String(timeParts(i, 'k').hour),
  l: (i) => String(((timeParts(i, 'l').hour + 11) % 12) + 1),
  M: (i) => pad(timeParts(i, 'M').minute, 2),
  S: (i) => pad(timeParts(i, 'S').second, 2),
  L: (i) => pad(Math.floor(timeParts(i, 'L').nanos / 1e6), 3),
  N: (i) => pad(timeParts(i, 'N').nanos, 9),
  p: (i) => (timeParts(i, 'p').hour < 12 ? 'am' : 'pm'),
  R: (i) => `${CONVERSIONS.H(i)}:${CONVERSIONS.M(i)}`,
  T: (i) => `${CONVERSIONS.H(i)}:${CONVERSIONS.M(i)}:${CONVERSIONS.S(i)}`,
  r: (i) =>
    `${CONVERSIONS.I(i)}:${CONVERSIONS.M(i)}:${CONVERSIONS.S(i)} ${CONVERSIONS.p(i).toUpperCase()}`,
};

/**
 * A formatDatetime pattern compiled once. The spec gives strftime-like patterns ("%m/%d/%y");
 * JPMML turns every "%X" into Java's "%1$tX" and formats with java.util.Formatter, so the
 * conversions are Java's (%e is the day without padding, %p is "am"/"pm"). Zones (%z, %Z,
 * %s, %Q, %c) do not apply to PMML's zone-less values and are refused.
 */
export class DatetimePattern {
  private constructor(private readonly pieces: readonly Piece[]) {}

  static compile(pattern: string): DatetimePattern {
    const pieces: Piece[] = [];
    let text = '';
    for (let index = 0; index < pattern.length; index++) {
      const char = pattern[index];
      if (char !== '%') {
        text += char;
        continue;
      }
      const next = pattern[index + 1];
      if (next === undefined) throw new PatternError('the pattern ends with "%".');
      // JPMML leaves "%%" alone but still rewrites a following "%X" as "%1$tX" after the
      // second "%"; Java then prints "%" and the rewritten text literally.
      if (next === '%') {
        const after = pattern[index + 2];
        text += after !== undefined && after !== '%' ? '%1$t' : '%';
        index++;
        continue;
      }
      const conversion = CONVERSIONS[next];
      if (!conversion) throw new PatternError(`the conversion "%${next}" is not supported.`, true);
      if (text !== '') pieces.push(text);
      text = '';
      pieces.push(conversion);
      index++;
    }
    if (text !== '') pieces.push(text);
    return new DatetimePattern(pieces);
  }

  format(instant: Instant): string {
    let result = '';
    for (const piece of this.pieces) result += typeof piece === 'string' ? piece : piece(instant);
    return result;
  }
}
