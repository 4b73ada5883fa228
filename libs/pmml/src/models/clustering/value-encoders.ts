import type { Value } from '../../values/value';
import { parseNumberText } from '../../xml/xml-element';

/**
 * Turns a compared field's values into the numbers a measure works on, so records and
 * references are compared as flat Float64Arrays. A missing value becomes NaN.
 */
export interface ValueEncoder {
  /** Whether values are compared as numbers (else as category codes). */
  readonly numeric: boolean;
  /** Compile time: the code of a reference value (a cluster centre coordinate, a training cell). */
  reference(value: Value): number;
  /** Scoring: the code of an input value. */
  encode(value: Value): number;
}

function toNumber(value: Value): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === null) return NaN;
  return parseNumberText(value) ?? NaN;
}

export const NUMERIC_ENCODER: ValueEncoder = {
  numeric: true,
  reference: toNumber,
  encode: toNumber,
};

/** The code an input category gets when no reference has it: equal to none of them. */
const UNKNOWN_CATEGORY = -1;

/**
 * delta and equal over non-numeric values: each distinct reference value gets a code; an input
 * value no reference has is unequal to all of them.
 */
export function learnedCategoryEncoder(): ValueEncoder {
  const codes = new Map<Value, number>();
  return {
    numeric: false,
    reference(value) {
      if (value === null) return NaN;
      let code = codes.get(value);
      if (code === undefined) {
        code = codes.size;
        codes.set(value, code);
      }
      return code;
    },
    encode: (value) => (value === null ? NaN : (codes.get(value) ?? UNKNOWN_CATEGORY)),
  };
}

/**
 * compareFunction="table": codes are the positions of the field's declared values, which index
 * the rows and columns of the Comparisons matrix. A value outside them cannot be looked up, so
 * it counts as missing.
 */
export function tableEncoder(categories: readonly Value[]): ValueEncoder {
  const codes = new Map<Value, number>(categories.map((category, index) => [category, index]));
  const encode = (value: Value): number => (value === null ? NaN : (codes.get(value) ?? NaN));
  return { numeric: false, reference: encode, encode };
}
