import { invalidPmml } from '../../errors';
import type { FieldInfo, FieldScope } from '../../fields/field-scope';
import { INVALID, parseValue } from '../../values/parse-value';
import { isNumericDataType, type Value } from '../../values/value';
import type { XmlElement } from '../../xml/xml-element';
import { parseNumberText } from '../../xml/xml-element';
import { matrixColumn } from '../general-regression/contrast-matrix';
import {
  COMPARE_FUNCTIONS,
  type ComparisonMeasureSpec,
  type FieldComparison,
} from './comparison-measure';
import {
  NUMERIC_ENCODER,
  learnedCategoryEncoder,
  tableEncoder,
  type ValueEncoder,
} from './value-encoders';

/** A ClusteringField or KNNInput, compiled: where its value is and how it is compared. */
export interface ComparedField extends FieldComparison {
  readonly element: XmlElement;
  readonly field: FieldInfo;
  readonly encoder: ValueEncoder;
}

function comparisonTable(element: XmlElement, field: FieldInfo): Float64Array {
  const matrix = element.child('Comparisons')?.child('Matrix');
  if (!matrix) {
    throw invalidPmml(`${element.where}: compareFunction="table" needs a Comparisons Matrix.`);
  }
  const size = field.categories?.length ?? 0;
  if (size === 0) {
    throw invalidPmml(
      `${element.where}: compareFunction="table" needs the declared values of "${field.name}" to index its matrix.`,
    );
  }
  const table = new Float64Array(size * size);
  for (let column = 0; column < size; column++) {
    const values = matrixColumn(matrix, size, column);
    for (let row = 0; row < size; row++) {
      if (Number.isNaN(values[row])) {
        throw invalidPmml(`${matrix.where}: the cell (${row + 1}, ${column + 1}) is not defined.`);
      }
      table[row * size + column] = values[row];
    }
  }
  return table;
}

function encoderFor(
  element: XmlElement,
  field: FieldInfo,
  compareFunction: FieldComparison['compareFunction'],
  measure: ComparisonMeasureSpec,
): ValueEncoder {
  const numericField = isNumericDataType(field.dataType) || field.dataType === 'boolean';
  if (
    measure.kind === 'similarity' ||
    compareFunction === 'absDiff' ||
    compareFunction === 'gaussSim'
  ) {
    if (!numericField) {
      throw invalidPmml(
        `${element.where}: the ${measure.kind === 'similarity' ? measure.name : compareFunction} comparison needs a numeric or boolean field; "${field.name}" is ${field.dataType}.`,
      );
    }
    return NUMERIC_ENCODER;
  }
  if (compareFunction === 'table') return tableEncoder(field.categories ?? []);
  return numericField ? NUMERIC_ENCODER : learnedCategoryEncoder();
}

/**
 * Compiles a ClusteringField or KNNInput. The field's own compareFunction overrides the
 * measure's; gaussSim needs the field's similarityScale and table its Comparisons matrix.
 */
export function compileComparedField(
  element: XmlElement,
  scope: FieldScope,
  measure: ComparisonMeasureSpec,
): ComparedField {
  const field = scope.resolve(element.requiredAttr('field'), element.where);
  const compareFunction =
    element.enumAttr('compareFunction', COMPARE_FUNCTIONS) ?? measure.compareFunction;
  const weight = element.numberAttr('fieldWeight', 1);
  if (!(weight >= 0)) {
    throw invalidPmml(`${element.where}: fieldWeight must not be negative, not ${weight}.`);
  }
  let similarityScale = NaN;
  if (compareFunction === 'gaussSim' && measure.kind === 'distance') {
    similarityScale = element.numberAttr('similarityScale', NaN);
    if (Number.isNaN(similarityScale) || similarityScale === 0) {
      throw invalidPmml(`${element.where}: compareFunction="gaussSim" needs a similarityScale.`);
    }
  }
  const table =
    compareFunction === 'table' && measure.kind === 'distance'
      ? comparisonTable(element, field)
      : undefined;
  return {
    element,
    field,
    compareFunction,
    weight,
    similarityScale,
    table,
    tableSize: table ? (field.categories?.length ?? 0) : 0,
    encoder: encoderFor(element, field, compareFunction, measure),
  };
}

/**
 * Encodes a reference value given as text (a cluster centre coordinate): numbers for numeric
 * comparisons, the field's typed value otherwise.
 */
export function referenceFromText(compared: ComparedField, text: string): number {
  const { encoder, field } = compared;
  let value: Value;
  if (encoder.numeric) {
    value = parseNumberText(text) ?? null;
  } else {
    const parsed = parseValue(text, field.dataType);
    value = parsed === INVALID ? null : parsed;
  }
  return encoder.reference(value);
}

/** Checks a reference code: every reference coordinate needs a value the measure can use. */
export function checkReference(
  code: number,
  compared: ComparedField,
  measure: ComparisonMeasureSpec,
  where: string,
): void {
  if (code !== code) {
    throw invalidPmml(`${where}: the value for "${compared.field.name}" is missing or unusable.`);
  }
  if (measure.kind === 'similarity' && code !== 0 && code !== 1) {
    throw invalidPmml(
      `${where}: ${measure.name} compares binary values; "${compared.field.name}" has ${code}.`,
    );
  }
}
