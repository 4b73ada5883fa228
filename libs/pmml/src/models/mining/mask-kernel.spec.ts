import type { ForestTree } from './forest-layout';
import { createMaskKernel } from './mask-kernel';
import { randomForest, randomSource, THRESHOLDS, walkedResults } from './random-forests.testing';

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

  it.each([true, false])('sums the scores in tree order (and gives each: %s)', (treeValues) => {
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
    // 25 trees: the sum also runs over the padding trees of the last step.
    const kernel = createMaskKernel(trees, 2, scores, treeValues);
    if (!kernel?.sum) throw new Error('no mask kernel with scores');
    expect(kernel.values !== undefined).toBe(treeValues);
    for (let record = 0; record < 500; record++) {
      const x = Float64Array.of(random() * 8 - 4, THRESHOLDS[record % 10]);
      kernel.x.set(x);
      kernel.run();
      const walked = walkedResults(trees, x).map((result) => scores[result]);
      if (kernel.values) expect(Array.from(kernel.values)).toEqual(walked);
      let sum = 0;
      for (const score of walked) sum += score;
      expect(kernel.sum[0]).toBe(sum);
    }
  });

  it.each([true, false])(
    'gives the results when a tree has no score, which makes the sum NaN (each: %s)',
    (treeValues) => {
      const trees = randomForest(9, 10, 2, 1);
      const resultCount = trees.reduce(
        (count, tree) => count + (tree.graph?.feature.length ?? 0) + 1,
        0,
      );
      const scores = new Float64Array(resultCount).fill(NaN);
      const kernel = createMaskKernel(trees, 1, scores, treeValues);
      if (!kernel?.sum) throw new Error('no mask kernel with scores');
      const x = Float64Array.of(0.5);
      kernel.x.set(x);
      kernel.run();
      expect(kernel.sum[0]).toBeNaN();
      expect(Array.from(kernel.out)).toEqual(walkedResults(trees, x));
    },
  );

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
