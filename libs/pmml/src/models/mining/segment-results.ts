import type { Prediction } from '../../model/prediction';

/** A segment whose predicate was not true for the record: it takes no part. */
export const SKIPPED = 0;
/** A segment that predicted something. */
export const PRESENT = 1;
/** A segment that was evaluated and predicted nothing. */
export const MISSING = 2;

/** What the combination of a Segmentation reads from each segment. */
export type SegmentYield = 'value' | 'label' | 'distribution';

/**
 * The segments' results for the current record, in flat arrays that the combination
 * methods read: a number (regression), a category number (votes) or a row of probabilities
 * (`rows[rowOffset[i]]` onwards, one entry per category).
 */
export class SegmentResults {
  readonly state: Uint8Array;
  readonly values: Float64Array;
  readonly labels: Int32Array;
  readonly weights: Float64Array;
  readonly rowOffset: Int32Array;
  rows: Float64Array = new Float64Array(0);
  /** Number of categories in a row. */
  width = 0;
  /** Segment predictions by segment id, kept when an OutputField asks for one (segmentId). */
  predictions: Map<string, Prediction> | undefined;
  /**
   * Every segment took part and predicted something. A source may then leave `state`
   * unwritten, so readers look at this first.
   */
  complete = false;
  /**
   * When `complete`, a source may also give the plain sums in segment order (double
   * arithmetic): of the values, or per category of the rows. Combinations that need just
   * that sum then skip a second pass.
   */
  hasTotals = false;
  valueTotal = 0;
  rowTotals: Float64Array = new Float64Array(0);

  constructor(readonly count: number) {
    this.state = new Uint8Array(count);
    this.values = new Float64Array(count);
    this.labels = new Int32Array(count);
    this.weights = new Float64Array(count);
    this.rowOffset = new Int32Array(count);
  }

  anyMissing(): boolean {
    return !this.complete && this.state.includes(MISSING);
  }

  anyPresent(): boolean {
    return this.complete || this.state.includes(PRESENT);
  }

  isPresent(index: number): boolean {
    return this.complete || this.state[index] === PRESENT;
  }
}

/**
 * The share of evaluated segments (by weight) that predicted nothing exceeds the
 * missingThreshold of skipSegment and continue.
 */
export function tooManyMissing(results: SegmentResults, threshold: number): boolean {
  if (results.complete) return false;
  let total = 0;
  let missing = 0;
  for (let index = 0; index < results.count; index++) {
    const state = results.state[index];
    if (state === SKIPPED) continue;
    total += results.weights[index];
    if (state === MISSING) missing += results.weights[index];
  }
  return missing > 0 && missing / total > threshold;
}
