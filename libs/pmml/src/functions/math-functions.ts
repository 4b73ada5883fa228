import { evaluationError } from '../errors';
import { toNumber } from './argument-conversions';
import {
  binaryDoubleFunction,
  doubleFunction,
  kindPreservingFunction,
  typedFunction,
} from './function-builders';
import type { PmmlFunction } from './pmml-function';

// floor, ceil and round give integers; NaN and infinities have none, so they are invalid.
function integerFunction(name: string, operation: (x: number) => number): PmmlFunction {
  return typedFunction(name, 1, 'integer', (args) => {
    const result = operation(toNumber(args[0], name));
    if (!Number.isFinite(result)) {
      throw evaluationError(`Function "${name}": ${result} has no integer value.`);
    }
    return result + 0; // no negative zero: JPMML's result is a Java int
  });
}

/** Round half to even (Java's Math.rint). */
export function rint(x: number): number {
  const rounded = Math.round(x);
  return rounded - x === 0.5 && rounded % 2 !== 0 ? rounded - 1 : rounded;
}

function integerPower([base, exponent]: readonly number[]): number {
  if (exponent < 0) {
    throw evaluationError(`Function "pow": the integer exponent ${exponent} is negative.`);
  }
  return Math.pow(base, exponent);
}

// x - floor(x / y) * y: the result has the sign of the divisor (modulo(-10, 3) = 2).
function modulo([x, y]: readonly number[]): number {
  if (y === 0) throw evaluationError('Function "modulo": division by zero.');
  return x - Math.floor(x / y) * y;
}

function integerModulo([x, y]: readonly number[]): number {
  if (y === 0) throw evaluationError('Function "modulo": division by zero.');
  return (((x % y) + y) % y) + 0;
}

/**
 * The mathematical functions of PMML 4.4. floor, ceil and round give integers (round takes
 * halves up, as Java's Math.round); rint rounds halves to even; abs, pow, threshold, rint and
 * modulo keep their arguments' number kind; the rest give doubles.
 */
export const MATH_FUNCTIONS: readonly PmmlFunction[] = [
  doubleFunction('log10', Math.log10),
  doubleFunction('ln', Math.log),
  doubleFunction('sqrt', Math.sqrt),
  doubleFunction('exp', Math.exp),
  doubleFunction('expm1', Math.expm1),
  doubleFunction('ln1p', Math.log1p),
  kindPreservingFunction('abs', 1, ([x]) => Math.abs(x)),
  kindPreservingFunction('pow', 2, ([base, exponent]) => Math.pow(base, exponent), integerPower),
  kindPreservingFunction('threshold', 2, ([x, y]) => (x > y ? 1 : 0)),
  kindPreservingFunction('rint', 1, ([x]) => rint(x)),
  kindPreservingFunction('modulo', 2, modulo, integerModulo),
  integerFunction('floor', Math.floor),
  integerFunction('ceil', Math.ceil),
  integerFunction('round', Math.round),
  binaryDoubleFunction('hypot', Math.hypot),
  doubleFunction('sin', Math.sin),
  doubleFunction('cos', Math.cos),
  doubleFunction('tan', Math.tan),
  doubleFunction('asin', Math.asin),
  doubleFunction('acos', Math.acos),
  doubleFunction('atan', Math.atan),
  doubleFunction('sinh', Math.sinh),
  doubleFunction('cosh', Math.cosh),
  doubleFunction('tanh', Math.tanh),
  // JPMML's extension: atan2(y, x), the angle of the point (x, y).
  binaryDoubleFunction('x-atan2', Math.atan2),
];
