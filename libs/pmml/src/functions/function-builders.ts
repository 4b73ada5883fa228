import type { DataType, Value } from '../values/value';
import { toNumber } from './argument-conversions';
import { commonKind, toKind } from './numeric-types';
import { pmmlFunction, type ArgumentInfo, type PmmlFunction } from './pmml-function';

type Apply = (args: readonly Value[]) => Value;

/** A function whose result always has the same data type. */
export function typedFunction(
  name: string,
  arity: number | readonly [number, number],
  dataType: DataType,
  apply: Apply,
  propagatesMissing = true,
): PmmlFunction {
  return pmmlFunction(name, arity, apply, propagatesMissing, () => ({ apply, dataType }));
}

/** One number in, one double out (log10, exp, sin, ...). */
export function doubleFunction(name: string, operation: (x: number) => number): PmmlFunction {
  return typedFunction(name, 1, 'double', (args) => operation(toNumber(args[0], name)));
}

/** Two numbers in, one double out (hypot, atan2). */
export function binaryDoubleFunction(
  name: string,
  operation: (x: number, y: number) => number,
): PmmlFunction {
  return typedFunction(name, 2, 'double', (args) =>
    operation(toNumber(args[0], name), toNumber(args[1], name)),
  );
}

/**
 * Numbers in, a number of their common kind out: integers stay integers (with `integer`
 * semantics where they differ, like "/"), floats are rounded to float precision.
 */
export function kindPreservingFunction(
  name: string,
  arity: number,
  operation: (values: readonly number[]) => number,
  integerOperation: (values: readonly number[]) => number = operation,
): PmmlFunction {
  const numbers = new Array<number>(arity).fill(0);
  const compute =
    (op: (values: readonly number[]) => number, round: (x: number) => number) =>
    (args: readonly Value[]): Value => {
      for (let index = 0; index < arity; index++) numbers[index] = toNumber(args[index], name);
      return round(op(numbers));
    };
  const apply = compute(operation, (x) => x);
  return pmmlFunction(name, arity, apply, true, (args: readonly ArgumentInfo[]) => {
    const kind = commonKind(args);
    const op = kind === 'integer' ? integerOperation : operation;
    return { apply: compute(op, toKind(kind)), dataType: kind };
  });
}
