import { compilePmml } from '@scorecast/pmml';
import { isolationForestPmml } from './isolation-forest-pmml';
import {
  averagePathLength,
  decisionFunction,
  type IsolationForest,
  type IsolationNode,
  meanPathLength,
  trainIsolationForest,
} from './isolation-forest-trainer';
import { pmmlNumber } from './pmml-text';
import { gaussian, seededRandom } from './seeded-random';

const OPTIONS = { modelName: 'Forest', description: 'IsolationForest(n_estimators=100)' };

const leaf = (depth: number, size: number): IsolationNode => ({
  kind: 'leaf',
  depth,
  size,
  pathLength: depth + averagePathLength(size),
});

// x <= 0.5 ? leaf : (y <= 2 ? leaf : leaf of 3)
const TINY: IsolationForest = {
  features: ['x', 'y'],
  trees: [
    {
      kind: 'split',
      feature: 0,
      threshold: 0.5,
      left: leaf(1, 1),
      right: {
        kind: 'split',
        feature: 1,
        threshold: 2,
        left: leaf(2, 1),
        right: leaf(2, 3),
      },
    },
  ],
  sampleSize: 5,
  offset: -0.5,
  medians: [0.25, 1.5],
};

describe('isolationForestPmml', () => {
  const random = seededRandom(11);
  const rows = Array.from({ length: 3000 }, () => [gaussian(random), 3 * gaussian(random), 1]);
  const forest = trainIsolationForest(['a', 'b', 'c'], rows, { contamination: 0.02, seed: 5 });
  const model = compilePmml(isolationForestPmml(forest, OPTIONS));
  const record = (row: readonly number[]): Record<string, number> => ({
    a: row[0],
    b: row[1],
    c: row[2],
  });

  it('folds the chain of right branches into the node, as JPMML writes multiSplit trees', () => {
    const text = isolationForestPmml(TINY, OPTIONS);
    const tree = text.slice(text.indexOf('<Node'), text.lastIndexOf('</Node>') + 7);

    expect(tree.replace(/\s+/g, '')).toBe(
      [
        `<Node score="${pmmlNumber(2 + averagePathLength(3))}"><True/>`,
        '<Node score="1.0"><SimplePredicate field="x" operator="lessOrEqual" value="0.5"/></Node>',
        '<Node score="2.0"><SimplePredicate field="y" operator="lessOrEqual" value="2.0"/></Node>',
        '</Node>',
      ]
        .join('')
        .replace(/\s+/g, ''),
    );
  });

  it('splits only on features that vary, and lists in each tree only the fields it uses', () => {
    const text = isolationForestPmml(forest, OPTIONS);

    expect(text).not.toContain('field="c"');
    expect(text.match(/<MiningField name="c"/g)).toHaveLength(1);
    expect(text.match(/<Segment id=/g)).toHaveLength(100);
  });

  it('has the outputs of JPMML-SkLearn, the offset among them, and no target', () => {
    expect(model.description).toMatchObject({
      modelType: 'MiningModel',
      functionName: 'regression',
      modelName: 'Forest',
    });
    expect(model.inputFields.map((field) => `${field.name}:${field.dataType}`)).toEqual([
      'a:double',
      'b:double',
      'c:double',
    ]);
    expect(model.resultFields).toEqual([
      'rawAnomalyScore',
      'normalizedAnomalyScore',
      'decisionFunction',
      'outlier',
      'predict(outlier)',
    ]);
    expect(isolationForestPmml(forest, OPTIONS)).toContain(
      `<Constant dataType="double">${-forest.offset}</Constant>`,
    );
  });

  it('scores exactly as the trained forest does', () => {
    for (const row of [...rows.slice(0, 200), [8, -20, 1], [0, 0, 1]]) {
      const result = model.score(record(row));
      const raw = meanPathLength(forest, row);
      const decision = decisionFunction(forest, row);

      expect(result.rawAnomalyScore).toBeCloseTo(raw, 12);
      expect(result.normalizedAnomalyScore).toBeCloseTo(raw / averagePathLength(256), 12);
      expect(result.decisionFunction).toBeCloseTo(decision, 12);
      expect(result.outlier).toBe(decision <= 0);
      expect(result['predict(outlier)']).toBe(decision <= 0 ? -1 : 1);
    }
  });

  it('flags a far point and keeps the centre normal', () => {
    expect(model.score(record([8, -20, 1]))).toMatchObject({
      outlier: true,
      'predict(outlier)': -1,
    });
    expect(model.score(record([0, 0, 1]))).toMatchObject({ outlier: false, 'predict(outlier)': 1 });
  });

  it('takes the training median for a missing input', () => {
    expect(model.score({ a: 0.3, b: null, c: 1 })).toEqual(
      model.score({ a: 0.3, b: forest.medians[1], c: 1 }),
    );
  });
});
