import { ForestLayout } from './forest-layout';
import { createLockstepKernel } from './lockstep-kernel';
import { randomForest, randomSource, THRESHOLDS, walkedResults } from './random-forests.testing';

// 0.1 has no float32 equivalent, so with it the layout takes the wide (float64) encoding.
const FLOAT32_THRESHOLDS = THRESHOLDS.filter((threshold) => threshold !== 0.1);

describe('createLockstepKernel', () => {
  it.each([
    ['wide', THRESHOLDS],
    ['narrow', FLOAT32_THRESHOLDS],
  ])('walks trees of %s entries to the results the plain walk finds', (encoding, thresholds) => {
    // Depth 7: trees of more results than the mask kernel takes, as in random forests.
    const trees = randomForest(21, 20, 7, 3, thresholds);
    const layout = new ForestLayout(trees, 3, ['double', 'double', 'double']);
    expect(layout.narrow).toBe(encoding === 'narrow');
    const resultCount = trees.reduce(
      (count, tree) => count + (tree.graph?.feature.length ?? 0) + 1,
      0,
    );
    const random = randomSource(3);
    const scores = Float64Array.from({ length: resultCount }, () => random() * 100 - 50);
    const kernel = createLockstepKernel(layout, 3, trees.length, scores);
    if (!kernel?.values || !kernel.sum) throw new Error('no lockstep kernel');
    const values = [...thresholds.filter((t) => t === t), 0.3, -7, 2];
    for (let record = 0; record < 1000; record++) {
      const x = Float64Array.from({ length: 3 }, () =>
        random() < 0.6 ? values[Math.floor(random() * values.length)] : random() * 8 - 4,
      );
      kernel.x.set(x);
      kernel.run();
      const walked = walkedResults(trees, x);
      expect(Array.from(kernel.out)).toEqual(walked);
      let sum = 0;
      for (const result of walked) sum += scores[result];
      expect(kernel.sum[0]).toBe(sum);
    }
  });
});
