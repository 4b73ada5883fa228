import { invalidPmml } from '../../errors';
import type { FieldScope } from '../../fields/field-scope';
import {
  PREDICATE_ELEMENTS,
  compilePredicate,
  simpleOperator,
  simplePredicateValue,
  type CompiledPredicate,
} from '../../predicates/compile-predicate';
import { isNumericDataType } from '../../values/value';
import type { XmlElement } from '../../xml/xml-element';
import type { FeatureRegistry } from './numeric-inputs';

/** How a node's predicate is evaluated: a constant, a comparison of a numeric input, or a closure. */
export const OP_TRUE = 0;
export const OP_FALSE = 1;
export const OP_LESS_OR_EQUAL = 2;
export const OP_LESS_THAN = 3;
export const OP_GREATER_OR_EQUAL = 4;
export const OP_GREATER_THAN = 5;
export const OP_EQUAL = 6;
export const OP_NOT_EQUAL = 7;
/** Any other predicate: `operand` indexes a compiled closure. */
export const OP_GENERAL = 8;
/** A surrogate CompoundPredicate: `operand` indexes its parts, so that using a fallback is counted. */
export const OP_SURROGATE = 9;

const COMPARISONS: Readonly<Record<string, number>> = {
  lessOrEqual: OP_LESS_OR_EQUAL,
  lessThan: OP_LESS_THAN,
  greaterOrEqual: OP_GREATER_OR_EQUAL,
  greaterThan: OP_GREATER_THAN,
  equal: OP_EQUAL,
  notEqual: OP_NOT_EQUAL,
};

/** The predicates of a tree's nodes, compiled into parallel arrays while the tree is read. */
export class NodePredicates {
  readonly ops: number[] = [];
  readonly operands: number[] = [];
  readonly thresholds: number[] = [];
  readonly closures: CompiledPredicate[] = [];
  readonly surrogates: CompiledPredicate[][] = [];

  constructor(
    private readonly scope: FieldScope,
    private readonly features: FeatureRegistry,
  ) {}

  /** Compiles the predicate of the next node (nodes are read in depth-first order). */
  add(predicate: XmlElement): void {
    switch (predicate.name) {
      case 'True':
        return this.push(OP_TRUE, 0, 0);
      case 'False':
        return this.push(OP_FALSE, 0, 0);
      case 'SimplePredicate':
        return this.addSimple(predicate);
      case 'CompoundPredicate':
        if (predicate.attr('booleanOperator') === 'surrogate') return this.addSurrogate(predicate);
        return this.addClosure(predicate);
      default:
        return this.addClosure(predicate);
    }
  }

  private addSimple(predicate: XmlElement): void {
    const field = this.scope.resolve(predicate.requiredAttr('field'), predicate.where);
    const op = COMPARISONS[simpleOperator(predicate)];
    if (op === undefined || !isNumericDataType(field.dataType)) return this.addClosure(predicate);
    const threshold = simplePredicateValue(predicate, field);
    if (typeof threshold !== 'number') return this.addClosure(predicate);
    this.push(op, this.features.indexOf(field.slot, field.dataType), threshold);
  }

  private addSurrogate(predicate: XmlElement): void {
    const parts = predicate.children
      .filter((child) => PREDICATE_ELEMENTS.has(child.name))
      .map((child) => compilePredicate(child, this.scope));
    if (parts.length < 2)
      throw invalidPmml(`${predicate.where}: at least two predicates are required.`);
    this.push(OP_SURROGATE, this.surrogates.length, 0);
    this.surrogates.push(parts);
  }

  private addClosure(predicate: XmlElement): void {
    this.push(OP_GENERAL, this.closures.length, 0);
    this.closures.push(compilePredicate(predicate, this.scope));
  }

  private push(op: number, operand: number, threshold: number): void {
    this.ops.push(op);
    this.operands.push(operand);
    this.thresholds.push(threshold);
  }
}
