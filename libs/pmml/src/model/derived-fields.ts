import { invalidPmml } from '../errors';
import { fastestEvaluator } from '../expressions/arithmetic-code';
import type { ExpressionCompiler } from '../expressions/compile-expression';
import type { Evaluator } from '../fields/eval-context';
import type { FieldScope } from '../fields/field-scope';
import { castValue } from '../values/parse-value';
import { DATA_TYPES, OP_TYPES, defaultOpType, type DataType } from '../values/value';
import type { XmlElement } from '../xml/xml-element';

function castTo(evaluate: Evaluator, from: DataType | undefined, to: DataType): Evaluator {
  if (from === to || (to === 'double' && (from === 'integer' || from === 'float'))) return evaluate;
  const numeric = to === 'double';
  return (context) => {
    const value = evaluate(context);
    if (value === null || (numeric && typeof value === 'number')) return value;
    return castValue(value, to);
  };
}

/**
 * Defines the DerivedFields of a TransformationDictionary or LocalTransformations in `scope`.
 * Each is computed on first use per record. Names are defined before any expression is
 * compiled, so fields may refer to each other in any order; a cycle is refused.
 */
export function defineDerivedFields(
  container: XmlElement | undefined,
  scope: FieldScope,
  expressions: ExpressionCompiler,
): void {
  if (!container) return;
  const elements = container.childrenNamed('DerivedField');
  const declared = elements.map((element, index) => {
    const name = element.attr('name') ?? `derived(${index})`;
    const dataType = element.enumAttr('dataType', DATA_TYPES) ?? 'double';
    const opType = element.enumAttr('optype', OP_TYPES) ?? defaultOpType(dataType);
    if (scope.definesOwn(name))
      throw invalidPmml(`${element.where}: the field "${name}" is already defined.`);
    return scope.define({
      name,
      dataType,
      opType,
      slot: scope.layout.allocate(),
      origin: 'derived',
    });
  });
  const dependencies = new Map<number, Set<number>>();
  elements.forEach((element, index) => {
    const field = declared[index];
    const [expression, uses] = scope.layout.collectUses(() =>
      expressions.compileChild(element, scope),
    );
    dependencies.set(field.slot, uses);
    scope.layout.define(
      field.slot,
      castTo(fastestEvaluator(expression), expression.dataType, field.dataType),
    );
  });
  refuseCycles(
    dependencies,
    declared.map((field) => [field.slot, field.name] as const),
  );
}

function refuseCycles(
  dependencies: ReadonlyMap<number, ReadonlySet<number>>,
  names: readonly (readonly [number, string])[],
): void {
  const nameOf = new Map(names);
  const state = new Map<number, 'visiting' | 'done'>();
  const visit = (slot: number): void => {
    const seen = state.get(slot);
    if (seen === 'done') return;
    if (seen === 'visiting')
      throw invalidPmml(`DerivedField "${nameOf.get(slot)}" depends on itself.`);
    state.set(slot, 'visiting');
    for (const next of dependencies.get(slot) ?? []) if (dependencies.has(next)) visit(next);
    state.set(slot, 'done');
  };
  for (const slot of dependencies.keys()) visit(slot);
}
