import { type Random, seededRandom } from './seeded-random';

// Our own Isolation Forest (Liu, Ting and Zhou, 2008), as scikit-learn's IsolationForest builds
// it with its defaults: each tree grows on a subsample drawn without replacement, splits on a
// random feature (among those not constant in the node) at a value uniform in [min, max) of the
// node's samples, down to depth ceil(log2(subsample size)); a record's path length in a tree is
// the depth of its leaf plus c(samples in that leaf), the expected depth of the subtree left
// unbuilt.

export type IsolationNode =
  | { kind: 'split'; feature: number; threshold: number; left: IsolationNode; right: IsolationNode }
  | { kind: 'leaf'; depth: number; size: number; pathLength: number };

export interface IsolationForest {
  /** Input names, in the column order of the training rows. */
  features: readonly string[];
  trees: readonly IsolationNode[];
  /** The subsample size of each tree (scikit-learn's max_samples_). */
  sampleSize: number;
  /**
   * scikit-learn's offset_: an outlier is a record whose score_samples is below it; -0.5 with
   * contamination 'auto', else the contamination quantile of the training scores.
   */
  offset: number;
  /** The training median of each feature, to stand in for a missing input. */
  medians: readonly number[];
}

export interface IsolationForestOptions {
  /** n_estimators: 100. */
  trees?: number;
  /** max_samples: 256 (fewer when there are fewer rows). */
  maxSamples?: number;
  /**
   * The share of training rows to call outliers, which sets the offset; 'auto' is
   * scikit-learn's default, an offset of -0.5 whatever the data.
   */
  contamination?: number | 'auto';
  seed?: number;
}

const EULER_GAMMA = 0.5772156649015329;

/**
 * c(n): the average path length of an unsuccessful search in a binary search tree of n
 * records (scikit-learn's `_average_path_length`): 0 for n ≤ 1, 1 for n = 2.
 */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + EULER_GAMMA) - (2 * (n - 1)) / n;
}

/** Percentile `q` (0–100) with linear interpolation, as numpy.percentile computes it. */
export function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (q / 100) * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, sorted.length - 1);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

function median(values: number[]): number {
  return percentile(values, 50);
}

/** `count` distinct indices of [0, n), drawn uniformly (a partial Fisher–Yates shuffle). */
function sampleWithoutReplacement(n: number, count: number, random: Random): number[] {
  const pool = Array.from({ length: n }, (_, index) => index);
  for (let index = 0; index < count; index++) {
    const pick = index + Math.floor(random() * (n - index));
    [pool[index], pool[pick]] = [pool[pick], pool[index]];
  }
  return pool.slice(0, count);
}

function leaf(depth: number, size: number): IsolationNode {
  return { kind: 'leaf', depth, size, pathLength: depth + averagePathLength(size) };
}

function growTree(
  rows: readonly (readonly number[])[],
  indices: number[],
  depth: number,
  maxDepth: number,
  random: Random,
): IsolationNode {
  if (depth >= maxDepth || indices.length <= 1) return leaf(depth, indices.length);
  // Features are tried in random order until one varies in this node, as scikit-learn's
  // random splitter does; a node where none varies cannot be split.
  const features = rows[0].length;
  const untried = Array.from({ length: features }, (_, index) => index);
  for (let left = features; left > 0; left--) {
    const pick = Math.floor(random() * left);
    const feature = untried[pick];
    untried[pick] = untried[left - 1];
    let min = Infinity;
    let max = -Infinity;
    for (const index of indices) {
      const value = rows[index][feature];
      if (value < min) min = value;
      if (value > max) max = value;
    }
    if (!(max > min)) continue;
    let threshold = min + random() * (max - min);
    // Rounding can land on max, which would leave the right side empty.
    if (threshold >= max) threshold = min;
    const below = indices.filter((index) => rows[index][feature] <= threshold);
    const above = indices.filter((index) => rows[index][feature] > threshold);
    return {
      kind: 'split',
      feature,
      threshold,
      left: growTree(rows, below, depth + 1, maxDepth, random),
      right: growTree(rows, above, depth + 1, maxDepth, random),
    };
  }
  return leaf(depth, indices.length);
}

function treePathLength(node: IsolationNode, row: readonly number[]): number {
  let current = node;
  while (current.kind === 'split') {
    current = row[current.feature] <= current.threshold ? current.left : current.right;
  }
  return current.pathLength;
}

/** The average path length of a record over the trees (JPMML's rawAnomalyScore). */
export function meanPathLength(forest: IsolationForest, row: readonly number[]): number {
  let total = 0;
  for (const tree of forest.trees) total += treePathLength(tree, row);
  return total / forest.trees.length;
}

/** scikit-learn's score_samples: −2^(−E[h(x)] / c(ψ)), lower is more abnormal. */
export function scoreSample(forest: IsolationForest, row: readonly number[]): number {
  return -Math.pow(2, -meanPathLength(forest, row) / averagePathLength(forest.sampleSize));
}

/** scikit-learn's decision_function: negative for outliers. */
export function decisionFunction(forest: IsolationForest, row: readonly number[]): number {
  return scoreSample(forest, row) - forest.offset;
}

/** Trains a forest on rows of numbers (one column per feature, no missing values). */
export function trainIsolationForest(
  features: readonly string[],
  rows: readonly (readonly number[])[],
  options: IsolationForestOptions = {},
): IsolationForest {
  if (rows.length < 2) throw new Error('an isolation forest needs at least two training rows');
  if (rows.some((row) => row.length !== features.length)) {
    throw new Error(`every training row must have ${features.length} values`);
  }
  const random = seededRandom(options.seed ?? 1);
  const sampleSize = Math.min(options.maxSamples ?? 256, rows.length);
  const maxDepth = Math.ceil(Math.log2(Math.max(sampleSize, 2)));
  const trees = Array.from({ length: options.trees ?? 100 }, () =>
    growTree(rows, sampleWithoutReplacement(rows.length, sampleSize, random), 0, maxDepth, random),
  );
  const medians = features.map((_, column) => median(rows.map((row) => row[column])));
  const forest: IsolationForest = { features, trees, sampleSize, offset: -0.5, medians };
  const contamination = options.contamination ?? 'auto';
  if (contamination === 'auto') return forest;
  const scores = rows.map((row) => scoreSample(forest, row));
  return { ...forest, offset: percentile(scores, 100 * contamination) };
}
