import { invalidPmml } from '../errors';
import type { EvalContext } from '../fields/eval-context';
import type { FieldInfo, FieldScope } from '../fields/field-scope';
import { valuesEqual } from '../functions/argument-conversions';
import { arrayTokens } from '../values/parse-array';
import { INVALID, parseValue, parseValueOrText } from '../values/parse-value';
import { isNumericDataType, type Value } from '../values/value';
import type { XmlElement } from '../xml/xml-element';

/** Three-valued logic, as PMML predicates evaluate. */
export const FALSE = 0;
export const TRUE = 1;
export const UNKNOWN = 2;
export type Truth = typeof FALSE | typeof TRUE | typeof UNKNOWN;

export type CompiledPredicate = (context: EvalContext) => Truth;

export const PREDICATE_ELEMENTS: ReadonlySet<string> = new Set([
  'SimplePredicate',
  'CompoundPredicate',
  'SimpleSetPredicate',
  'True',
  'False',
]);

const SIMPLE_OPERATORS = [
  'equal',
  'notEqual',
  'lessThan',
  'lessOrEqual',
  'greaterThan',
  'greaterOrEqual',
  'isMissing',
  'isNotMissing',
] as const;
export type SimpleOperator = (typeof SIMPLE_OPERATORS)[number];

const BOOLEAN_OPERATORS = ['and', 'or', 'xor', 'surrogate'] as const;

export function findPredicate(parent: XmlElement): XmlElement {
  const found = parent.children.find((child) => PREDICATE_ELEMENTS.has(child.name));
  if (!found) throw invalidPmml(`${parent.where}: a predicate element is required.`);
  return found;
}

/**
 * The comparison value of a SimplePredicate, in the field's data type. A value that is not
 * of a numeric field's type (70.5 for an integer field) is compared as a double, as JPMML does.
 */
export function simplePredicateValue(element: XmlElement, field: FieldInfo): Value {
  const text = element.requiredAttr('value');
  const numeric = isNumericDataType(field.dataType);
  let value = parseValue(numeric ? text.trim() : text, field.dataType);
  if (value === INVALID && numeric) value = parseValue(text.trim(), 'double');
  if (value === INVALID) {
    throw invalidPmml(
      `${element.where}: value "${text}" is not a valid ${field.dataType} for field "${field.name}".`,
    );
  }
  return value;
}

export function simpleOperator(element: XmlElement): SimpleOperator {
  const operator = element.enumAttr('operator', SIMPLE_OPERATORS);
  if (!operator)
    throw invalidPmml(`${element.where}: the required attribute "operator" is missing.`);
  return operator;
}

function compileSimple(element: XmlElement, scope: FieldScope): CompiledPredicate {
  const field = scope.resolve(element.requiredAttr('field'), element.where);
  const slot = field.slot;
  const operator = simpleOperator(element);
  if (operator === 'isMissing') return (context) => (context.get(slot) === null ? TRUE : FALSE);
  if (operator === 'isNotMissing') return (context) => (context.get(slot) === null ? FALSE : TRUE);
  const target = simplePredicateValue(element, field);
  if (typeof target === 'number') {
    const compare = numericComparison(operator, target);
    return (context) => {
      const value = context.get(slot);
      if (value === null) return UNKNOWN;
      return compare(typeof value === 'number' ? value : Number(value)) ? TRUE : FALSE;
    };
  }
  return (context) => {
    const value = context.get(slot);
    if (value === null) return UNKNOWN;
    return textComparison(operator, value, target) ? TRUE : FALSE;
  };
}

function numericComparison(operator: SimpleOperator, target: number): (value: number) => boolean {
  switch (operator) {
    case 'equal':
      return (value) => value === target;
    case 'notEqual':
      return (value) => value !== target;
    case 'lessThan':
      return (value) => value < target;
    case 'lessOrEqual':
      return (value) => value <= target;
    case 'greaterThan':
      return (value) => value > target;
    case 'greaterOrEqual':
      return (value) => value >= target;
    case 'isMissing':
    case 'isNotMissing':
      throw new Error('unreachable: missing tests have no comparison');
  }
}

function textComparison(operator: SimpleOperator, value: Value, target: Value): boolean {
  switch (operator) {
    case 'equal':
      return valuesEqual(value, target);
    case 'notEqual':
      return !valuesEqual(value, target);
    default: {
      const a = String(value);
      const b = String(target);
      if (operator === 'lessThan') return a < b;
      if (operator === 'lessOrEqual') return a <= b;
      if (operator === 'greaterThan') return a > b;
      return a >= b;
    }
  }
}

function compileSet(element: XmlElement, scope: FieldScope): CompiledPredicate {
  const field = scope.resolve(element.requiredAttr('field'), element.where);
  const slot = field.slot;
  const operator = element.enumAttr('booleanOperator', ['isIn', 'isNotIn'] as const);
  if (!operator)
    throw invalidPmml(`${element.where}: the required attribute "booleanOperator" is missing.`);
  const members = new Set<Value>(
    arrayTokens(element.requiredChild('Array')).map((token) =>
      parseValueOrText(token, field.dataType),
    ),
  );
  const inside = operator === 'isIn' ? TRUE : FALSE;
  const outside = operator === 'isIn' ? FALSE : TRUE;
  return (context) => {
    const value = context.get(slot);
    if (value === null) return UNKNOWN;
    return members.has(value) ? inside : outside;
  };
}

function compileCompound(element: XmlElement, scope: FieldScope): CompiledPredicate {
  const operator = element.enumAttr('booleanOperator', BOOLEAN_OPERATORS);
  if (!operator)
    throw invalidPmml(`${element.where}: the required attribute "booleanOperator" is missing.`);
  const parts = element.children
    .filter((child) => PREDICATE_ELEMENTS.has(child.name))
    .map((child) => compilePredicate(child, scope));
  if (parts.length < 2)
    throw invalidPmml(`${element.where}: at least two predicates are required.`);
  switch (operator) {
    case 'and':
      return (context) => {
        let result: Truth = TRUE;
        for (const part of parts) {
          const truth = part(context);
          if (truth === FALSE) return FALSE;
          if (truth === UNKNOWN) result = UNKNOWN;
        }
        return result;
      };
    case 'or':
      return (context) => {
        let result: Truth = FALSE;
        for (const part of parts) {
          const truth = part(context);
          if (truth === TRUE) return TRUE;
          if (truth === UNKNOWN) result = UNKNOWN;
        }
        return result;
      };
    case 'xor':
      return (context) => {
        let result = false;
        for (const part of parts) {
          const truth = part(context);
          if (truth === UNKNOWN) return UNKNOWN;
          result = result !== (truth === TRUE);
        }
        return result ? TRUE : FALSE;
      };
    case 'surrogate':
      // The first predicate that is not unknown decides.
      return (context) => {
        for (const part of parts) {
          const truth = part(context);
          if (truth !== UNKNOWN) return truth;
        }
        return UNKNOWN;
      };
  }
}

export function compilePredicate(element: XmlElement, scope: FieldScope): CompiledPredicate {
  switch (element.name) {
    case 'True':
      return () => TRUE;
    case 'False':
      return () => FALSE;
    case 'SimplePredicate':
      return compileSimple(element, scope);
    case 'SimpleSetPredicate':
      return compileSet(element, scope);
    case 'CompoundPredicate':
      return compileCompound(element, scope);
    default:
      throw invalidPmml(`${element.where}: ${element.name} is not a predicate.`);
  }
}
