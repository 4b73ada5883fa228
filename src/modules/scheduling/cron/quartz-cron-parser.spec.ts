import { CronSyntaxError, type CronFieldName } from './cron-errors';
import { ALL_SPEC, NO_SPEC } from './quartz-cron-expression';
import { parseQuartzCron } from './quartz-cron-parser';

const NOW = new Date('2026-11-23T00:00:00Z');
const parse = (expression: string) => parseQuartzCron(expression, { now: NOW });
const range = (from: number, to: number, step = 1): number[] =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

function syntaxError(expression: string): CronSyntaxError {
  try {
    parse(expression);
  } catch (error) {
    if (error instanceof CronSyntaxError) return error;
    throw error;
  }
  throw new Error(`"${expression}" was accepted`);
}

describe('parseQuartzCron', () => {
  describe('rejects what Quartz rejects, naming the field and the problem', () => {
    it.each<[string, CronFieldName | undefined, string]>([
      ['0 0 12 * *', undefined, 'Expected 6 or 7 fields'],
      ['', undefined, 'found 0'],
      ['0 0 12 * * MON', undefined, "exactly one of them must be '?' (both give days)"],
      ['0 0 12 * * *', undefined, "exactly one of them must be '?'"],
      ['0 0 12 L * 6L', undefined, "exactly one of them must be '?'"],
      ['0 0 12 ? * ?', 'day-of-week', "'?' cannot be used for both"],
      ['? 0 12 * * ?', 'second', "'?' is only allowed in day-of-month and day-of-week"],
      ['0 0 12 * * ?/2', 'day-of-week', "unexpected '/' after '?'"],
      ['0 0 24 * * ?', 'hour', 'values must be between 0 and 23'],
      ['0 60 * * * ?', 'minute', 'values must be between 0 and 59'],
      ['0 0 0 0 * ?', 'day-of-month', 'values must be between 1 and 31'],
      ['0 0 0 1 0 ?', 'month', 'months must be between 1 and 12'],
      ['0 0 0 ? * 0', 'day-of-week', 'between 1 and 7 (1 = SUN, 7 = SAT)'],
      ['0 0 0 ? * 8L', 'day-of-week', 'between 1 and 7'],
      ['0 0 12 ? FOO *', 'month', "'FOO' is not a month"],
      ['0 0 12 ? * Funday', 'day-of-week', "'FUN' is not a day of the week"],
      ['0 0 12 ? * SUN-7', 'day-of-week', 'a range that starts with a name must end with one'],
      ['0 0 12 ? * 1-MON', 'day-of-week', 'a range that starts with a number must end with one'],
      ['0 0 12 * * ? 2026-', 'year', "a range needs an end after '-'"],
      ['0 0 MON * * ?', 'hour', 'names are only allowed in month and day-of-week'],
      ['0 x * * * ?', 'minute', "unexpected 'X'"],
      ['0 */60 * * * ?', 'minute', 'the step 60 is too large (at most 59)'],
      ['0 0 */24 * * ?', 'hour', 'at most 23'],
      ['0 0 0 */32 * ?', 'day-of-month', 'at most 31'],
      ['0 0 0 ? 1/13 *', 'month', 'at most 12'],
      ['0 5/ * * * ?', 'minute', "'/' must be followed by a number"],
      ['0 */ * * * ?', 'minute', "'/' must be followed by a number"],
      ['0 0 12 L-31 * ?', 'day-of-month', "the n of 'L-n' must be at most 30"],
      ['0 0 12 L- * ?', 'day-of-month', "'L-' must be followed by a number"],
      ['0 0 12 LL * ?', 'day-of-month', "unexpected 'LL'"],
      ['0 0 0 L,15 * ?', 'day-of-month', "'L' and 'LW' cannot be combined"],
      ['0 0 0 ? * 6L,2', 'day-of-week', "'L' cannot be combined"],
      ['0 0 12 ? * MON#5#1', 'day-of-week', "only one '#' is allowed"],
      ['0 0 0 ? * 6#6', 'day-of-week', "'#' must be followed by a number from 1 to 5"],
      ['0 0 12 ? * 2#2L', 'day-of-week', "'#' must be followed by a number from 1 to 5"],
      ['0 0 12 1#2 * ?', 'day-of-month', "'#' is only allowed in day-of-week"],
      ['0 0 12 ? * 3W', 'day-of-week', "'W' is only allowed in day-of-month"],
      ['0 0 0 32W * ?', 'day-of-month', "'W' needs a day of the month from 1 to 31"],
      ['0 0 12 5L * ?', 'day-of-month', "'L' after a number is only allowed in day-of-week"],
      ['0 0 12 ? * #2', 'day-of-week', "unexpected character '#'"],
      ['0 0 12 * * ? 2030-2025', 'year', 'a year range must not end before it starts'],
      ['0 0 12 * * ? 2200/5', 'year', 'a year range must not end before it starts'],
    ])('%j', (expression, field, problem) => {
      const error = syntaxError(expression);
      expect(error.field).toBe(field);
      expect(error.message).toContain(problem);
    });

    it('quotes the field as the user wrote it', () => {
      expect(syntaxError('0 0 12 ? foo *').message).toBe(
        `Month "foo": 'FOO' is not a month (JAN-DEC or 1-12).`,
      );
      expect(syntaxError('0 0 12 * * MON').message).toBe(
        `Day-of-month "*" and day-of-week "MON": exactly one of them must be '?' (both give days).`,
      );
    });
  });

  it('reads 6 fields with every year from 1970 to the current year + 100', () => {
    const expression = parse('0 0/15 8-18 ? * MON-FRI');
    expect(expression.seconds).toEqual([0]);
    expect(expression.minutes).toEqual([0, 15, 30, 45]);
    expect(expression.hours).toEqual(range(8, 18));
    expect(expression.daysOfMonth).toEqual([NO_SPEC]);
    expect(expression.months).toEqual([...range(1, 12), ALL_SPEC]);
    expect(expression.daysOfWeek).toEqual(range(2, 6));
    // 99, Quartz's marker for '*', sorts before the years as in its TreeSet.
    expect(expression.years).toEqual([ALL_SPEC, ...range(1970, 2126)]);
  });

  it('splits fields on spaces and tabs, ignores blanks around and anything after the 7th', () => {
    const expression = parse(' \t0\t30  9 ? * 2 2027 ignored ');
    expect(expression.minutes).toEqual([30]);
    expect(expression.years).toEqual([2027]);
  });

  it('reads names case-insensitively by their first three letters', () => {
    const expression = parse('0 0 12 ? jan,Jul,DECEMBER sun,Wednesday');
    expect(expression.months).toEqual([1, 7, 12]);
    expect(expression.daysOfWeek).toEqual([1, 4]);
  });

  it('wraps ranges whose end is before their start', () => {
    expect(parse('50-5 * 22-2 * * ?').seconds).toEqual([0, 1, 2, 3, 4, 5, ...range(50, 59)]);
    expect(parse('50-5 * 22-2 * * ?').hours).toEqual([0, 1, 2, 22, 23]);
    expect(parse('0 0 12 28-2 * ?').daysOfMonth).toEqual([1, 2, 28, 29, 30, 31]);
    expect(parse('0 0 12 ? NOV-FEB FRI-MON').months).toEqual([1, 2, 11, 12]);
    expect(parse('0 0 12 ? NOV-FEB FRI-MON').daysOfWeek).toEqual([1, 2, 6, 7]);
    expect(parse('0 50-10/5 * * * ?').minutes).toEqual([0, 5, 10, 50, 55]);
  });

  it('runs a/n to the field maximum and */n from the field minimum', () => {
    expect(parse('0 0 12 5/10 * ?').daysOfMonth).toEqual([5, 15, 25]);
    expect(parse('0 0 12 ? * 2/3').daysOfWeek).toEqual([2, 5]);
    expect(parse('0 0 12 1 */5 ?').months).toEqual([1, 6, 11]);
    expect(parse('/20 * * * * ?').seconds).toEqual([0, 20, 40]);
    expect(parse('0 0 12 1 1 ? 2026/50').years).toEqual([2026, 2076, 2126]);
  });

  it('records L, L-n, W, LW and L-nW of the day of the month', () => {
    expect(parse('0 0 12 L * ?')).toMatchObject({ lastDayOfMonth: true, lastDayOffset: 0 });
    expect(parse('0 0 12 L-3 * ?')).toMatchObject({ lastDayOfMonth: true, lastDayOffset: 3 });
    expect(parse('0 0 12 lw * ?')).toMatchObject({ lastDayOfMonth: true, nearestWeekday: true });
    expect(parse('0 0 12 L-2W * ?')).toMatchObject({
      lastDayOfMonth: true,
      lastDayOffset: 2,
      nearestWeekday: true,
    });
    expect(parse('0 0 12 15W * ?')).toMatchObject({ nearestWeekday: true, daysOfMonth: [15] });
  });

  it('records nL and n#k of the day of the week', () => {
    expect(parse('0 0 12 ? * 6L')).toMatchObject({ lastDayOfWeek: true, daysOfWeek: [6] });
    expect(parse('0 0 12 ? * friL')).toMatchObject({ lastDayOfWeek: true, daysOfWeek: [6] });
    expect(parse('0 0 12 ? * 2#3')).toMatchObject({ nthDayOfWeek: 3, daysOfWeek: [2] });
    expect(parse('0 0 12 ? * MON#5')).toMatchObject({ nthDayOfWeek: 5, daysOfWeek: [2] });
  });

  it('accepts the odd input that Quartz accepts, reading it as Quartz does', () => {
    expect(parse('0 0 12 ? * L').daysOfWeek).toEqual([7]);
    expect(parse('0 0 12 ? * L-2').daysOfWeek).toEqual([7]);
    expect(parse('1.5 * * * * ?').seconds).toEqual([1]);
    expect(parse('*/0 * * * * ?').seconds).toEqual([...range(0, 59), ALL_SPEC]);
    expect(parse('0 0 12 1-5/0 * ?').daysOfMonth).toEqual([1]);
    expect(parse('0 0 0-23/25 * * ?').hours).toEqual([0]);
    expect(parse('0 0 12 1-5W * ?').daysOfMonth).toEqual(range(1, 5));
    expect(parse('0 0 12 15W,20 * ?').daysOfMonth).toEqual([15, 20]);
    expect(parse('0 0 12 ? * MON-FRI/2').daysOfWeek).toEqual(range(2, 6));
    expect(parse('0 0 12 ? * 2#1,4')).toMatchObject({ nthDayOfWeek: 1, daysOfWeek: [2, 4] });
    expect(parse('0 0 1,,2 * * ?').hours).toEqual([1, 2]);
    expect(parse('0 0 12 ?5 * MON').daysOfMonth).toEqual([NO_SPEC]);
    expect(parse('0 0 12 * * ? 2026,').years).toEqual([2026]);
    expect(parse('0 0 12 * * ? L').years).toEqual([]);
  });

  it('takes the maximum year from the clock, as Quartz does', () => {
    const years = parseQuartzCron('0 0 12 1 1 ?', { now: new Date('2030-06-01T00:00:00Z') }).years;
    expect(years[years.length - 1]).toBe(2130);
  });
});
