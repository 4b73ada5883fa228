import { PmmlError, invalidPmml } from '../../errors';
import { readInlineTable } from '../../expressions/map-values-expression';
import type { FieldInfo, FieldScope } from '../../fields/field-scope';
import { INVALID, parseValue } from '../../values/parse-value';
import type { Value } from '../../values/value';
import type { XmlElement } from '../../xml/xml-element';

/** The training instances, read once at compile time. */
export interface TrainingInstances {
  readonly rowCount: number;
  /** Each row's entity id: its instanceIdVariable value, or its 1-based position (as JPMML). */
  readonly ids: readonly string[];
  /** The typed values of the requested fields, one array per field, one value per row. */
  readonly columns: readonly (readonly Value[])[];
}

interface InstanceColumn {
  readonly field: string;
  readonly column: string;
}

function typedCell(text: string, field: FieldInfo): Value {
  const value = parseValue(text, field.dataType);
  return value === INVALID ? null : value;
}

/**
 * Reads the InlineTable of TrainingInstances and computes, for every row, the values of
 * `fields` (KNN inputs and targets) as the model would for a record with that row's values:
 * DataField cells go through the model's input preparation and derived KNN inputs are computed
 * from them; cells of derived fields (isTransformed tables) are taken as they are.
 */
export function loadTrainingInstances(
  training: XmlElement,
  scope: FieldScope,
  instanceIdVariable: string | undefined,
  fields: readonly FieldInfo[],
): TrainingInstances {
  const instanceColumns: InstanceColumn[] = training
    .requiredChild('InstanceFields')
    .childrenNamed('InstanceField')
    .map((instanceField) => {
      const field = instanceField.requiredAttr('field');
      return { field, column: instanceField.attr('column') ?? field };
    });
  const idColumn = instanceColumns.find((column) => column.field === instanceIdVariable)?.column;
  if (instanceIdVariable !== undefined && idColumn === undefined) {
    throw invalidPmml(
      `${training.where}: the instanceIdVariable "${instanceIdVariable}" is not an InstanceField.`,
    );
  }
  const valueColumns = instanceColumns.filter((column) => column.field !== instanceIdVariable);
  // Cells of fields that are not read from the input (derived fields) are set on their slots.
  const directColumns = valueColumns.flatMap((column) => {
    const field = scope.lookup(column.field);
    return field && field.origin !== 'data' && field.origin !== 'mining'
      ? [{ ...column, field }]
      : [];
  });

  const rows = readInlineTable(training);
  const context = scope.layout.newContext();
  const columns = fields.map(() => new Array<Value>(rows.length));
  const ids = rows.map((row, index) => {
    if (idColumn === undefined) return String(index + 1);
    const id = row.get(idColumn);
    if (id === undefined || id === '') {
      throw invalidPmml(`${training.where}: row ${index + 1} has no "${instanceIdVariable}".`);
    }
    return id;
  });

  rows.forEach((row, index) => {
    context.nextRecord();
    context.input = Object.fromEntries(
      valueColumns.map(({ field, column }) => [field, row.get(column) ?? null]),
    );
    for (const { field, column } of directColumns) {
      const text = row.get(column);
      context.set(field.slot, text === undefined ? null : typedCell(text, field));
    }
    fields.forEach((field, position) => {
      try {
        columns[position][index] = context.get(field.slot);
      } catch (error) {
        if (!(error instanceof PmmlError)) throw error;
        throw invalidPmml(
          `${training.where}: row ${index + 1} cannot be read for "${field.name}": ${error.message}`,
        );
      }
    });
  });
  return { rowCount: rows.length, ids, columns };
}
