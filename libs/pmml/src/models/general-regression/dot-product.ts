import type { EvalContext } from '../../fields/eval-context';
import type { XmlElement } from '../../xml/xml-element';
import type { ParameterRow, ParameterRows, Rounding } from './parameter-rows';

/** Σ beta × parameter value over some PCells; null when a parameter's input is missing. */
export type DotProduct = (context: EvalContext) => number | null;

/**
 * Compiles PCells against the PPMatrix rows they use. A parameter without a row (the
 * intercept) contributes its beta alone. Terms are added in PCell order, from zero.
 */
export function compileDotProduct(
  cells: readonly XmlElement[],
  rows: ParameterRows,
  round: Rounding,
): DotProduct {
  const count = cells.length;
  const betas = Float64Array.from(cells, (cell) => round(cell.requiredNumberAttr('beta')));
  const parameterRows: (ParameterRow | undefined)[] = cells.map((cell) =>
    rows.get(cell.requiredAttr('parameterName')),
  );
  return (context) => {
    let sum = 0;
    for (let index = 0; index < count; index++) {
      const row = parameterRows[index];
      if (row === undefined) {
        sum = round(sum + betas[index]);
        continue;
      }
      const x = row(context);
      if (x === null) return null;
      sum = round(sum + round(betas[index] * x));
    }
    return sum;
  };
}
