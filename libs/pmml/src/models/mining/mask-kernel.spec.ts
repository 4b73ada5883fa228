import type { EvalContext } from '../../fields/eval-context';
import { type DecisionGraph, walkGraph } from '../tree/decision-graph';
import type { ForestTree } from './forest-layout';
import { createMaskKernel } from './mask-kernel';

/** A deterministic pseudo-random source, so that a failure can be replayed. */
function randomSource(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

// Few distinct thresholds, so that decisions share them and inputs often equal them.
const THRESHOLDS = [-Infinity, -2.5, -1, 0, 0.1, 0.5, 1, 1.5, 3, Infinity, NaN];

/** A random binary decision graph of the given depth over `features` features. */
function randomGraph(random: () => number, depth: number, features: number): DecisionGraph {
  const feature: number[] = [];
  const threshold: number[] = [];
  const yes: number[] = [];
  const no: number[] = [];
  let results = 0;
  const build = (level: number): number => {
    if (level === depth || random() < 0.2) return -1 - results++;
    const node = feature.length;
    feature.push(Math.floor(random() * features));
    threshold.push(THRESHOLDS[Math.floor(random() * THRESHOLDS.length)]);
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

function randomForest(seed: number, trees: number, depth: number, features: number): ForestTree[] {
  const random = randomSource(seed);
  let resultBase = 0;
  return Array.from({ length: trees }, () => {
    const graph = randomGraph(random, depth, features);
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
function walkedResults(trees: readonly ForestTree[], x: Float64Array): number[] {
  return trees.map(
    (tree) => tree.resultBase + walkGraph(tree.graph as DecisionGraph, x, [], noContext),
  );
}

describe('createMaskKernel', () => {
  // Depth 4 allows at most 16 results a tree (16-bit words), depth 5 up to 32 (32-bit words).
  it.each([4, 5])(
    'finds the result that a walk finds for every tree of depth %i, on and between thresholds',
    (depth) => {
      // 60 trees on 3 features: well over 16 decisions per feature, so stored rows, single
      // decisions and every bucket come into play.
      const trees = randomForest(7, 60, depth, 3);
      const widest = Math.max(...trees.map((tree) => (tree.graph?.feature.length ?? 0) + 1));
      expect(widest > 16).toBe(depth === 5);
      const kernel = createMaskKernel(trees, 3);
      if (!kernel) throw new Error('no mask kernel');
      const random = randomSource(11);
      const values = [...THRESHOLDS.filter((t) => t === t), -0, 0.3, 2, -7, 1e300];
      for (let record = 0; record < 2000; record++) {
        const x = Float64Array.from({ length: 3 }, () =>
          random() < 0.7 ? values[Math.floor(random() * values.length)] : random() * 8 - 4,
        );
        kernel.x.set(x);
        kernel.run();
        expect(Array.from(kernel.out)).toEqual(walkedResults(trees, x));
      }
    },
  );

  it('gives every tree its score and the sum in tree order', () => {
    const trees = randomForest(3, 25, 3, 2);
    const resultCount = trees.reduce(
      (count, tree) => count + (tree.graph?.feature.length ?? 0) + 1,
      0,
    );
    const random = randomSource(5);
    // Scores of very different sizes, so that the order of the additions shows in the sum.
    const scores = Float64Array.from(
      { length: resultCount },
      () => (random() - 0.5) * 10 ** (random() * 20),
    );
    const kernel = createMaskKernel(trees, 2, scores);
    if (!kernel?.values || !kernel.sum) throw new Error('no mask kernel with scores');
    for (let record = 0; record < 500; record++) {
      const x = Float64Array.of(random() * 8 - 4, THRESHOLDS[record % 10]);
      kernel.x.set(x);
      kernel.run();
      const walked = walkedResults(trees, x).map((result) => scores[result]);
      expect(Array.from(kernel.values)).toEqual(walked);
      let sum = 0;
      for (const score of walked) sum += score;
      expect(kernel.sum[0]).toBe(sum);
    }
  });

  it('still gives the results when a tree has no score, which makes the sum NaN', () => {
    const trees = randomForest(9, 10, 2, 1);
    const resultCount = trees.reduce(
      (count, tree) => count + (tree.graph?.feature.length ?? 0) + 1,
      0,
    );
    const scores = new Float64Array(resultCount).fill(NaN);
    const kernel = createMaskKernel(trees, 1, scores);
    if (!kernel?.sum) throw new Error('no mask kernel with scores');
    const x = Float64Array.of(0.5);
    kernel.x.set(x);
    kernel.run();
    expect(kernel.sum[0]).toBeNaN();
    expect(Array.from(kernel.out)).toEqual(walkedResults(trees, x));
  });

  it('declines trees with more than 32 results and trees with closures', () => {
    const large = randomForest(1, 2, 10, 2);
    // A binary tree has one result more than it has decisions.
    expect(Math.max(...large.map((tree) => (tree.graph?.feature.length ?? 0) + 1))).toBeGreaterThan(
      32,
    );
    expect(createMaskKernel(large, 2)).toBeUndefined();
    // One decision on the closure 0 (feature -1), with the results 0 and 1.
    const withClosure: ForestTree = {
      graph: {
        root: 0,
        feature: Int32Array.of(-1),
        threshold: Float64Array.of(0.5),
        yes: Int32Array.of(-1),
        no: Int32Array.of(-2),
      },
      closures: [() => 1],
      featureMap: Int32Array.of(0),
      resultBase: 0,
    };
    expect(createMaskKernel([withClosure], 1)).toBeUndefined();
  });
});
