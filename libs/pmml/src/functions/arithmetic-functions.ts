import { evaluationError } from '../errors';
import { compareValues, toBoolean, valuesEqual } from './argument-conversions';
import { kindPreservingFunction, typedFunction } from './function-builders';
import type { PmmlFunction } from './pmml-function';

function comparison(name: string, test: (order: number) => boolean): PmmlFunction {
  return typedFunction(name, 2, 'boolean', (args) => test(compareValues(args[0], args[1])));
}

// `and`/`or` follow three-valued logic: a missing argument makes the result missing unless
// another argument already decides it.
function logical(name: string, decisive: boolean): PmmlFunction {
  return typedFunction(
    name,
    [2, Infinity],
    'boolean',
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

function divisor(value: number, name: string): number {
  if (value === 0) throw evaluationError(`Function "${name}": division by zero.`);
  return value;
}

/**
 * Arithmetic, comparison and logical functions of the PMML 4.4 built-in set. Arithmetic keeps
 * JPMML's number kinds: two integers divide with truncation (7 / 2 = 3), floats round to
 * float precision. Dividing by zero is an invalid result (Apply's invalidValueTreatment).
 */
export const ARITHMETIC_FUNCTIONS: readonly PmmlFunction[] = [
  kindPreservingFunction('+', 2, ([a, b]) => a + b),
  kindPreservingFunction('-', 2, ([a, b]) => a - b),
  kindPreservingFunction('*', 2, ([a, b]) => a * b),
  kindPreservingFunction(
    '/',
    2,
    ([a, b]) => a / divisor(b, '/'),
    ([a, b]) => Math.trunc(a / divisor(b, '/')) + 0,
  ),
  comparison('lessThan', (order) => order < 0),
  comparison('lessOrEqual', (order) => order <= 0),
  comparison('greaterThan', (order) => order > 0),
  comparison('greaterOrEqual', (order) => order >= 0),
  typedFunction('equal', 2, 'boolean', (args) => valuesEqual(args[0], args[1])),
  typedFunction('notEqual', 2, 'boolean', (args) => !valuesEqual(args[0], args[1])),
  logical('and', false),
  logical('or', true),
  typedFunction('not', 1, 'boolean', (args) => !toBoolean(args[0], 'not')),
];
