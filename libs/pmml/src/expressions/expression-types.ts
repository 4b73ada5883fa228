import type { Evaluator } from '../fields/eval-context';
import type { DataType, OpType } from '../values/value';

export interface CompiledExpression {
  readonly evaluate: Evaluator;
  /** The data type of the result when the expression fixes it. */
  readonly dataType?: DataType;
  readonly opType?: OpType;
  /** Set for a plain FieldRef: lets callers alias the field instead of copying it. */
  readonly fieldSlot?: number;
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
