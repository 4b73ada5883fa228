import { compilePmml } from '../../compile-pmml';
import { distribution, golfTree, treeDocument } from './test-documents';

describe('TreeModel missing values', () => {
  it('skips an unknown child and tries the next one (none)', () => {
    const model = compilePmml(golfTree('missingValueStrategy="none"'));
    expect(model.score({ outlook: 'sunny' }).y).toBeNull();
    expect(model.score({ outlook: 'rain' }).y).toBe('no');
  });

  it('falls back to the parent after none when noTrueChildStrategy is returnLastPrediction', () => {
    const model = compilePmml(
      golfTree('missingValueStrategy="none" noTrueChildStrategy="returnLastPrediction"'),
    );
    expect(model.score({})).toEqual({ y: 'yes', p_yes: 0.6, c_yes: 0.6, node: '1' });
  });

  it('returns the parent of the first unknown child (lastPrediction)', () => {
    const model = compilePmml(golfTree('missingValueStrategy="lastPrediction"'));
    expect(model.score({ outlook: 'sunny' })).toEqual({
      y: 'yes',
      p_yes: 50 / 70,
      c_yes: 50 / 70,
      node: '2',
    });
  });

  it('returns no prediction at the first unknown child (nullPrediction)', () => {
    const model = compilePmml(golfTree('missingValueStrategy="nullPrediction"'));
    expect(model.score({ outlook: 'rain' }).y).toBe('no');
    expect(model.score({ outlook: 'sunny' }).y).toBeNull();
  });

  it('follows the default child and lowers confidences by missingValuePenalty per use', () => {
    const model = compilePmml(
      golfTree('missingValueStrategy="defaultChild" missingValuePenalty="0.8"'),
    );
    expect(model.score({ temp: 70 })).toEqual({
      y: 'yes',
      p_yes: 0.9,
      c_yes: 0.9 * 0.8,
      node: '3',
    });
    expect(model.score({})).toEqual({
      y: 'yes',
      p_yes: 0.9,
      c_yes: 0.9 * Math.pow(0.8, 2),
      node: '3',
    });
  });

  it('weighs the unknown children by their share of records (weightedConfidence)', () => {
    const result = compilePmml(golfTree('missingValueStrategy="weightedConfidence"')).score({
      temp: 70,
    });
    // Node 2 (70 of 100 records) reaches node 3; node 5 has 30 records.
    const yes = 0.7 * 0.9 + 0.3 * (10 / 30);
    expect(result.y).toBe('yes');
    expect(result.c_yes).toBeCloseTo(yes, 15);
    expect(result.p_yes).toBeCloseTo(yes, 15);
    expect(result.node).toBeNull();
  });

  it('adds up the record counts of every reachable leaf (aggregateNodes)', () => {
    const result = compilePmml(golfTree('missingValueStrategy="aggregateNodes"')).score({
      temp: 70,
    });
    // Leaves 3 (yes 45, no 5) and 5 (yes 10, no 20).
    expect(result.y).toBe('yes');
    expect(result.p_yes).toBeCloseTo(55 / 80, 15);
  });

  it('counts a surrogate that decides by a fallback as missing-value handling', () => {
    const tree = treeDocument({
      functionName: 'classification',
      attributes: 'missingValuePenalty="0.5"',
      dataFields: `<DataField name="a" optype="continuous" dataType="double"/>
        <DataField name="b" optype="continuous" dataType="double"/>`,
      miningFields: '<MiningField name="a"/><MiningField name="b"/>',
      output: '<OutputField name="c_yes" feature="confidence" value="yes"/>',
      nodes: `<Node score="no"><True/>${distribution(1, 1)}
        <Node score="yes"><CompoundPredicate booleanOperator="surrogate">
            <SimplePredicate field="a" operator="greaterThan" value="0"/>
            <SimplePredicate field="b" operator="greaterThan" value="0"/>
          </CompoundPredicate>${distribution(3, 1)}</Node>
      </Node>`,
    });
    const model = compilePmml(tree);
    expect(model.score({ a: 1 })).toEqual({ y: 'yes', c_yes: 0.75 });
    expect(model.score({ b: 1 })).toEqual({ y: 'yes', c_yes: 0.375 });
  });

  it('treats a NaN input as a value, not as missing', () => {
    const tree = treeDocument({
      dataFields: '<DataField name="x" optype="continuous" dataType="double"/>',
      miningFields: '<MiningField name="x"/>',
      attributes: 'missingValueStrategy="nullPrediction"',
      nodes: `<Node score="0"><True/>
        <Node score="1"><SimplePredicate field="x" operator="lessOrEqual" value="1"/></Node>
        <Node score="2"><SimplePredicate field="x" operator="notEqual" value="1"/></Node>
      </Node>`,
    });
    expect(compilePmml(tree).score({ x: 'NaN' }).y).toBe(2);
  });
});
