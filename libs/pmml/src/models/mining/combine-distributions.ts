import { bestLabel, type Prediction } from '../../model/prediction';
import type { Value } from '../../values/value';
import { median } from './combine-values';
import { tooManyMissing, type SegmentResults } from './segment-results';
import type { MissingPredictionTreatment } from './segmentation-options';

export type DistributionMethod = 'average' | 'weightedAverage' | 'median' | 'max';

/**
 * Classification by the segments' probabilities. average and weightedAverage average them;
 * median and max pick the category whose median (or highest) probability is the highest and
 * average the distributions of the segments that gave that probability (closest to the
 * median), as JPMML does.
 */
export class DistributionCombiner {
  constructor(
    private readonly method: DistributionMethod,
    private readonly treatment: MissingPredictionTreatment,
    private readonly missingThreshold: number,
    private readonly float: boolean,
  ) {}

  combine(results: SegmentResults, labels: readonly Value[]): Prediction | null {
    if (results.anyMissing()) {
      if (this.treatment !== 'skipSegment' || tooManyMissing(results, this.missingThreshold))
        return null;
    }
    if (!results.anyPresent()) return null;
    const chosen =
      this.method === 'median' || this.method === 'max' ? this.contributors(results) : undefined;
    const values = this.average(results, chosen, this.method === 'weightedAverage');
    const probabilities = { labels, values };
    return { value: bestLabel(probabilities), probabilities };
  }

  /** Averages the rows of the present segments (or of `only` among them). */
  private average(
    results: SegmentResults,
    only: Uint8Array | undefined,
    weighted: boolean,
  ): Float64Array {
    const { width, rows, rowOffset, weights } = results;
    const float = this.float;
    const values = new Float64Array(width);
    if (results.complete && !only && !weighted && !float) {
      // The common case (a random forest): a plain mean of every row.
      if (results.hasTotals) values.set(results.rowTotals.subarray(0, width));
      else {
        for (let index = 0; index < results.count; index++) {
          const offset = rowOffset[index];
          for (let label = 0; label < width; label++) values[label] += rows[offset + label];
        }
      }
      for (let label = 0; label < width; label++) values[label] /= results.count;
      return values;
    }
    let total = 0;
    for (let index = 0; index < results.count; index++) {
      if (!results.isPresent(index) || (only && !only[index])) continue;
      const weight = weighted ? weights[index] : 1;
      total = float ? Math.fround(total + weight) : total + weight;
      const offset = rowOffset[index];
      for (let label = 0; label < width; label++) {
        const p = rows[offset + label];
        if (float) {
          const term =
            weight === 1 ? Math.fround(p) : Math.fround(Math.fround(weight) * Math.fround(p));
          values[label] = Math.fround(values[label] + term);
        } else {
          values[label] += weight === 1 ? p : weight * p;
        }
      }
    }
    for (let label = 0; label < width; label++) {
      values[label] = float ? Math.fround(values[label] / total) : values[label] / total;
    }
    return values;
  }

  /** The segments whose probability of the winning category decided it (median or max). */
  private contributors(results: SegmentResults): Uint8Array {
    const { width, rows, rowOffset } = results;
    const present: number[] = [];
    for (let index = 0; index < results.count; index++) {
      if (results.isPresent(index)) present.push(index);
    }
    const column = (label: number): Float64Array =>
      Float64Array.from(present, (index) => rows[rowOffset[index] + label]);
    let winner = -1;
    let winning = -Infinity;
    for (let label = 0; label < width; label++) {
      const probabilities = column(label);
      const statistic =
        this.method === 'max' ? Math.max(...probabilities) : median(probabilities.sort());
      if (statistic > winning) {
        winning = statistic;
        winner = label;
      }
    }
    const chosen = new Uint8Array(results.count);
    let closest = Infinity;
    for (const index of present) {
      const distance = Math.abs(winning - rows[rowOffset[index] + winner]);
      if (distance < closest) {
        closest = distance;
        chosen.fill(0);
      }
      if (distance <= closest) chosen[index] = 1;
    }
    return chosen;
  }
}
