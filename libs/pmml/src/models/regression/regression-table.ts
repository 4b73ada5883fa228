import { invalidPmml } from '../../errors';
import type { EvalContext } from '../../fields/eval-context';
import type { FieldScope } from '../../fields/field-scope';
import { valuesEqual } from '../../functions/argument-conversions';
import { parseValueOrText } from '../../values/parse-value';
import type { Value } from '../../values/value';
import type { XmlElement } from '../../xml/xml-element';
import type { MathContext } from '../../model/model-types';

/** A RegressionTable compiled to flat arrays: y = intercept + Σ terms. Null when an input is missing. */
export type CompiledTable = (context: EvalContext) => number | null;

function toNumber(value: Value): number {
  return typeof value === 'number'
    ? value
    : typeof value === 'boolean'
      ? value
        ? 1
        : 0
      : Number(value);
}

export function compileRegressionTable(
  table: XmlElement,
  scope: FieldScope,
  mathContext: MathContext,
): CompiledTable {
  const intercept = table.numberAttr('intercept', 0);
  const numeric = table.childrenNamed('NumericPredictor');
  const numericSlots = Int32Array.from(
    numeric,
    (p) => scope.resolve(p.requiredAttr('name'), p.where).slot,
  );
  const numericCoefficients = Float64Array.from(numeric, (p) =>
    p.requiredNumberAttr('coefficient'),
  );
  const exponents = Float64Array.from(numeric, (p) => p.numberAttr('exponent', 1));
  const allLinear = exponents.every((exponent) => exponent === 1);

  const categorical = table.childrenNamed('CategoricalPredictor').map((p) => {
    const field = scope.resolve(p.requiredAttr('name'), p.where);
    const text = p.requiredAttr('value');
    return {
      slot: field.slot,
      value: parseValueOrText(text, field.dataType),
      coefficient: p.requiredNumberAttr('coefficient'),
    };
  });
  const terms = table.childrenNamed('PredictorTerm').map((term) => {
    const refs = term.childrenNamed('FieldRef');
    if (refs.length === 0)
      throw invalidPmml(`${term.where}: a PredictorTerm needs at least one FieldRef.`);
    return {
      slots: refs.map((ref) => scope.resolve(ref.requiredAttr('field'), ref.where).slot),
      coefficient: term.requiredNumberAttr('coefficient'),
    };
  });
  const float = mathContext === 'float';
  const count = numericSlots.length;

  return (context) => {
    let sum = intercept;
    for (let index = 0; index < count; index++) {
      const value = context.get(numericSlots[index]);
      if (value === null) return null;
      const x = toNumber(value);
      const term = numericCoefficients[index] * (allLinear ? x : Math.pow(x, exponents[index]));
      sum = float ? Math.fround(sum + Math.fround(term)) : sum + term;
    }
    for (const predictor of categorical) {
      const value = context.get(predictor.slot);
      if (value === null) return null;
      if (value === predictor.value || valuesEqual(value, predictor.value)) {
        sum = float ? Math.fround(sum + predictor.coefficient) : sum + predictor.coefficient;
      }
    }
    for (const term of terms) {
      let product = term.coefficient;
      for (const slot of term.slots) {
        const value = context.get(slot);
        if (value === null) return null;
        product *= toNumber(value);
      }
      sum = float ? Math.fround(sum + product) : sum + product;
    }
    return sum;
  };
}
