import { gaussian, seededRandom } from './seeded-random';
import {
  averagePathLength,
  decisionFunction,
  type IsolationNode,
  percentile,
  trainIsolationForest,
} from './isolation-forest-trainer';

function gaussianRows(count: number, seed: number): number[][] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => [gaussian(random), gaussian(random)]);
}

function leaves(node: IsolationNode): Extract<IsolationNode, { kind: 'leaf' }>[] {
  return node.kind === 'leaf' ? [node] : [...leaves(node.left), ...leaves(node.right)];
}

describe('isolation forest trainer', () => {
  const rows = gaussianRows(5000, 42);
  const forest = trainIsolationForest(['a', 'b'], rows, { contamination: 0.02, seed: 3 });

  it('computes c(n) as scikit-learn does', () => {
    expect(averagePathLength(0)).toBe(0);
    expect(averagePathLength(1)).toBe(0);
    expect(averagePathLength(2)).toBe(1);
    expect(averagePathLength(256)).toBeCloseTo(10.244770920119917, 14);
  });

  it('interpolates percentiles linearly, as numpy does', () => {
    expect(percentile([4, 1, 3, 2], 25)).toBe(1.75);
    expect(percentile([4, 1, 3, 2], 50)).toBe(2.5);
    expect(percentile([4, 1, 3, 2], 100)).toBe(4);
  });

  it('grows 100 trees of 256 samples down to depth 8, scoring leaves with depth + c(size)', () => {
    expect(forest.trees).toHaveLength(100);
    expect(forest.sampleSize).toBe(256);
    for (const tree of forest.trees) {
      const ends = leaves(tree);
      expect(ends.reduce((sum, leaf) => sum + leaf.size, 0)).toBe(256);
      for (const leaf of ends) {
        expect(leaf.depth).toBeLessThanOrEqual(8);
        expect(leaf.pathLength).toBe(leaf.depth + averagePathLength(leaf.size));
        // Only the depth limit leaves more than one sample in a leaf of varied data.
        if (leaf.depth < 8) expect(leaf.size).toBe(1);
      }
    }
  });

  it('trains the same forest from the same seed, another from another', () => {
    const again = trainIsolationForest(['a', 'b'], rows, { contamination: 0.02, seed: 3 });
    const other = trainIsolationForest(['a', 'b'], rows, { contamination: 0.02, seed: 4 });

    expect(again).toEqual(forest);
    expect(other.trees).not.toEqual(forest.trees);
  });

  it('sets the offset so that the contamination share of the training rows are outliers', () => {
    const outliers = rows.filter((row) => decisionFunction(forest, row) <= 0).length;

    expect(outliers / rows.length).toBeGreaterThan(0.015);
    expect(outliers / rows.length).toBeLessThanOrEqual(0.025);
  });

  it("uses scikit-learn's offset of -0.5 with contamination 'auto'", () => {
    expect(trainIsolationForest(['a', 'b'], rows.slice(0, 300)).offset).toBe(-0.5);
  });

  it('isolates a far point quickly and keeps the centre of the data normal', () => {
    expect(decisionFunction(forest, [6, -6])).toBeLessThan(0);
    expect(decisionFunction(forest, [0, 0])).toBeGreaterThan(0);
  });

  it('keeps the training medians for missing inputs', () => {
    expect(forest.medians[0]).toBeCloseTo(
      percentile(
        rows.map((row) => row[0]),
        50,
      ),
      12,
    );
    expect(Math.abs(forest.medians[0])).toBeLessThan(0.1);
  });

  it('refuses rows that do not match the features', () => {
    expect(() => trainIsolationForest(['a', 'b'], [[1], [2]])).toThrow(
      'every training row must have 2 values',
    );
  });
});
