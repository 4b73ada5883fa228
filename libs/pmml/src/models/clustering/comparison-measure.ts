import { evaluationError, invalidPmml, unsupported } from '../../errors';
import type { XmlElement } from '../../xml/xml-element';

export const COMPARE_FUNCTIONS = ['absDiff', 'gaussSim', 'delta', 'equal', 'table'] as const;
export type CompareFunction = (typeof COMPARE_FUNCTIONS)[number];

const DISTANCE_MEASURES = ['euclidean', 'squaredEuclidean', 'chebychev', 'cityBlock', 'minkowski'];
const SIMILARITY_MEASURES = ['simpleMatching', 'jaccard', 'tanimoto', 'binarySimilarity'];

type MeasureName =
  | 'euclidean'
  | 'squaredEuclidean'
  | 'chebychev'
  | 'cityBlock'
  | 'minkowski'
  | 'simpleMatching'
  | 'jaccard'
  | 'tanimoto'
  | 'binarySimilarity';

/** Whether smaller (distance) or larger (similarity) affinities are better. */
export type MeasureKind = 'distance' | 'similarity';

/** A ComparisonMeasure element as read from the document. */
export interface ComparisonMeasureSpec {
  readonly element: XmlElement;
  readonly name: MeasureName;
  readonly kind: MeasureKind;
  /** The compare function of fields that do not name their own. */
  readonly compareFunction: CompareFunction;
  /** minkowski's p-parameter. */
  readonly p: number;
  /** binarySimilarity's c00..c11 and d00..d11, in that order. */
  readonly binaryParameters: Float64Array;
}

const BINARY_PARAMETERS = ['c00', 'c01', 'c10', 'c11', 'd00', 'd01', 'd10', 'd11'];

export function readComparisonMeasure(element: XmlElement): ComparisonMeasureSpec {
  element.enumAttr('kind', ['distance', 'similarity'] as const);
  const measureElements = element.contentChildren;
  if (measureElements.length !== 1) {
    throw invalidPmml(`${element.where}: exactly one measure element is required.`);
  }
  const measure = measureElements[0];
  const name = measure.name;
  const isDistance = DISTANCE_MEASURES.includes(name);
  if (!isDistance && !SIMILARITY_MEASURES.includes(name)) {
    throw unsupported(`${measure.where}: the comparison measure ${name} is not supported.`);
  }
  const p = name === 'minkowski' ? measure.requiredNumberAttr('p-parameter') : 2;
  if (!(p > 0)) {
    throw invalidPmml(`${measure.where}: p-parameter must be greater than 0, not ${p}.`);
  }
  const binaryParameters =
    name === 'binarySimilarity'
      ? Float64Array.from(BINARY_PARAMETERS, (parameter) =>
          measure.requiredNumberAttr(`${parameter}-parameter`),
        )
      : new Float64Array(8);
  return {
    element,
    name: name as MeasureName,
    // As JPMML does, the measure element decides the kind; the kind attribute only restates it.
    kind: isDistance ? 'distance' : 'similarity',
    compareFunction: element.enumAttr('compareFunction', COMPARE_FUNCTIONS, 'absDiff'),
    p,
    binaryParameters,
  };
}

/** One compared field (a ClusteringField or KNNInput) in the form the measure needs. */
export interface FieldComparison {
  readonly compareFunction: CompareFunction;
  readonly weight: number;
  /** gaussSim's similarityScale; NaN for other functions. */
  readonly similarityScale: number;
  /** compareFunction="table": the square matrix, row-major, indexed by category codes. */
  readonly table?: Float64Array;
  readonly tableSize: number;
}

const ABS_DIFF = 0;
const GAUSS_SIM = 1;
const DELTA = 2;
const EQUAL = 3;
const TABLE = 4;
const FUNCTION_CODES: Record<CompareFunction, number> = {
  absDiff: ABS_DIFF,
  gaussSim: GAUSS_SIM,
  delta: DELTA,
  equal: EQUAL,
  table: TABLE,
};

/**
 * A measure compiled over flat vectors. Inputs are encoded as numbers (NaN for missing), the
 * references (cluster centres, training instances) lie back to back in one Float64Array.
 */
export interface CompiledMeasure {
  readonly kind: MeasureKind;
  /**
   * The missing-value adjustment of a record, sum(q) / sum(q of present fields), checked
   * once per record. Similarity measures need every input present and binary.
   */
  adjustment(x: Float64Array): number;
  /** The affinity of the record to the reference starting at `offset`. */
  affinity(x: Float64Array, references: Float64Array, offset: number, adjustment: number): number;
  /** Whether affinity a is strictly better than b. */
  readonly better: (a: number, b: number) => boolean;
}

function missingAdjustment(weights: Float64Array): (x: Float64Array) => number {
  let total = 0;
  for (const weight of weights) total += weight;
  return (x) => {
    let present = 0;
    for (let i = 0; i < x.length; i++) if (x[i] === x[i]) present += weights[i];
    if (present === 0) {
      throw evaluationError('Every compared field is missing: the distance is undefined.');
    }
    return total / present;
  };
}

function distanceMeasure(
  spec: ComparisonMeasureSpec,
  fields: readonly FieldComparison[],
  adjustment: (x: Float64Array) => number,
): CompiledMeasure {
  const count = fields.length;
  const functions = Uint8Array.from(fields, (field) => FUNCTION_CODES[field.compareFunction]);
  const weights = Float64Array.from(fields, (field) => field.weight);
  const scales = Float64Array.from(fields, (field) => field.similarityScale);
  const tables = fields.map((field) => field.table ?? new Float64Array(0));
  const tableSizes = Int32Array.from(fields, (field) => field.tableSize);
  const { name, p } = spec;
  const squared = name === 'euclidean' || name === 'squaredEuclidean';
  const minkowski = name === 'minkowski';
  const chebychev = name === 'chebychev';

  const inner = (i: number, x: number, y: number): number => {
    let d: number;
    switch (functions[i]) {
      case ABS_DIFF:
        d = Math.abs(x - y);
        break;
      case GAUSS_SIM: {
        const z = x - y;
        const s = scales[i];
        d = Math.exp((-Math.LN2 * z * z) / (s * s));
        break;
      }
      case DELTA:
        d = x === y ? 0 : 1;
        break;
      case EQUAL:
        d = x === y ? 1 : 0;
        break;
      default:
        d = tables[i][x * tableSizes[i] + y];
    }
    if (squared) d = d * d;
    else if (minkowski) d = Math.pow(d, p);
    return d * weights[i];
  };

  return {
    kind: 'distance',
    adjustment,
    affinity(x, references, offset, adjust) {
      let total = chebychev ? -Infinity : 0;
      for (let i = 0; i < count; i++) {
        const xi = x[i];
        if (xi !== xi) continue;
        const d = inner(i, xi, references[offset + i]);
        if (chebychev) {
          if (d > total) total = d;
        } else {
          total += d;
        }
      }
      total *= adjust;
      if (name === 'euclidean') return Math.sqrt(total);
      return minkowski ? Math.pow(total, 1 / p) : total;
    },
    better: (a, b) => a < b,
  };
}

function binaryAdjustment(x: Float64Array): number {
  for (let i = 0; i < x.length; i++) {
    if (x[i] !== 0 && x[i] !== 1) {
      throw evaluationError(
        `A similarity measure compares binary values; compared field ${i + 1} is ${x[i] !== x[i] ? 'missing' : String(x[i])}.`,
      );
    }
  }
  return 1;
}

function similarityMeasure(spec: ComparisonMeasureSpec, count: number): CompiledMeasure {
  const [c00, c01, c10, c11, d00, d01, d10, d11] = spec.binaryParameters;
  const { name } = spec;
  return {
    kind: 'similarity',
    adjustment: binaryAdjustment,
    affinity(x, references, offset) {
      let a11 = 0;
      let a10 = 0;
      let a01 = 0;
      let a00 = 0;
      for (let i = 0; i < count; i++) {
        const input = x[i] === 1;
        const reference = references[offset + i] === 1;
        if (input) {
          if (reference) a11++;
          else a10++;
        } else if (reference) a01++;
        else a00++;
      }
      let numerator: number;
      let denominator: number;
      switch (name) {
        case 'simpleMatching':
          numerator = a11 + a00;
          denominator = a11 + a10 + a01 + a00;
          break;
        case 'jaccard':
          numerator = a11;
          denominator = a11 + a10 + a01;
          break;
        case 'tanimoto':
          numerator = a11 + a00;
          denominator = a11 + 2 * (a10 + a01) + a00;
          break;
        default:
          numerator = c11 * a11 + c10 * a10 + c01 * a01 + c00 * a00;
          denominator = d11 * a11 + d10 * a10 + d01 * a01 + d00 * a00;
      }
      if (denominator === 0) {
        throw evaluationError(`The ${name} similarity is undefined: its denominator is 0.`);
      }
      return numerator / denominator;
    },
    better: (a, b) => a > b,
  };
}

/**
 * Compiles the measure over the compared fields. `missingValueWeights` (ClusteringModel's
 * MissingValueWeights) weigh the adjustment for missing inputs; without it every field counts 1.
 */
export function compileMeasure(
  spec: ComparisonMeasureSpec,
  fields: readonly FieldComparison[],
  missingValueWeights?: Float64Array,
): CompiledMeasure {
  if (spec.kind === 'similarity') return similarityMeasure(spec, fields.length);
  const weights = missingValueWeights ?? new Float64Array(fields.length).fill(1);
  return distanceMeasure(spec, fields, missingAdjustment(weights));
}
