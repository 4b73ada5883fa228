import { evaluationError } from '../errors';
import { epochDays, SECONDS_PER_DAY } from '../values/temporal';
import type { DataType, Value } from '../values/value';
import { toNumber } from './argument-conversions';
import { pmmlFunction, type ArgumentInfo, type PmmlFunction } from './pmml-function';
import { instantOf, type Instant } from './temporal-arguments';

function referenceYear(value: Value, name: string): number {
  const year = toNumber(value, name);
  if (!Number.isInteger(year)) {
    throw evaluationError(`Function "${name}": the reference year ${year} is not an integer.`);
  }
  return year;
}

function dateOf(instant: Instant, name: string): number {
  if (instant.days === undefined) {
    throw evaluationError(`Function "${name}" expects a date or dateTime, got a time.`);
  }
  return instant.days;
}

function timeOf(instant: Instant, name: string): number {
  if (instant.seconds === undefined) {
    throw evaluationError(`Function "${name}" expects a time or dateTime, got a date.`);
  }
  return Math.floor(instant.seconds);
}

/** A date function: reads its first argument with the call site's argument type. */
function temporalFunction(
  name: string,
  arity: number,
  operation: (instant: Instant, args: readonly Value[]) => number,
): PmmlFunction {
  const compute =
    (inputType: DataType | undefined) =>
    (args: readonly Value[]): Value =>
      operation(instantOf(args[0], inputType, name), args);
  return pmmlFunction(name, arity, compute(undefined), true, (args: readonly ArgumentInfo[]) => ({
    apply: compute(args[0].dataType),
    dataType: 'integer',
  }));
}

/**
 * dateDaysSinceYear(date, year), dateSecondsSinceYear(dateTime, year) and
 * dateSecondsSinceMidnight(time): whole days or seconds, as JPMML counts them (a dateTime's
 * time is dropped for days; a date counts from its midnight for seconds).
 */
export const DATE_FUNCTIONS: readonly PmmlFunction[] = [
  temporalFunction('dateDaysSinceYear', 2, (instant, args) => {
    const year = referenceYear(args[1], 'dateDaysSinceYear');
    return dateOf(instant, 'dateDaysSinceYear') - epochDays(year);
  }),
  temporalFunction('dateSecondsSinceYear', 2, (instant, args) => {
    const year = referenceYear(args[1], 'dateSecondsSinceYear');
    const days = dateOf(instant, 'dateSecondsSinceYear') - epochDays(year);
    return days * SECONDS_PER_DAY + Math.floor(instant.seconds ?? 0);
  }),
  temporalFunction('dateSecondsSinceMidnight', 1, (instant) =>
    timeOf(instant, 'dateSecondsSinceMidnight'),
  ),
];
