import { tooManyMissing, type SegmentResults } from './segment-results';
import type { MissingPredictionTreatment } from './segmentation-options';

export type ValueMethod =
  'average' | 'weightedAverage' | 'median' | 'weightedMedian' | 'sum' | 'weightedSum';

/**
 * The median as JPMML computes it (Commons Math Percentile(50)): the middle value, or for an
 * even count `lower + 0.5 * (upper - lower)`.
 */
export function median(sorted: Float64Array | number[]): number {
  const count = sorted.length;
  const position = (count + 1) / 2;
  const lower = Math.floor(position);
  if (lower < 1) return sorted[0];
  if (lower >= count) return sorted[count - 1];
  const low = sorted[lower - 1];
  return low + (position - lower) * (sorted[lower] - low);
}

function weightedMedian(values: number[], weights: number[]): number {
  const order = values.map((_, index) => index).sort((a, b) => values[a] - values[b]);
  let total = 0;
  for (const weight of weights) total += weight;
  const half = 0.5 * total;
  let running = 0;
  for (const index of order) {
    running += weights[index];
    if (running >= half) return values[index];
  }
  return values[order[order.length - 1]];
}

/**
 * Combines the segments' numbers (regression) with one of the averaging methods, or returns
 * null when the result is missing. In the float math context every step rounds to float32.
 */
export function combineValues(
  method: ValueMethod,
  results: SegmentResults,
  treatment: MissingPredictionTreatment,
  missingThreshold: number,
  float: boolean,
  /** What a `sum` starts from (see boostingIntercept). */
  start = 0,
): number | null {
  const { values, weights, count } = results;
  if (results.anyMissing()) {
    if (treatment !== 'skipSegment' || tooManyMissing(results, missingThreshold)) return null;
  }
  if (method === 'median' || method === 'weightedMedian') {
    const kept: number[] = [];
    const keptWeights: number[] = [];
    for (let index = 0; index < count; index++) {
      if (!results.isPresent(index)) continue;
      kept.push(values[index]);
      keptWeights.push(weights[index]);
    }
    if (kept.length === 0) return null;
    const result =
      method === 'median'
        ? median(Float64Array.from(kept).sort())
        : weightedMedian(kept, keptWeights);
    return float ? Math.fround(result) : result;
  }
  if (results.complete && !float && (method === 'sum' || method === 'average')) {
    let sum = start;
    if (results.hasTotals && start === 0) sum = results.valueTotal;
    else for (let index = 0; index < count; index++) sum += values[index];
    return method === 'sum' ? sum : sum / count;
  }
  const weighted = method === 'weightedAverage' || method === 'weightedSum';
  let sum = method === 'sum' ? (float ? Math.fround(start) : start) : 0;
  let weightSum = 0;
  let present = 0;
  for (let index = 0; index < count; index++) {
    if (!results.isPresent(index)) continue;
    present++;
    const value = values[index];
    if (float) {
      const term = weighted
        ? Math.fround(Math.fround(weights[index]) * Math.fround(value))
        : Math.fround(value);
      sum = Math.fround(sum + term);
      if (weighted) weightSum = Math.fround(weightSum + Math.fround(weights[index]));
    } else {
      sum += weighted ? weights[index] * value : value;
      if (weighted) weightSum += weights[index];
    }
  }
  if (present === 0) return null;
  switch (method) {
    case 'sum':
    case 'weightedSum':
      return sum;
    case 'average':
      return float ? Math.fround(sum / present) : sum / present;
    default:
      if (weightSum === 0) return null;
      return float ? Math.fround(sum / weightSum) : sum / weightSum;
  }
}
