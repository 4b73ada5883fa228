import { compilePmml } from '../../compile-pmml';
import { pmmlDocument } from '../../testing/pmml-document';

/**
 * A sum of `count` stumps on the field v (of the given data type); stump k predicts 10^k
 * when `v operator threshold` holds, and 0 otherwise, so the sum shows which stumps held.
 */
function forest(
  dataType: string,
  operator: string,
  thresholds: readonly string[],
  miningField = '',
): string {
  const stumps = thresholds.map(
    (threshold, k) => `<Segment><True/>
      <TreeModel functionName="regression" noTrueChildStrategy="returnLastPrediction">
        <MiningSchema><MiningField name="v"/></MiningSchema>
        <Node score="0"><True/>
          <Node score="${10 ** k}"><SimplePredicate field="v" operator="${operator}" value="${threshold}"/></Node>
        </Node>
      </TreeModel>
    </Segment>`,
  );
  return pmmlDocument({
    dataDictionary: `<DataField name="y" optype="continuous" dataType="double"/>
      <DataField name="v" optype="continuous" dataType="${dataType}"/>`,
    model: `<MiningModel functionName="regression">
      <MiningSchema><MiningField name="y" usageType="target"/><MiningField name="v" ${miningField}/></MiningSchema>
      <Segmentation multipleModelMethod="sum">${stumps.join('')}</Segmentation>
    </MiningModel>`,
  });
}

/** Which stumps held, from the sum: digit k is 1 when stump k held. */
function held(sum: unknown): string {
  return String(sum).padStart(10, '0');
}

/**
 * A sum of trees over a and b, one per missing-value strategy; tree k's nodes score
 * 1..5 · 10^k, so the sum shows which node of each tree scored. Tree 0's null prediction
 * for a missing input is skipped; tree 3 returns its last prediction when no child is true.
 * `unfused` gives one tree Targets, which makes the ensemble score its trees one by one
 * instead of as a forest.
 */
function strategies(unfused: boolean): string {
  const trees = ['nullPrediction', 'defaultChild', 'lastPrediction', 'none', 'defaultChild'].map(
    (strategy, k) => {
      const m = 10 ** k;
      return `<Segment><True/>
      <TreeModel functionName="regression" missingValueStrategy="${strategy}" noTrueChildStrategy="${k === 3 ? 'returnLastPrediction' : 'returnNullPrediction'}">
        <MiningSchema><MiningField name="a"/><MiningField name="b"/></MiningSchema>
        ${unfused && k === 4 ? '<Targets><Target field="y" rescaleFactor="1"/></Targets>' : ''}
        <Node id="top" score="${m}" defaultChild="left"><True/>
          <Node id="left" score="${2 * m}" defaultChild="leftRight">
            <SimplePredicate field="a" operator="lessThan" value="0"/>
            <Node id="leftLeft" score="${3 * m}"><SimplePredicate field="b" operator="lessThan" value="0"/></Node>
            <Node id="leftRight" score="${4 * m}"><SimplePredicate field="b" operator="greaterOrEqual" value="0"/></Node>
          </Node>
          <Node id="right" score="${5 * m}"><SimplePredicate field="a" operator="greaterOrEqual" value="0"/></Node>
        </Node>
      </TreeModel>
    </Segment>`;
    },
  );
  return pmmlDocument({
    dataDictionary: `<DataField name="y" optype="continuous" dataType="double"/>
      <DataField name="a" optype="continuous" dataType="double"/>
      <DataField name="b" optype="continuous" dataType="double"/>`,
    model: `<MiningModel functionName="regression">
      <MiningSchema><MiningField name="y" usageType="target"/><MiningField name="a"/><MiningField name="b"/></MiningSchema>
      <Segmentation multipleModelMethod="sum" missingPredictionTreatment="skipSegment" missingThreshold="1">${trees.join('')}</Segmentation>
    </MiningModel>`,
  });
}

describe('TreeForest', () => {
  it("applies each tree's missing-value strategy as the trees scored one by one do", () => {
    const forestModel = compilePmml(strategies(false));
    const oneByOne = compilePmml(strategies(true));
    const values = [-1, 1, undefined];
    for (const a of values) {
      for (const b of values) {
        const record = { a, b };
        expect([record, forestModel.score(record)]).toEqual([record, oneByOne.score(record)]);
      }
    }
    // b missing: nullPrediction is skipped, defaultChild goes on to leftRight,
    // lastPrediction stops at left, and none finds no true child below left.
    expect(forestModel.score({ a: -1 }).y).toBe(42240);
    // a missing: defaultChild goes on to left then leftLeft, the others stop at the top.
    expect(forestModel.score({ b: -1 }).y).toBe(31130);
    expect(forestModel.score({ a: -1, b: 1 }).y).toBe(44444);
  });

  it('compares doubles exactly when a threshold has no float32 equivalent', () => {
    // Ten trees: more than one lockstep group of eight.
    const model = compilePmml(forest('double', 'lessOrEqual', Array<string>(10).fill('0.1')));
    expect(held(model.score({ v: 0.1 }).y)).toBe('1111111111');
    expect(held(model.score({ v: 0.10000000000000002 }).y)).toBe('0000000000');
  });

  it('turns lessThan on a float field into an equivalent float32 threshold', () => {
    const thresholds = ['0.3', '0.3', '0.3', '1', '1', '1', '1', '1', '1', '1'];
    const model = compilePmml(forest('float', 'lessThan', thresholds));
    // As float32, 0.3 is 0.30000001192…: the input 0.3 equals it, 0.29999998 lies below.
    expect(held(model.score({ v: '0.3' }).y)).toBe('1111111000');
    expect(held(model.score({ v: '0.29999998' }).y)).toBe('1111111111');
  });

  it('compares integer fields with fractional thresholds', () => {
    const thresholds = ['2.5', '3', '-0.5', '2.5', '2.5', '2.5', '2.5', '2.5', '2.5'];
    const model = compilePmml(forest('integer', 'greaterThan', thresholds));
    expect(held(model.score({ v: 3 }).y)).toBe('0111111101');
    expect(held(model.score({ v: 2 }).y)).toBe('0000000100');
  });

  it('compares exactly a value that an outlier treatment put between the integers', () => {
    const model = compilePmml(
      forest('integer', 'greaterThan', ['2.7', '2.2'], 'outliers="asExtremeValues" lowValue="2.5"'),
    );
    expect(held(model.score({ v: 1 }).y)).toBe('0000000010');
  });

  it('decides equal and notEqual exactly', () => {
    const equal = compilePmml(forest('double', 'equal', ['1.5', '2', '1.5']));
    expect(held(equal.score({ v: 1.5 }).y)).toBe('0000000101');
    const notEqual = compilePmml(forest('double', 'notEqual', ['1.5', '2', '1.5']));
    expect(held(notEqual.score({ v: 1.5 }).y)).toBe('0000000010');
  });

  it('walks the same in JavaScript where WebAssembly is not available', () => {
    const global = globalThis as { WebAssembly?: unknown };
    const webAssembly = global.WebAssembly;
    delete global.WebAssembly;
    try {
      const model = compilePmml(forest('float', 'lessThan', Array<string>(9).fill('0.3')));
      expect(held(model.score({ v: '0.3' }).y)).toBe('0000000000');
      expect(held(model.score({ v: '0.29999998' }).y)).toBe('0111111111');
    } finally {
      global.WebAssembly = webAssembly;
    }
  });

  it('sums the same with and without WebAssembly when a tree predicts nothing', () => {
    const text = forest('double', 'lessOrEqual', Array<string>(9).fill('1')).replace(
      '<Node score="1"><SimplePredicate',
      '<Node><SimplePredicate',
    );
    const skipping = text.replace(
      'multipleModelMethod="sum"',
      'multipleModelMethod="sum" missingPredictionTreatment="skipSegment" missingThreshold="1"',
    );
    const scores = (): unknown[] =>
      [text, skipping].flatMap((document) => {
        const model = compilePmml(document);
        return [model.score({ v: 0 }).y, model.score({ v: 2 }).y];
      });
    const withKernel = scores();
    const global = globalThis as { WebAssembly?: unknown };
    const webAssembly = global.WebAssembly;
    delete global.WebAssembly;
    try {
      expect(scores()).toEqual(withKernel);
    } finally {
      global.WebAssembly = webAssembly;
    }
    expect(withKernel).toEqual([null, 0, 111111110, 0]);
  });

  it('hands a missing input to each tree, which then predicts its root (returnLastPrediction)', () => {
    const model = compilePmml(forest('double', 'lessOrEqual', ['1', '2']));
    expect(model.score({}).y).toBe(0);
  });
});
