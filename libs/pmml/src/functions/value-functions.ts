import type { Value } from '../values/value';
import { valuesEqual } from './argument-conversions';
import { typedFunction } from './function-builders';
import type { PmmlFunction } from './pmml-function';

// Invalid input values have already been replaced per the MiningField's treatment; what is
// left to be invalid here is a NaN, as in JPMML.
function isValid(value: Value): boolean {
  return value !== null && !(typeof value === 'number' && Number.isNaN(value));
}

// isIn(x, ...) with a missing x asks whether the list holds a missing value (as JPMML does).
function isIn(args: readonly Value[]): boolean {
  const [value] = args;
  for (let index = 1; index < args.length; index++) {
    const candidate = args[index];
    if (value === null ? candidate === null : valuesEqual(value, candidate)) return true;
  }
  return false;
}

/** Functions that test a value: missing, valid, one of a list. They accept missing values. */
export const VALUE_FUNCTIONS: readonly PmmlFunction[] = [
  typedFunction('isMissing', 1, 'boolean', (args) => args[0] === null, false),
  typedFunction('isNotMissing', 1, 'boolean', (args) => args[0] !== null, false),
  typedFunction('isValid', 1, 'boolean', (args) => isValid(args[0]), false),
  typedFunction('isNotValid', 1, 'boolean', (args) => args[0] !== null && !isValid(args[0]), false),
  typedFunction('isIn', [2, Infinity], 'boolean', isIn, false),
  typedFunction('isNotIn', [2, Infinity], 'boolean', (args) => !isIn(args), false),
];
