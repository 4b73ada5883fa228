import { CronSyntaxError } from './cron-errors';
import {
  ALL_SPEC,
  DAY_OF_MONTH,
  DAY_OF_WEEK,
  FIELD_NAMES,
  HOUR,
  MINUTE,
  MONTH,
  NO_SPEC,
  SECOND,
  YEAR,
  type QuartzCronExpression,
} from './quartz-cron-expression';
import {
  checkIncrement,
  FieldProblem,
  isDigit,
  javaTrim,
  parseDigit,
  parseJavaInt,
  parseNth,
  readNumber,
} from './quartz-value-readers';
import { QuartzValueSets, rangeProblem } from './quartz-value-sets';

// A port of the parser of org.quartz.CronExpression 2.3.2 (buildExpression, storeExpressionVals,
// checkNext, addToSet). It accepts exactly what Quartz accepts, odd input included ("1.5",
// "MONDAY", "1-5W", "2#1,4", a year "L", see /work/shared/quartz-cron/README.md), and builds the
// same value sets, so that the fire-time search can follow Quartz step by step. The messages
// are ours: Quartz's are often raw Java exception texts.

export interface ParseQuartzCronOptions {
  /** Quartz's MAX_YEAR is the current year + 100; pass a clock to pin it (tests). */
  now?: Date;
}

// prettier-ignore
const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/**
 * Parses a Quartz 2.3 cron expression: `second minute hour day-of-month month day-of-week
 * [year]`. Throws CronSyntaxError for everything Quartz's CronExpression constructor rejects.
 *
 * @example parseQuartzCron('0 0/15 8-18 ? * MON-FRI')
 */
export function parseQuartzCron(
  expression: string,
  options: ParseQuartzCronOptions = {},
): QuartzCronExpression {
  const maxYear = (options.now ?? new Date()).getFullYear() + 100;
  return new QuartzCronParser(maxYear).parse(expression);
}

class QuartzCronParser {
  private readonly sets: QuartzValueSets;
  private lastDayOfWeek = false;
  private nthDayOfWeek = 0;
  private lastDayOfMonth = false;
  private nearestWeekday = false;
  private lastDayOffset = 0;

  constructor(private readonly maxYear: number) {
    this.sets = new QuartzValueSets(maxYear);
  }

  parse(source: string): QuartzCronExpression {
    // Quartz upper-cases the whole expression first; field by field is the same and lets the
    // messages quote what the user wrote.
    const fields = source
      .split(/[ \t]+/)
      .filter((text) => text.length > 0)
      .slice(0, FIELD_NAMES.length)
      .map(javaTrim);
    if (fields.length < 6) {
      throw new CronSyntaxError(
        `Expected 6 or 7 fields (second minute hour day-of-month month day-of-week [year]) but ` +
          `found ${fields.length} in "${source.trim()}".`,
      );
    }
    fields.forEach((text, type) => this.parseField(text, type));
    if (fields.length === 6) this.storeValue('*', YEAR);

    // Exactly one of the two day fields holds '?' (Quartz looks for the marker anywhere in it).
    const dayOfMonthGiven = !this.sets.has(NO_SPEC, DAY_OF_MONTH);
    const dayOfWeekGiven = !this.sets.has(NO_SPEC, DAY_OF_WEEK);
    if (dayOfMonthGiven === dayOfWeekGiven) {
      throw new CronSyntaxError(
        `Day-of-month "${fields[DAY_OF_MONTH]}" and day-of-week "${fields[DAY_OF_WEEK]}": ` +
          `exactly one of them must be '?' (${dayOfMonthGiven ? 'both give days' : "both are '?'"}).`,
      );
    }

    const sets = this.sets;
    return Object.freeze({
      source,
      seconds: sets.sorted(SECOND),
      minutes: sets.sorted(MINUTE),
      hours: sets.sorted(HOUR),
      daysOfMonth: sets.sorted(DAY_OF_MONTH),
      months: sets.sorted(MONTH),
      daysOfWeek: sets.sorted(DAY_OF_WEEK),
      years: sets.sorted(YEAR),
      lastDayOfMonth: this.lastDayOfMonth,
      lastDayOffset: this.lastDayOffset,
      nearestWeekday: this.nearestWeekday,
      lastDayOfWeek: this.lastDayOfWeek,
      nthDayOfWeek: this.nthDayOfWeek,
      maxYear: this.maxYear,
    });
  }

  private parseField(written: string, type: number): void {
    const text = written.toUpperCase();
    try {
      if (type === DAY_OF_MONTH && text.includes('L') && text.length > 1 && text.includes(',')) {
        throw new FieldProblem("'L' and 'LW' cannot be combined with other days in a list");
      }
      if (type === DAY_OF_WEEK && text.includes('L') && text.length > 1 && text.includes(',')) {
        throw new FieldProblem("'L' cannot be combined with other days in a list");
      }
      if (type === DAY_OF_WEEK && text.indexOf('#') !== text.lastIndexOf('#')) {
        throw new FieldProblem("only one '#' is allowed");
      }
      for (const value of text.split(',')) {
        if (value.length > 0) this.storeValue(value, type);
      }
    } catch (error) {
      if (!(error instanceof FieldProblem)) throw error;
      const name = FIELD_NAMES[type];
      throw new CronSyntaxError(
        `${name[0].toUpperCase()}${name.slice(1)} "${written}": ${error.message}.`,
        name,
      );
    }
  }

  // storeExpressionVals
  private storeValue(s: string, type: number): void {
    let i = 0;
    let c = s[i];
    if (c >= 'A' && c <= 'Z' && s !== 'L' && s !== 'LW' && !/^L-[0-9]*W?$/.test(s)) {
      this.storeName(s, type);
      return;
    }

    if (c === '?') {
      i++;
      if (i + 1 < s.length && s[i] !== ' ' && s[i + 1] !== '\t') {
        throw new FieldProblem(`unexpected '${s[i]}' after '?'`);
      }
      if (type !== DAY_OF_WEEK && type !== DAY_OF_MONTH) {
        throw new FieldProblem("'?' is only allowed in day-of-month and day-of-week");
      }
      if (type === DAY_OF_WEEK && !this.lastDayOfMonth) {
        const largest = this.sets.largest(DAY_OF_MONTH);
        if (largest === undefined) throw new FieldProblem('day-of-month has no values');
        if (largest === NO_SPEC) {
          throw new FieldProblem("'?' cannot be used for both day-of-month and day-of-week");
        }
      }
      this.sets.add(NO_SPEC, -1, 0, type);
      return;
    }

    if (c === '*' || c === '/') {
      if (c === '*' && i + 1 >= s.length) {
        this.sets.add(ALL_SPEC, -1, 0, type);
        return;
      }
      if (c === '/' && (i + 1 >= s.length || s[i + 1] === ' ' || s[i + 1] === '\t')) {
        throw new FieldProblem("'/' must be followed by a number");
      }
      if (c === '*') i++;
      c = s[i];
      let increment = 1;
      if (c === '/') {
        i++;
        if (i >= s.length) throw new FieldProblem("'/' must be followed by a number");
        // Quartz reads the rest of the value as the step.
        increment = parseJavaInt(s.substring(i), "'/' must be followed by a number");
        checkIncrement(increment, type);
      }
      this.sets.add(ALL_SPEC, -1, increment, type);
      return;
    }

    if (c === 'L') {
      i++;
      if (type === DAY_OF_MONTH) this.lastDayOfMonth = true;
      if (type === DAY_OF_WEEK) this.sets.add(7, 7, 0, type);
      if (type === DAY_OF_MONTH && s.length > i) {
        if (s[i] === '-') {
          const offset = readNumber(0, s, i + 1, "'L-' must be followed by a number");
          if (offset.value > 30) {
            throw new FieldProblem("the n of 'L-n' must be at most 30");
          }
          this.lastDayOffset = offset.value;
          i = offset.pos;
        }
        if (s.length > i && s[i] === 'W') this.nearestWeekday = true;
      }
      return;
    }

    if (c >= '0' && c <= '9') {
      let value = Number(c);
      i++;
      if (i >= s.length) {
        this.sets.add(value, -1, -1, type);
        return;
      }
      if (isDigit(s[i])) {
        const read = readNumber(value, s, i, 'number too large');
        value = read.value;
        i = read.pos;
      }
      this.checkNext(i, s, value, type);
      return;
    }

    throw new FieldProblem(`unexpected character '${c}'`);
  }

  // The name branch of storeExpressionVals: only the first three letters of a name count.
  private storeName(s: string, type: number): void {
    const badName = (name: string): FieldProblem =>
      new FieldProblem(
        type === MONTH
          ? `'${name}' is not a month (JAN-DEC or 1-12)`
          : type === DAY_OF_WEEK
            ? `'${name}' is not a day of the week (SUN-SAT or 1-7)`
            : `unexpected '${name}' (names are only allowed in month and day-of-week)`,
      );
    const nameAt = (start: number): string => {
      if (start + 3 > s.length) throw badName(s.substring(start));
      return s.substring(start, start + 3);
    };
    const rangeEndAt = (start: number): string => {
      if (isDigit(s[start])) {
        throw new FieldProblem("a range that starts with a name must end with one ('MON-FRI')");
      }
      return nameAt(start);
    };

    let i = 0;
    let name = nameAt(i);
    let start: number;
    let end = -1;
    if (type === MONTH) {
      start = MONTH_NAMES.indexOf(name) + 1;
      if (start <= 0) throw badName(name);
      if (s.length > i + 3 && s[i + 3] === '-') {
        i += 4;
        name = rangeEndAt(i);
        end = MONTH_NAMES.indexOf(name) + 1;
        if (end <= 0) throw badName(name);
      }
    } else if (type === DAY_OF_WEEK) {
      start = DAY_NAMES.indexOf(name) + 1;
      if (start <= 0) throw badName(name);
      if (s.length > i + 3) {
        const next = s[i + 3];
        if (next === '-') {
          i += 4;
          name = rangeEndAt(i);
          end = DAY_NAMES.indexOf(name) + 1;
          if (end <= 0) throw badName(name);
        } else if (next === '#') {
          this.nthDayOfWeek = parseNth(s.substring(i + 4));
        } else if (next === 'L') {
          this.lastDayOfWeek = true;
        }
      }
    } else {
      throw badName(name);
    }
    // A step after a name range ("MON-FRI/2") is ignored, as in Quartz.
    this.sets.add(start, end, end !== -1 ? 1 : 0, type);
  }

  private checkNext(pos: number, s: string, value: number, type: number): void {
    let i = pos;
    if (i >= s.length) {
      this.sets.add(value, -1, -1, type);
      return;
    }
    let c = s[pos];

    if (c === 'L') {
      if (type !== DAY_OF_WEEK) {
        throw new FieldProblem("'L' after a number is only allowed in day-of-week ('6L')");
      }
      if (value < 1 || value > 7) throw new FieldProblem(rangeProblem(type));
      this.lastDayOfWeek = true;
      this.sets.addUnchecked(value, type);
      return;
    }

    if (c === 'W') {
      if (type !== DAY_OF_MONTH) {
        throw new FieldProblem("'W' is only allowed in day-of-month ('15W')");
      }
      this.nearestWeekday = true;
      if (value > 31) throw new FieldProblem("'W' needs a day of the month from 1 to 31");
      this.sets.addUnchecked(value, type);
      return;
    }

    if (c === '#') {
      if (type !== DAY_OF_WEEK) {
        throw new FieldProblem("'#' is only allowed in day-of-week ('6#3')");
      }
      this.nthDayOfWeek = parseNth(s.substring(i + 1));
      this.sets.addUnchecked(value, type);
      return;
    }

    if (c === '-') {
      i++;
      const endText = s[i];
      if (endText === undefined) throw new FieldProblem("a range needs an end after '-'");
      let end = parseDigit(
        endText,
        "a range that starts with a number must end with one (names: 'MON-FRI')",
      );
      i++;
      if (i >= s.length) {
        this.sets.add(value, end, 1, type);
        return;
      }
      c = s[i];
      if (isDigit(c)) {
        const read = readNumber(end, s, i, 'number too large');
        end = read.value;
        i = read.pos;
      }
      if (i < s.length && s[i] === '/') {
        i++;
        const step = parseDigit(s[i], "'/' must be followed by a number");
        i++;
        if (i >= s.length) {
          this.sets.add(value, end, step, type);
          return;
        }
        c = s[i];
        if (isDigit(c)) {
          this.sets.add(value, end, readNumber(step, s, i, 'number too large').value, type);
          return;
        }
        this.sets.add(value, end, step, type);
        return;
      }
      this.sets.add(value, end, 1, type);
      return;
    }

    if (c === '/') {
      if (i + 1 >= s.length || s[i + 1] === ' ' || s[i + 1] === '\t') {
        throw new FieldProblem("'/' must be followed by a number");
      }
      i++;
      let step = parseDigit(s[i], "'/' must be followed by a number");
      i++;
      if (i < s.length) {
        c = s[i];
        if (!isDigit(c)) throw new FieldProblem(`unexpected '${c}' after '/'`);
        step = readNumber(step, s, i, 'number too large').value;
      }
      checkIncrement(step, type);
      this.sets.add(value, -1, step, type);
      return;
    }

    // Anything else after a number is ignored ("1.5" is 1).
    this.sets.add(value, -1, 0, type);
  }
}
