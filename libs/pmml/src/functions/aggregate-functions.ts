import type { Value } from '../values/value';
import { toNumber } from './argument-conversions';
import { commonKind, toKind, type NumericKind } from './numeric-types';
import { pmmlFunction, type PmmlFunction } from './pmml-function';

/** Folds the present numbers into one; `count` is how many there were. */
interface Statistic {
  start(): void;
  add(value: number): void;
  result(count: number): number;
}

// The statistics follow Apache Commons Math (JPMML's): NaN is skipped by min and max unless
// nothing else is there, and the mean is updated incrementally.
function extreme(better: (candidate: number, current: number) => boolean): () => Statistic {
  return () => {
    let current = NaN;
    return {
      start: () => (current = NaN),
      add: (value) => {
        if (better(value, current) || Number.isNaN(current)) current = value;
      },
      result: () => current,
    };
  };
}

function running(initial: number, step: (total: number, value: number) => number) {
  return (): Statistic => {
    let total = initial;
    return {
      start: () => (total = initial),
      add: (value) => (total = step(total, value)),
      result: () => total,
    };
  };
}

function mean(): Statistic {
  let average = 0;
  let count = 0;
  return {
    start: () => {
      average = 0;
      count = 0;
    },
    add: (value) => {
      count++;
      average += (value - average) / count;
    },
    result: () => average,
  };
}

function median(): Statistic {
  const values: number[] = [];
  return {
    start: () => (values.length = 0),
    add: (value) => values.push(value),
    result: (count) => {
      values.sort((a, b) => a - b);
      const middle = count >> 1;
      return count % 2 === 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    },
  };
}

/**
 * An aggregate over its arguments: missing ones are ignored, and all missing gives missing.
 * The result has the arguments' common number kind, except avg and median of integers.
 */
function aggregate(
  name: string,
  createStatistic: () => Statistic,
  integerResult: 'integer' | 'double',
): PmmlFunction {
  const statistic = createStatistic();
  const compute =
    (round: (x: number) => number) =>
    (args: readonly Value[]): Value => {
      statistic.start();
      let count = 0;
      for (const arg of args) {
        if (arg === null) continue;
        statistic.add(toNumber(arg, name));
        count++;
      }
      return count === 0 ? null : round(statistic.result(count));
    };
  return pmmlFunction(name, [1, Infinity], compute(toKind('double')), false, (args) => {
    const common = commonKind(args);
    const kind: NumericKind = common === 'integer' ? integerResult : common;
    return { apply: compute(toKind(kind)), dataType: kind };
  });
}

export const AGGREGATE_FUNCTIONS: readonly PmmlFunction[] = [
  aggregate(
    'min',
    extreme((candidate, current) => candidate < current),
    'integer',
  ),
  aggregate(
    'max',
    extreme((candidate, current) => candidate > current),
    'integer',
  ),
  aggregate(
    'sum',
    running(0, (total, value) => total + value),
    'integer',
  ),
  aggregate(
    'product',
    running(1, (total, value) => total * value),
    'integer',
  ),
  aggregate('avg', mean, 'double'),
  aggregate('median', median, 'double'),
];
