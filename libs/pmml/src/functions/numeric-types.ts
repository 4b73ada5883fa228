import type { DataType } from '../values/value';
import type { ArgumentInfo } from './pmml-function';

/**
 * The number type a call computes in. JPMML keeps integers, floats and doubles apart: two
 * integers give an integer (so "/" truncates), a float with an integer or float gives a
 * float, anything else a double. An argument of unknown type counts as a double.
 */
export type NumericKind = 'integer' | 'float' | 'double';

export function numericKind(dataType: DataType | undefined): NumericKind {
  return dataType === 'integer' || dataType === 'float' ? dataType : 'double';
}

/** The kind two or more numeric arguments share (JPMML's common data type). */
export function commonKind(args: readonly ArgumentInfo[]): NumericKind {
  let kind: NumericKind | undefined;
  for (const arg of args) {
    const next = numericKind(arg.dataType);
    if (kind === undefined || kind === next) kind = next;
    else if (kind === 'double' || next === 'double') kind = 'double';
    else kind = 'float';
  }
  return kind ?? 'double';
}

/** Rounds a result computed in doubles to the kind's precision. */
export function toKind(kind: NumericKind): (value: number) => number {
  return kind === 'float' ? Math.fround : identity;
}

function identity(value: number): number {
  return value;
}
