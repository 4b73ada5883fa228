import { evaluationError, invalidPmml } from '../../errors';
import { parseValueOrText } from '../../values/parse-value';
import type { EvalContext } from '../../fields/eval-context';
import type { FieldInfo, FieldScope } from '../../fields/field-scope';
import { valuesEqual } from '../../functions/argument-conversions';
import type { DataType, Value } from '../../values/value';
import type { XmlElement } from '../../xml/xml-element';
import { matrixColumn } from './contrast-matrix';
import { groupByTargetCategory, type TargetCategoryGroup } from './target-category-groups';

/**
 * The value of one Parameter for the current record (its PPMatrix row): the product of its
 * factor indicators (or contrast codes) and its covariates raised to their exponents; null
 * when an input it needs is missing.
 */
export type ParameterRow = (context: EvalContext) => number | null;

/** The rows of one PPMatrix (or of its cells for one target category), by parameter name. */
export type ParameterRows = ReadonlyMap<string, ParameterRow>;

export type Rounding = (value: number) => number;

interface ContrastCoding {
  /** Category → row of the contrast matrix. */
  readonly rows: ReadonlyMap<Value, number>;
  /** The matrix column of the PPCell's category, one element per row. */
  readonly codes: Float64Array;
}

interface FactorTerm {
  readonly name: string;
  readonly slot: number;
  readonly level: Value;
  readonly contrast: ContrastCoding | undefined;
}

/** The factors and covariates of a model: FactorList and CovariateList Predictors by name. */
export interface PredictorLists {
  readonly factors: ReadonlyMap<string, XmlElement>;
  readonly covariates: ReadonlyMap<string, XmlElement>;
}

export function readPredictorLists(model: XmlElement): PredictorLists {
  const byName = (list: XmlElement | undefined): Map<string, XmlElement> =>
    new Map(
      (list?.childrenNamed('Predictor') ?? []).map((predictor) => [
        predictor.requiredAttr('name'),
        predictor,
      ]),
    );
  return {
    factors: byName(model.child('FactorList')),
    covariates: byName(model.child('CovariateList')),
  };
}

/** A factor or covariate value as a number, as a covariate or an offset needs it. */
export function numericInput(value: Exclude<Value, null>, name: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  const parsed = Number(value);
  if (value.trim() === '' || Number.isNaN(parsed))
    throw evaluationError(`Field "${name}" has the non-numeric value ${JSON.stringify(value)}.`);
  return parsed;
}

function sameLevel(value: Value, level: Value): boolean {
  if (value === level) return true;
  return typeof value !== typeof level && valuesEqual(value, level);
}

function contrastCoding(
  predictor: XmlElement,
  field: FieldInfo,
  level: Value,
  cell: XmlElement,
): ContrastCoding | undefined {
  const matrix = predictor.child('Matrix');
  if (!matrix) return undefined;
  const categories = predictor.child('Categories');
  if (!categories)
    throw invalidPmml(`${predictor.where}: a contrast Matrix needs a Categories element.`);
  const levels = categories
    .childrenNamed('Category')
    .map((category) => parseValueOrText(category.requiredAttr('value'), field.dataType));
  const column = levels.findIndex((candidate) => sameLevel(candidate, level));
  if (column < 0) {
    throw invalidPmml(
      `${cell.where}: value "${String(level)}" is not one of the Categories of "${field.name}".`,
    );
  }
  const codes = matrixColumn(matrix, levels.length, column);
  const undefinedRow = codes.findIndex((code) => Number.isNaN(code));
  if (undefinedRow >= 0) {
    throw invalidPmml(
      `${matrix.where}: the element at row ${undefinedRow + 1}, column ${column + 1} is not defined.`,
    );
  }
  return { rows: new Map(levels.map((value, row) => [value, row])), codes };
}

function compileRow(
  cells: readonly XmlElement[],
  lists: PredictorLists,
  scope: FieldScope,
  round: Rounding,
): ParameterRow {
  const factors: FactorTerm[] = [];
  const covariateCells: XmlElement[] = [];
  const covariateFields: FieldInfo[] = [];
  for (const cell of cells) {
    const name = cell.requiredAttr('predictorName');
    const factor = lists.factors.get(name);
    if (factor) {
      const field = scope.resolve(name, cell.where);
      const level = parseValueOrText(cell.requiredAttr('value'), field.dataType);
      factors.push({
        name,
        slot: field.slot,
        level,
        contrast: contrastCoding(factor, field, level, cell),
      });
    } else if (lists.covariates.has(name)) {
      covariateCells.push(cell);
      covariateFields.push(scope.resolve(name, cell.where));
    } else {
      throw invalidPmml(
        `${cell.where}: predictorName "${name}" is neither in the FactorList nor in the CovariateList.`,
      );
    }
  }
  const covariateSlots = Int32Array.from(covariateFields, (field) => field.slot);
  const covariateNames = covariateFields.map((field) => field.name);
  const exponents = Float64Array.from(covariateCells, (cell) => cell.requiredNumberAttr('value'));

  return (context) => {
    let product = 1;
    for (const factor of factors) {
      const value = context.get(factor.slot);
      if (value === null) return null;
      const contrast = factor.contrast;
      if (contrast) {
        const row = contrast.rows.get(value);
        if (row === undefined) {
          throw evaluationError(
            `Field "${factor.name}" has the value ${JSON.stringify(value)}, which its contrast matrix does not list.`,
          );
        }
        product = round(product * contrast.codes[row]);
      } else if (!sameLevel(value, factor.level)) {
        product = 0;
      }
    }
    // A zero product does not depend on the covariates: they are not even read (as JPMML).
    if (product === 0) return product;
    for (let index = 0; index < covariateSlots.length; index++) {
      const value = context.get(covariateSlots[index]);
      if (value === null) return null;
      const x = numericInput(value, covariateNames[index]);
      const exponent = exponents[index];
      product = round(product * (exponent === 1 ? x : round(Math.pow(x, exponent))));
    }
    return product;
  };
}

/**
 * Compiles a PPMatrix into rows, one set per targetCategory found on its cells (the cells
 * without targetCategory form the default set). Cells of one parameter keep document order.
 */
export function compileParameterRows(
  model: XmlElement,
  scope: FieldScope,
  targetType: DataType,
  round: Rounding,
): TargetCategoryGroup<ParameterRows>[] {
  const lists = readPredictorLists(model);
  const ppCells = model.requiredChild('PPMatrix').childrenNamed('PPCell');
  return groupByTargetCategory(ppCells, targetType).map(({ category, items }) => {
    const byParameter = new Map<string, XmlElement[]>();
    for (const cell of items) {
      const parameter = cell.requiredAttr('parameterName');
      const list = byParameter.get(parameter);
      if (list) list.push(cell);
      else byParameter.set(parameter, [cell]);
    }
    const rows = new Map<string, ParameterRow>();
    for (const [parameter, cells] of byParameter)
      rows.set(parameter, compileRow(cells, lists, scope, round));
    return { category, items: rows };
  });
}
