import { compilePmml } from '../../compile-pmml';
import { golfTree, treeDocument } from './test-documents';

/** A regression tree on x: < 10 → 1, <= 20 → 2 (the root scores 0). */
function stepTree(attributes = '', fieldType = 'double'): string {
  return treeDocument({
    attributes,
    dataFields: `<DataField name="x" optype="continuous" dataType="${fieldType}"/>`,
    miningFields: '<MiningField name="x"/>',
    output: '<OutputField name="node" feature="entityId"/>',
    nodes: `<Node id="root" score="0"><True/>
      <Node id="low" score="1"><SimplePredicate field="x" operator="lessThan" value="10"/></Node>
      <Node score="2"><SimplePredicate field="x" operator="lessOrEqual" value="20"/></Node>
    </Node>`,
  });
}

describe('TreeModel', () => {
  it('returns the score of the first child whose predicate is true', () => {
    const model = compilePmml(stepTree());
    expect(model.score({ x: 3 })).toEqual({ y: 1, node: 'low' });
    expect(model.score({ x: 10 })).toEqual({ y: 2, node: '3' });
  });

  it('numbers nodes without an id by their 1-based depth-first position', () => {
    expect(compilePmml(stepTree()).score({ x: 15 }).node).toBe('3');
  });

  it('returns no prediction when no child is true (returnNullPrediction)', () => {
    expect(compilePmml(stepTree()).score({ x: 25 })).toEqual({ y: null, node: null });
  });

  it('returns the parent when no child is true and noTrueChildStrategy is returnLastPrediction', () => {
    const model = compilePmml(stepTree('noTrueChildStrategy="returnLastPrediction"'));
    expect(model.score({ x: 25 })).toEqual({ y: 0, node: 'root' });
  });

  it('compares float fields as float32 values, with thresholds parsed as float', () => {
    const tree = (type: string): string =>
      treeDocument({
        dataFields: `<DataField name="x" optype="continuous" dataType="${type}"/>`,
        miningFields: '<MiningField name="x"/>',
        nodes: `<Node score="0"><True/>
          <Node score="1"><SimplePredicate field="x" operator="lessOrEqual" value="0.1"/></Node>
        </Node>`,
      });
    // 0.1000000012 lies above the double 0.1 but rounds to the same float32 as 0.1.
    expect(compilePmml(tree('float')).score({ x: '0.1000000012' }).y).toBe(1);
    expect(compilePmml(tree('double')).score({ x: '0.1000000012' }).y).toBeNull();
  });

  it('evaluates equal and notEqual on numbers exactly', () => {
    const tree = treeDocument({
      dataFields: '<DataField name="x" optype="continuous" dataType="double"/>',
      miningFields: '<MiningField name="x"/>',
      nodes: `<Node score="0"><True/>
        <Node score="1"><SimplePredicate field="x" operator="equal" value="2.5"/></Node>
        <Node score="2"><SimplePredicate field="x" operator="notEqual" value="7"/></Node>
      </Node>`,
    });
    const model = compilePmml(tree);
    expect(model.score({ x: 2.5 }).y).toBe(1);
    expect(model.score({ x: 2.5000000000000004 }).y).toBe(2);
    expect(model.score({ x: 7 }).y).toBeNull();
  });

  it('evaluates string, set and compound predicates', () => {
    const tree = treeDocument({
      dataFields: `<DataField name="s" optype="categorical" dataType="string"/>
        <DataField name="x" optype="continuous" dataType="double"/>`,
      miningFields: '<MiningField name="s"/><MiningField name="x"/>',
      nodes: `<Node score="0"><True/>
        <Node score="1"><SimplePredicate field="s" operator="equal" value="a"/></Node>
        <Node score="2"><SimpleSetPredicate field="s" booleanOperator="isIn"><Array type="string">b c</Array></SimpleSetPredicate></Node>
        <Node score="3"><CompoundPredicate booleanOperator="and">
          <SimplePredicate field="s" operator="equal" value="d"/>
          <SimplePredicate field="x" operator="greaterThan" value="1"/>
        </CompoundPredicate></Node>
      </Node>`,
    });
    const model = compilePmml(tree);
    expect(model.score({ s: 'a', x: 0 }).y).toBe(1);
    expect(model.score({ s: 'c', x: 0 }).y).toBe(2);
    expect(model.score({ s: 'd', x: 2 }).y).toBe(3);
    expect(model.score({ s: 'd', x: 0 }).y).toBeNull();
  });

  it('predicts nothing when the root predicate is false', () => {
    const tree = treeDocument({
      dataFields: '<DataField name="x" optype="continuous" dataType="double"/>',
      miningFields: '<MiningField name="x"/>',
      nodes: `<Node score="1"><SimplePredicate field="x" operator="greaterThan" value="0"/></Node>`,
    });
    expect(compilePmml(tree).score({ x: -1 }).y).toBeNull();
    expect(compilePmml(tree).score({ x: 1 }).y).toBe(1);
  });

  it('predicts the node score with probabilities from record counts and the given confidences', () => {
    const result = compilePmml(golfTree('')).score({ outlook: 'sunny', temp: 85 });
    expect(result).toEqual({ y: 'no', p_yes: 5 / 20, c_yes: 0.25, node: '4' });
  });

  it('reads probabilities from the probability attribute when the first distribution has one', () => {
    const tree = treeDocument({
      functionName: 'classification',
      dataFields: '',
      miningFields: '',
      output: `<OutputField name="p_no" feature="probability" value="no"/>
        <OutputField name="c_no" feature="confidence" value="no"/>`,
      nodes: `<Node score="yes"><True/>
        <ScoreDistribution value="yes" recordCount="3" probability="0.2"/>
        <ScoreDistribution value="no" recordCount="1" probability="0.6"/>
      </Node>`,
    });
    // Probabilities are normalised to sum to 1; without confidences JPMML reports 0.
    expect(compilePmml(tree).score({})).toEqual({ y: 'yes', p_no: 0.6 / 0.8, c_no: 0 });
  });

  it('refuses models embedded in nodes', () => {
    const tree = treeDocument({
      dataFields: '',
      miningFields: '',
      nodes: `<Node score="1"><True/><Regression functionName="regression"/></Node>`,
    });
    expect(() => compilePmml(tree)).toThrow(/embedded in tree nodes are not supported/);
  });
});
