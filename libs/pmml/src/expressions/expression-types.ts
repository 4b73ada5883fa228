import type { Evaluator } from '../fields/eval-context';
import type { ArithmeticForm } from './arithmetic-code';
import type { DataType, OpType, Value } from '../values/value';

export interface CompiledExpression {
  readonly evaluate: Evaluator;
  /** The data type of the result when the expression fixes it. */
  readonly dataType?: DataType;
  readonly opType?: OpType;
  /** Set for a plain FieldRef: lets callers alias the field instead of copying it. */
  readonly fieldSlot?: number;
  /** Set for a Constant: its value (null for a missing one), for compile-time use by Apply. */
  readonly constant?: { readonly value: Value };
  /** Set for arithmetic on doubles over fields and constants (see arithmetic-code.ts). */
  readonly arithmetic?: ArithmeticForm;
}

export const EXPRESSION_ELEMENTS: ReadonlySet<string> = new Set([
  'Constant',
  'FieldRef',
  'NormContinuous',
  'NormDiscrete',
  'Discretize',
  'MapValues',
  'TextIndex',
  'Apply',
  'Aggregate',
  'Lag',
]);
