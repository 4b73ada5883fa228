import { invalidPmml } from '../../errors';
import { compareValues } from '../../functions/argument-conversions';
import type { Value } from '../../values/value';

export const CONTINUOUS_METHODS = ['average', 'median', 'weightedAverage'] as const;
export const CATEGORICAL_METHODS = ['majorityVote', 'weightedMajorityVote'] as const;
export type ContinuousMethod = (typeof CONTINUOUS_METHODS)[number];
export type CategoricalMethod = (typeof CATEGORICAL_METHODS)[number];

/**
 * Predicts one target from the k nearest rows (k is always numberOfNeighbors): `order[0..k)`
 * are their indices, `distances` the distance of every row.
 */
export type TargetScorer = (order: Int32Array, k: number, distances: Float64Array) => Value;

/** The median as Commons Math's Percentile (legacy estimation) computes it, like JPMML. */
function median(sorted: Float64Array, count: number): number {
  const position = (50 * (count + 1)) / 100;
  if (position < 1) return sorted[0];
  if (position >= count) return sorted[count - 1];
  const whole = Math.floor(position);
  const lower = sorted[whole - 1];
  const upper = sorted[whole];
  return lower + (position - whole) * (upper - lower);
}

export function continuousScorer(
  method: ContinuousMethod,
  column: readonly Value[],
  threshold: number,
  neighbours: number,
  where: string,
): TargetScorer {
  const values = Float64Array.from(column, (value, row) => {
    if (typeof value !== 'number') {
      throw invalidPmml(`${where}: training row ${row + 1} has no numeric target value.`);
    }
    return value;
  });
  switch (method) {
    case 'average':
      return (order, k) => {
        let sum = 0;
        for (let i = 0; i < k; i++) sum += values[order[i]];
        return sum / k;
      };
    case 'weightedAverage':
      return (order, k, distances) => {
        let weighted = 0;
        let weights = 0;
        for (let i = 0; i < k; i++) {
          const weight = 1 / (distances[order[i]] + threshold);
          weighted += weight * values[order[i]];
          weights += weight;
        }
        return weighted / weights;
      };
    case 'median': {
      const scratch = new Float64Array(neighbours);
      return (order, k) => {
        for (let i = 0; i < k; i++) scratch[i] = values[order[i]];
        return median(scratch.sort(), k);
      };
    }
  }
}

/**
 * Majority votes. A tie goes to the category with most training rows, then to the smallest
 * value (lexical for text), as the spec and JPMML say.
 */
export function categoricalScorer(
  method: CategoricalMethod,
  column: readonly Value[],
  threshold: number,
  where: string,
): TargetScorer {
  const categories: Value[] = [];
  const codes = Int32Array.from(column, (value, row) => {
    if (value === null) {
      throw invalidPmml(`${where}: training row ${row + 1} has no target value.`);
    }
    let code = categories.indexOf(value);
    if (code < 0) code = categories.push(value) - 1;
    return code;
  });
  const trainingCounts = new Float64Array(categories.length);
  for (const code of codes) trainingCounts[code]++;
  const weighted = method === 'weightedMajorityVote';
  // NaN marks a category no neighbour voted for, so it never ties with the winners.
  const votes = new Float64Array(categories.length);

  return (order, k, distances) => {
    votes.fill(NaN);
    for (let i = 0; i < k; i++) {
      const code = codes[order[i]];
      const weight = weighted ? 1 / (distances[order[i]] + threshold) : 1;
      votes[code] = votes[code] !== votes[code] ? weight : votes[code] + weight;
    }
    let best = -1;
    let tied = false;
    for (let code = 0; code < votes.length; code++) {
      const vote = votes[code];
      if (vote !== vote) continue;
      if (best < 0 || vote > votes[best]) {
        best = code;
        tied = false;
      } else if (vote === votes[best]) {
        tied = true;
      }
    }
    if (!tied) return categories[best];
    const topVote = votes[best];
    let winner = -1;
    for (let code = 0; code < votes.length; code++) {
      if (votes[code] !== topVote) continue;
      if (
        winner < 0 ||
        trainingCounts[code] > trainingCounts[winner] ||
        (trainingCounts[code] === trainingCounts[winner] &&
          compareValues(categories[code], categories[winner]) < 0)
      ) {
        winner = code;
      }
    }
    return categories[winner];
  };
}
