// Random forests of decision graphs for the kernel specs: each kernel must find the result
// that walkGraph, the plain walk, finds.
import type { EvalContext } from '../../fields/eval-context';
import { type DecisionGraph, walkGraph } from '../tree/decision-graph';
import type { ForestTree } from './forest-layout';

/** A deterministic pseudo-random source, so that a failure can be replayed. */
export function randomSource(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

// Few distinct thresholds, so that decisions share them and inputs often equal them.
export const THRESHOLDS = [-Infinity, -2.5, -1, 0, 0.1, 0.5, 1, 1.5, 3, Infinity, NaN];

/** A random binary decision graph of the given depth over `features` features. */
function randomGraph(
  random: () => number,
  depth: number,
  features: number,
  thresholds: readonly number[],
): DecisionGraph {
  const feature: number[] = [];
  const threshold: number[] = [];
  const yes: number[] = [];
  const no: number[] = [];
  let results = 0;
  const build = (level: number): number => {
    if (level === depth || random() < 0.2) return -1 - results++;
    const node = feature.length;
    feature.push(Math.floor(random() * features));
    threshold.push(thresholds[Math.floor(random() * thresholds.length)]);
    yes.push(0);
    no.push(0);
    yes[node] = build(level + 1);
    no[node] = build(level + 1);
    return node;
  };
  const root = build(0);
  return {
    root,
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    yes: Int32Array.from(yes),
    no: Int32Array.from(no),
  };
}

/** `trees` random trees of at most `depth` decisions a path, over `features` features. */
export function randomForest(
  seed: number,
  trees: number,
  depth: number,
  features: number,
  thresholds: readonly number[] = THRESHOLDS,
): ForestTree[] {
  const random = randomSource(seed);
  let resultBase = 0;
  return Array.from({ length: trees }, () => {
    const graph = randomGraph(random, depth, features, thresholds);
    const tree = {
      graph,
      closures: [],
      featureMap: Int32Array.from({ length: features }, (_, f) => f),
      resultBase,
    };
    resultBase += graph.feature.length + 1;
    return tree;
  });
}

const noContext = undefined as unknown as EvalContext;

/** Each tree's result as its own walk finds it. */
export function walkedResults(trees: readonly ForestTree[], x: Float64Array): number[] {
  return trees.map(
    (tree) => tree.resultBase + walkGraph(tree.graph as DecisionGraph, x, [], noContext),
  );
}
