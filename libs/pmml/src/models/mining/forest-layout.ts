import type { CompiledPredicate } from '../../predicates/compile-predicate';
import type { DataType } from '../../values/value';
import type { DecisionGraph } from '../tree/decision-graph';
import { float32Threshold } from './float-thresholds';

/** How many trees one pass of the lockstep walk advances together. */
export const LANES = 8;

/** A tree of the forest as the layout needs it. */
export interface ForestTree {
  readonly graph: DecisionGraph | undefined;
  readonly closures: readonly CompiledPredicate[];
  /** Maps the tree's feature numbers to the forest's. */
  readonly featureMap: Int32Array;
  /** The forest's number of the tree's first result (results are node numbers plus this). */
  readonly resultBase: number;
}

/** The entries of all trees before they are packed into one of the two encodings. */
interface Entries {
  readonly threshold: number[];
  readonly firstChild: number[];
  /** A numeric feature below featureCount, else featureCount plus a closure number. */
  readonly feature: number[];
  readonly leafResult: number[];
}

/**
 * The decision graphs of all trees as one array of entries. An entry is a threshold, the
 * entry of its first child and a feature. The two targets of a decision are adjacent,
 * "x <= threshold" false first, so one step is `d = firstChild + (x <= t)`. Results are
 * entries too: a leaf has threshold NaN (never true) and itself as first child, so a walk can
 * take a fixed number of steps (the tree's depth) and several trees can be walked in lockstep
 * without unpredictable branches. Each tree is laid out breadth first, so its top levels
 * share cache lines.
 *
 * Narrow encoding (8 bytes an entry) when every threshold has a float32 equivalent and the
 * numbers fit: float32 threshold at `narrowThresholds[2d]`, `(firstChild << shift) | feature`
 * at `narrowLinks[2d + 1]`. Wide encoding (16 bytes) otherwise: float64 threshold at
 * `wideThresholds[2d]`, first child at `wideLinks[4d + 2]`, feature at `wideLinks[4d + 3]`.
 */
export class ForestLayout {
  readonly narrow: boolean;
  readonly shift: number;
  readonly featureMask: number;
  // The entries and leaf results change only to move into a kernel's memory (shareEntries).
  narrowThresholds: Float32Array;
  narrowLinks: Int32Array;
  wideThresholds: Float64Array;
  wideLinks: Int32Array;
  /** The result of a leaf entry; -1 for a decision. */
  leafResult: Int32Array;
  /** Per tree: its first entry (-1 without a graph), and the number of steps to a leaf. */
  readonly roots: Int32Array;
  readonly depths: Int32Array;
  /** Trees that can be walked in lockstep, LANES per group (the last group repeats a tree). */
  readonly groupTrees: Int32Array;
  readonly groupDepths: Int32Array;
  /** Trees walked one by one: they have closures (evaluated lazily) or no graph. */
  readonly singleTrees: Int32Array;
  readonly closures: CompiledPredicate[] = [];

  constructor(
    trees: readonly ForestTree[],
    readonly featureCount: number,
    featureTypes: readonly DataType[],
  ) {
    this.roots = new Int32Array(trees.length).fill(-1);
    this.depths = new Int32Array(trees.length);
    const entries = this.layOut(trees);
    const codes = featureCount + this.closures.length;
    this.shift = Math.max(1, Math.ceil(Math.log2(codes + 1)));
    this.featureMask = (1 << this.shift) - 1;
    const size = entries.threshold.length;
    const narrowed =
      size < 2 ** (31 - this.shift) ? narrowThresholds(entries, featureTypes) : undefined;
    this.narrow = narrowed !== undefined;
    const buffer = new ArrayBuffer((this.narrow ? 8 : 16) * size);
    this.narrowThresholds = this.narrow ? new Float32Array(buffer) : new Float32Array(0);
    this.narrowLinks = this.narrow ? new Int32Array(buffer) : new Int32Array(0);
    this.wideThresholds = this.narrow ? new Float64Array(0) : new Float64Array(buffer);
    this.wideLinks = this.narrow ? new Int32Array(0) : new Int32Array(buffer);
    for (let d = 0; d < size; d++) {
      if (narrowed) {
        this.narrowThresholds[2 * d] = narrowed[d];
        this.narrowLinks[2 * d + 1] = (entries.firstChild[d] << this.shift) | entries.feature[d];
      } else {
        this.wideThresholds[2 * d] = entries.threshold[d];
        this.wideLinks[4 * d + 2] = entries.firstChild[d];
        this.wideLinks[4 * d + 3] = entries.feature[d];
      }
    }
    this.leafResult = Int32Array.from(entries.leafResult);
    const lockstep: number[] = [];
    const single: number[] = [];
    trees.forEach((tree, index) => {
      const alone = !tree.graph || tree.closures.length > 0;
      (alone ? single : lockstep).push(index);
    });
    this.singleTrees = Int32Array.from(single);
    [this.groupTrees, this.groupDepths] = groupByDepth(lockstep, this.depths);
  }

  /**
   * Reads the entries and leaf results from `buffer` from now on: a kernel's memory that holds
   * a copy of them, the entries at `entryAt` and the leaf results at `leavesAt`, so that a
   * forest does not keep them twice.
   */
  shareEntries(buffer: ArrayBuffer, entryAt: number, leavesAt: number): void {
    const size = this.leafResult.length;
    if (this.narrow) {
      this.narrowThresholds = new Float32Array(buffer, entryAt, 2 * size);
      this.narrowLinks = new Int32Array(buffer, entryAt, 2 * size);
    } else {
      this.wideThresholds = new Float64Array(buffer, entryAt, 2 * size);
      this.wideLinks = new Int32Array(buffer, entryAt, 4 * size);
    }
    this.leafResult = new Int32Array(buffer, leavesAt, size);
  }

  private layOut(trees: readonly ForestTree[]): Entries {
    const entries: Entries = { threshold: [], firstChild: [], feature: [], leafResult: [] };
    const push = (threshold: number, firstChild: number, feature: number, result: number): void => {
      entries.threshold.push(threshold);
      entries.firstChild.push(firstChild);
      entries.feature.push(feature);
      entries.leafResult.push(result);
    };
    trees.forEach((tree, index) => {
      const { graph } = tree;
      if (!graph) return;
      const closureBase = this.featureCount + this.closures.length;
      this.closures.push(...tree.closures);
      // The root takes a pair of its own (the second entry unused) to keep pairs aligned.
      const root = entries.threshold.length;
      const targets: number[] = [graph.root];
      const slots: number[] = [root];
      push(NaN, root, 0, -1);
      push(NaN, root + 1, 0, -1);
      for (let next = 0; next < targets.length; next++) {
        const target = targets[next];
        const slot = slots[next];
        if (target < 0) {
          // NaN never compares true, so a leaf stays where it is whatever the input.
          entries.firstChild[slot] = slot;
          entries.leafResult[slot] = tree.resultBase + (-1 - target);
          continue;
        }
        const f = graph.feature[target];
        const pair = entries.threshold.length;
        entries.threshold[slot] = graph.threshold[target];
        entries.firstChild[slot] = pair;
        entries.feature[slot] = f >= 0 ? tree.featureMap[f] : closureBase + (-1 - f);
        push(NaN, pair, 0, -1);
        push(NaN, pair + 1, 0, -1);
        targets.push(graph.no[target], graph.yes[target]);
        slots.push(pair, pair + 1);
      }
      this.roots[index] = root;
      this.depths[index] = graphDepth(graph);
    });
    return entries;
  }
}

/** The float32 thresholds of all entries, or undefined when one has no exact equivalent. */
function narrowThresholds(
  entries: Entries,
  featureTypes: readonly DataType[],
): Float32Array | undefined {
  const result = new Float32Array(entries.threshold.length);
  for (let d = 0; d < result.length; d++) {
    const narrowed = float32Threshold(entries.threshold[d], featureTypes[entries.feature[d]]);
    if (narrowed === undefined) return undefined;
    result[d] = narrowed;
  }
  return result;
}

/** Groups trees of similar depth LANES at a time, so that few steps go to finished trees. */
function groupByDepth(trees: number[], depths: Int32Array): [Int32Array, Int32Array] {
  trees.sort((a, b) => depths[a] - depths[b]);
  const groups = Math.ceil(trees.length / LANES);
  const groupTrees = new Int32Array(groups * LANES);
  const groupDepths = new Int32Array(groups);
  for (let group = 0; group < groups; group++) {
    for (let lane = 0; lane < LANES; lane++) {
      const tree = trees[Math.min(group * LANES + lane, trees.length - 1)];
      groupTrees[group * LANES + lane] = tree;
      groupDepths[group] = Math.max(groupDepths[group], depths[tree]);
    }
  }
  return [groupTrees, groupDepths];
}

/** The largest number of decisions on a path from the root to a result. */
function graphDepth(graph: DecisionGraph): number {
  const depth = new Int32Array(graph.feature.length);
  // Decisions only lead to decisions allocated after them, so a backward pass suffices.
  for (let d = graph.feature.length - 1; d >= 0; d--) {
    const yes = graph.yes[d];
    const no = graph.no[d];
    depth[d] = 1 + Math.max(yes >= 0 ? depth[yes] : 0, no >= 0 ? depth[no] : 0);
  }
  return graph.root >= 0 ? depth[graph.root] : 0;
}
