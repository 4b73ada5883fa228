import { invalidPmml } from '../../errors';
import { fastestEvaluator } from '../../expressions/arithmetic-code';
import type { ExpressionCompiler } from '../../expressions/compile-expression';
import type { EvalContext, Evaluator } from '../../fields/eval-context';
import type { FieldScope } from '../../fields/field-scope';
import type { XmlElement } from '../../xml/xml-element';

export interface CompiledInputs {
  readonly ids: readonly string[];
  /**
   * Writes the input values into `values[0, ids.length)`; false when one is missing (the
   * network then predicts nothing, as JPMML does).
   */
  read(context: EvalContext, values: Float64Array): boolean;
}

function asNumber(value: number | string | boolean): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return Number(value);
}

/**
 * Compiles NeuralInputs: each NeuralInput's DerivedField expression (FieldRef, NormContinuous,
 * NormDiscrete or any other expression) becomes one evaluator. A plain FieldRef reads its slot
 * directly.
 */
export function compileInputs(
  network: XmlElement,
  scope: FieldScope,
  expressions: ExpressionCompiler,
): CompiledInputs {
  const inputs = network.requiredChild('NeuralInputs').childrenNamed('NeuralInput');
  if (inputs.length === 0)
    throw invalidPmml(`${network.where}: NeuralInputs needs at least one NeuralInput.`);
  const ids = inputs.map((input) => input.requiredAttr('id'));
  const compiled = inputs.map((input) =>
    expressions.compileChild(input.requiredChild('DerivedField'), scope),
  );
  const count = compiled.length;
  const slots = Int32Array.from(compiled, (expression) => expression.fieldSlot ?? -1);
  const evaluators: readonly Evaluator[] = compiled.map(fastestEvaluator);

  return {
    ids,
    read(context, values) {
      for (let i = 0; i < count; i++) {
        const slot = slots[i];
        const value = slot >= 0 ? context.get(slot) : evaluators[i](context);
        if (value === null) return false;
        values[i] = typeof value === 'number' ? value : asNumber(value);
      }
      return true;
    },
  };
}
