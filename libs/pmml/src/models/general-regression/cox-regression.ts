import { evaluationError, invalidPmml, unsupported } from '../../errors';
import { parseValueOrText } from '../../values/parse-value';
import type { EvalContext } from '../../fields/eval-context';
import type { FieldInfo } from '../../fields/field-scope';
import type { ModelCore } from '../../model/model-types';
import type { Value } from '../../values/value';
import type { XmlElement } from '../../xml/xml-element';
import { compileDotProduct } from './dot-product';
import { rowsFor, singleParameterVector, type ModelParts } from './model-parts';
import { numericInput } from './parameter-rows';

/** One baseline cumulative hazard step function, cells sorted by time. */
interface BaselineTable {
  readonly maxTime: number;
  readonly times: Float64Array;
  readonly cumHazards: Float64Array;
}

function readBaselineTable(owner: XmlElement): BaselineTable {
  const maxTime = owner.numberAttr('maxTime');
  if (maxTime === undefined)
    throw invalidPmml(`${owner.where}: the required attribute "maxTime" is missing.`);
  const cells = owner.childrenNamed('BaselineCell').map((cell) => ({
    time: cell.requiredNumberAttr('time'),
    cumHazard: cell.requiredNumberAttr('cumHazard'),
  }));
  if (cells.length === 0)
    throw invalidPmml(`${owner.where}: at least one BaselineCell is required.`);
  // A stable sort: among cells with the same time, the first one in the document is used.
  cells.sort((left, right) => left.time - right.time);
  return {
    maxTime,
    times: Float64Array.from(cells, (cell) => cell.time),
    cumHazards: Float64Array.from(cells, (cell) => cell.cumHazard),
  };
}

/** The cumulative hazard at `time`: that of the last cell whose time is not greater. */
function baselineHazard(table: BaselineTable, time: number): number {
  const { times } = table;
  let low = 0;
  let high = times.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (times[middle] <= time) low = middle;
    else high = middle - 1;
  }
  while (low > 0 && times[low - 1] === times[low]) low--;
  return table.cumHazards[low];
}

function requiredValue(context: EvalContext, field: FieldInfo, role: string): Exclude<Value, null> {
  const value = context.get(field.slot);
  if (value === null)
    throw evaluationError(`Field "${field.name}" (the ${role} of the Cox model) is missing.`);
  return value;
}

/** Σ beta × referencePoint: the linear predictor of the reference subject. */
function referenceLinearPredictor(parts: ModelParts, cells: readonly XmlElement[]): number {
  const referencePoints = new Map(
    parts.model
      .requiredChild('ParameterList')
      .childrenNamed('Parameter')
      .map((parameter) => [
        parameter.requiredAttr('name'),
        parameter.numberAttr('referencePoint', 0),
      ]),
  );
  let sum = 0;
  for (const cell of cells) {
    const name = cell.requiredAttr('parameterName');
    const referencePoint = referencePoints.get(name);
    if (referencePoint === undefined)
      throw invalidPmml(`${cell.where}: parameter "${name}" is not in the ParameterList.`);
    sum = parts.round(
      sum + parts.round(parts.round(cell.requiredNumberAttr('beta')) * referencePoint),
    );
  }
  return sum;
}

/**
 * CoxRegression predicts the cumulative hazard H0(t) × exp(xβ − x̄β) at the endTimeVariable's
 * value t, with H0 from the BaselineStratum of the record (or the single baseline table). Past
 * maxTime, or for an unknown stratum, the prediction is missing; before the first cell it is 0.
 */
export function compileCoxRegression(parts: ModelParts): ModelCore {
  const { model, scope, round } = parts;
  const cells = singleParameterVector(parts);
  const dotProduct = compileDotProduct(cells, rowsFor(parts, null), round);
  const reference = referenceLinearPredictor(parts, cells);
  const endTime = scope.resolve(model.requiredAttr('endTimeVariable'), model.where);
  const tables = model.requiredChild('BaseCumHazardTables');
  const strataName = model.attr('baselineStrataVariable');
  const strataField = strataName === undefined ? undefined : scope.resolve(strataName, model.where);
  const strata = strataField
    ? tables.childrenNamed('BaselineStratum').map((stratum) => ({
        value: parseValueOrText(stratum.requiredAttr('value'), strataField.dataType),
        table: readBaselineTable(stratum),
      }))
    : [];
  const stratumIndex = new Map<Value, number>();
  strata.forEach((stratum, index) => {
    if (!stratumIndex.has(stratum.value)) stratumIndex.set(stratum.value, index);
  });
  const singleTable = strataField ? undefined : readBaselineTable(tables);

  const tableFor = (context: EvalContext): BaselineTable | undefined => {
    if (!strataField) return singleTable;
    const value = requiredValue(context, strataField, 'baselineStrataVariable');
    const index = stratumIndex.get(value);
    return index === undefined ? undefined : strata[index].table;
  };

  return {
    evaluate(context) {
      const table = tableFor(context);
      if (!table) return null;
      const time = numericInput(requiredValue(context, endTime, 'endTimeVariable'), endTime.name);
      if (time > table.maxTime) return null;
      if (time < table.times[0]) return { value: 0 };
      const linear = dotProduct(context);
      if (linear === null) return null;
      return {
        value: round(round(Math.exp(round(linear - reference))) * baselineHazard(table, time)),
      };
    },
    outputFeature(field, feature) {
      if (feature === 'standardError') {
        throw unsupported(
          `${field.where}: feature "standardError" is not supported for CoxRegression models.`,
        );
      }
      return undefined;
    },
  };
}
