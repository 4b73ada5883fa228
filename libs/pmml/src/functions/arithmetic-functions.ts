import { evaluationError } from '../errors';
import type { Value } from '../values/value';
import { compareValues, toBoolean, toNumber, valuesEqual } from './argument-conversions';
import { pmmlFunction, type PmmlFunction } from './pmml-function';

function binaryNumeric(name: string, operation: (a: number, b: number) => number): PmmlFunction {
  return pmmlFunction(name, 2, (args) =>
    operation(toNumber(args[0], name), toNumber(args[1], name)),
  );
}

function comparison(name: string, test: (order: number) => boolean): PmmlFunction {
  return pmmlFunction(name, 2, (args) => test(compareValues(args[0], args[1])));
}

function isMissingValue(value: Value): boolean {
  return value === null;
}

// `and`/`or` follow three-valued logic as JPMML does: a missing argument makes the result
// missing unless another argument already decides it.
function logical(name: string, decisive: boolean): PmmlFunction {
  return pmmlFunction(
    name,
    [2, Infinity],
    (args) => {
      let sawMissing = false;
      for (const arg of args) {
        if (arg === null) sawMissing = true;
        else if (toBoolean(arg, name) === decisive) return decisive;
      }
      return sawMissing ? null : !decisive;
    },
    false,
  );
}

/** Arithmetic, comparison and logical functions of the PMML 4.4 built-in set. */
export const ARITHMETIC_FUNCTIONS: readonly PmmlFunction[] = [
  binaryNumeric('+', (a, b) => a + b),
  binaryNumeric('-', (a, b) => a - b),
  binaryNumeric('*', (a, b) => a * b),
  pmmlFunction('/', 2, (args) => {
    const divisor = toNumber(args[1], '/');
    const dividend = toNumber(args[0], '/');
    if (divisor === 0) throw evaluationError('Function "/": division by zero.');
    return dividend / divisor;
  }),
  comparison('lessThan', (order) => order < 0),
  comparison('lessOrEqual', (order) => order <= 0),
  comparison('greaterThan', (order) => order > 0),
  comparison('greaterOrEqual', (order) => order >= 0),
  pmmlFunction('equal', 2, (args) => valuesEqual(args[0], args[1])),
  pmmlFunction('notEqual', 2, (args) => !valuesEqual(args[0], args[1])),
  logical('and', false),
  logical('or', true),
  pmmlFunction('not', 1, (args) => !toBoolean(args[0], 'not')),
  pmmlFunction('isMissing', 1, (args) => isMissingValue(args[0]), false),
  pmmlFunction('isNotMissing', 1, (args) => !isMissingValue(args[0]), false),
  pmmlFunction('isIn', [2, Infinity], (args) => args.slice(1).some((v) => valuesEqual(args[0], v))),
  pmmlFunction(
    'isNotIn',
    [2, Infinity],
    (args) => !args.slice(1).some((v) => valuesEqual(args[0], v)),
  ),
];
