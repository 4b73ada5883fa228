import { invalidPmml, unsupported } from '../../errors';
import type { EvalContext } from '../../fields/eval-context';
import type { XmlElement } from '../../xml/xml-element';
import type { ParameterRow, ParameterRows } from './parameter-rows';

/**
 * The standard error of a linear model's prediction, sqrt(xᵀ Σ x), where x holds the value of
 * every Parameter for the record (1 for a parameter without PPMatrix row, the intercept) and
 * Σ is the PCovMatrix. Cells name one triangle or both; missing cells are zero.
 */
export function compileStandardError(
  model: XmlElement,
  field: XmlElement,
  rows: ParameterRows,
): (context: EvalContext) => number | null {
  const matrix = model.child('PCovMatrix');
  if (!matrix) {
    throw unsupported(
      `${field.where}: feature "standardError" needs a PCovMatrix in the GeneralRegressionModel.`,
    );
  }
  const names = model
    .requiredChild('ParameterList')
    .childrenNamed('Parameter')
    .map((parameter) => parameter.requiredAttr('name'));
  const count = names.length;
  const indexOf = new Map(names.map((name, index) => [name, index]));
  const covariance = new Float64Array(count * count);
  for (const cell of matrix.childrenNamed('PCovCell')) {
    if (cell.has('targetCategory') || cell.has('tRow') || cell.has('tCol')) {
      throw unsupported(
        `${cell.where}: PCovCells per target category are not supported for feature "standardError".`,
      );
    }
    const index = (attribute: string): number => {
      const name = cell.requiredAttr(attribute);
      const found = indexOf.get(name);
      if (found === undefined)
        throw invalidPmml(`${cell.where}: ${attribute} "${name}" is not in the ParameterList.`);
      return found;
    };
    const row = index('pRow');
    const column = index('pCol');
    const value = cell.requiredNumberAttr('value');
    covariance[row * count + column] = value;
    covariance[column * count + row] = value;
  }
  const parameterRows: (ParameterRow | undefined)[] = names.map((name) => rows.get(name));
  const x = new Float64Array(count);

  return (context) => {
    for (let index = 0; index < count; index++) {
      const row = parameterRows[index];
      const value = row === undefined ? 1 : row(context);
      if (value === null) return null;
      x[index] = value;
    }
    let variance = 0;
    for (let row = 0; row < count; row++) {
      let inner = 0;
      for (let column = 0; column < count; column++)
        inner += covariance[row * count + column] * x[column];
      variance += x[row] * inner;
    }
    return Math.sqrt(variance);
  };
}
