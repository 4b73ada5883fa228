import { invalidPmml } from '../../errors';
import type { ExpressionCompiler } from '../../expressions/compile-expression';
import type { EvalContext, Evaluator } from '../../fields/eval-context';
import type { FieldScope } from '../../fields/field-scope';
import { valuesEqual } from '../../functions/argument-conversions';
import { numberArray } from '../../values/parse-array';
import { parseValueOrText } from '../../values/parse-value';
import type { XmlElement } from '../../xml/xml-element';

/** The record as a vector over the VectorFields. */
export interface CompiledVectorFields {
  readonly dimension: number;
  /** Fills `into` with the record's vector; false when a field is missing. */
  read(context: EvalContext, into: Float64Array): boolean;
}

function asNumber(value: number | string | boolean): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return Number(value);
}

/** A CategoricalPredictor entry: `coefficient` when the field equals the value, else 0. */
function categoryIndicator(element: XmlElement, scope: FieldScope): Evaluator {
  const field = scope.resolve(element.requiredAttr('name'), element.where);
  const text = element.requiredAttr('value');
  const category = parseValueOrText(text, field.dataType);
  const coefficient = element.numberAttr('coefficient', 1);
  const slot = field.slot;
  return (context) => {
    const value = context.get(slot);
    if (value === null) return null;
    return value === category || valuesEqual(value, category) ? coefficient : 0;
  };
}

/**
 * Compiles VectorFields: each FieldRef is read as a number, each CategoricalPredictor is a
 * 0/1 indicator of its category (a one-hot expansion of a categorical field).
 */
export function compileVectorFields(
  dictionary: XmlElement,
  scope: FieldScope,
  expressions: ExpressionCompiler,
): CompiledVectorFields {
  const container = dictionary.requiredChild('VectorFields');
  const entries = container.contentChildren;
  if (entries.length === 0)
    throw invalidPmml(`${container.where}: VectorFields needs at least one field.`);
  const evaluators: readonly Evaluator[] = entries.map((entry) => {
    if (entry.name === 'FieldRef') return expressions.compile(entry, scope).evaluate;
    if (entry.name === 'CategoricalPredictor') return categoryIndicator(entry, scope);
    throw invalidPmml(
      `${entry.where}: VectorFields may hold FieldRef and CategoricalPredictor, not ${entry.name}.`,
    );
  });
  const dimension = evaluators.length;
  return {
    dimension,
    read(context, into) {
      for (let i = 0; i < dimension; i++) {
        const value = evaluators[i](context);
        if (value === null) return false;
        into[i] = typeof value === 'number' ? value : asNumber(value);
      }
      return true;
    },
  };
}

/** A REAL-SparseArray or INT-SparseArray as a dense vector (1-based Indices, default 0). */
function sparseVector(array: XmlElement, dimension: number): Float64Array {
  const size = array.integerAttr('n') ?? dimension;
  if (size !== dimension) {
    throw invalidPmml(
      `${array.where}: the array has ${size} entries but there are ${dimension} VectorFields.`,
    );
  }
  const vector = new Float64Array(dimension).fill(array.numberAttr('defaultValue', 0));
  const indicesElement = array.child('Indices');
  const entriesElement = array.child('REAL-Entries') ?? array.child('INT-Entries');
  const indices = indicesElement ? numberArray(indicesElement) : new Float64Array(0);
  const entries = entriesElement ? numberArray(entriesElement) : new Float64Array(0);
  if (indices.length !== entries.length) {
    throw invalidPmml(`${array.where}: Indices and Entries have different lengths.`);
  }
  indices.forEach((index, k) => {
    if (!Number.isInteger(index) || index < 1 || index > dimension)
      throw invalidPmml(`${array.where}: the index ${index} is outside 1..${dimension}.`);
    vector[index - 1] = entries[k];
  });
  return vector;
}

function instanceVector(instance: XmlElement, dimension: number): Float64Array {
  const sparse = instance.child('REAL-SparseArray') ?? instance.child('INT-SparseArray');
  if (sparse) return sparseVector(sparse, dimension);
  const dense = instance.child('Array');
  if (!dense)
    throw invalidPmml(`${instance.where}: a VectorInstance needs an Array or a SparseArray.`);
  const vector = numberArray(dense);
  if (vector.length !== dimension) {
    throw invalidPmml(
      `${dense.where}: the array has ${vector.length} entries but there are ${dimension} VectorFields.`,
    );
  }
  return vector;
}

/** The VectorInstances by id, as dense vectors of the VectorFields' dimension. */
export function readVectorInstances(
  dictionary: XmlElement,
  dimension: number,
): ReadonlyMap<string, Float64Array> {
  const vectors = new Map<string, Float64Array>();
  for (const instance of dictionary.childrenNamed('VectorInstance')) {
    const id = instance.requiredAttr('id');
    if (vectors.has(id))
      throw invalidPmml(`${instance.where}: the VectorInstance id "${id}" is used more than once.`);
    vectors.set(id, instanceVector(instance, dimension));
  }
  return vectors;
}
