import { compilePmml } from '../../compile-pmml';
import { pmmlDocument } from '../../testing/pmml-document';
import { compileError } from '../../testing/compile-error';

const OUTPUTS = `<Output>
  <OutputField name="predicted" feature="predictedValue" dataType="string"/>
  <OutputField name="confidence" feature="confidence"/>
  <OutputField name="confidenceOfB" feature="confidence" value="b"/>
  <OutputField name="rule" feature="entityId" dataType="string"/>
</Output>`;

/** A classification rule set over x (double) and c (string) predicting y in {a, b, c}. */
function ruleSet(options: {
  rules: string;
  methods?: string;
  ruleSetAttributes?: string;
  output?: string;
  functionName?: string;
  targetType?: string;
}): string {
  return pmmlDocument({
    dataDictionary: `
      <DataField name="x" optype="continuous" dataType="double"/>
      <DataField name="c" optype="categorical" dataType="string"/>
      <DataField name="y" optype="${options.functionName === 'regression' ? 'continuous' : 'categorical'}" dataType="${options.targetType ?? 'string'}"/>`,
    model: `<RuleSetModel functionName="${options.functionName ?? 'classification'}">
      <MiningSchema>
        <MiningField name="x"/><MiningField name="c"/><MiningField name="y" usageType="target"/>
      </MiningSchema>
      ${options.output ?? OUTPUTS}
      <RuleSet ${options.ruleSetAttributes ?? ''}>
        ${options.methods ?? '<RuleSelectionMethod criterion="firstHit"/>'}
        ${options.rules}
      </RuleSet>
    </RuleSetModel>`,
  });
}

function rule(id: string, score: string, predicate: string, extra = ''): string {
  return `<SimpleRule id="${id}" score="${score}" ${extra}>${predicate}</SimpleRule>`;
}

const X_ABOVE_1 = '<SimplePredicate field="x" operator="greaterThan" value="1"/>';
const X_ABOVE_2 = '<SimplePredicate field="x" operator="greaterThan" value="2"/>';
const X_ABOVE_3 = '<SimplePredicate field="x" operator="greaterThan" value="3"/>';

describe('RuleSetModel', () => {
  describe('firstHit', () => {
    const model = compilePmml(
      ruleSet({
        rules: [
          rule('R1', 'a', X_ABOVE_3, 'confidence="0.9"'),
          rule('R2', 'b', X_ABOVE_2, 'confidence="0.7"'),
          rule('R3', 'a', X_ABOVE_1, 'confidence="0.4"'),
        ].join(''),
      }),
    );

    it('predicts the score of the first rule that fires, with its confidence and id', () => {
      expect(model.score({ x: 5 })).toEqual({
        y: 'a',
        predicted: 'a',
        confidence: 0.9,
        confidenceOfB: 0.7,
        rule: 'R1',
      });
    });

    it('gives each fired score the confidence of its first fired rule', () => {
      expect(model.score({ x: 2.5 })).toEqual({
        y: 'b',
        predicted: 'b',
        confidence: 0.7,
        confidenceOfB: 0.7,
        rule: 'R2',
      });
    });

    it('has no confidence for a score that no fired rule predicts', () => {
      expect(model.score({ x: 1.5 })).toMatchObject({ y: 'a', confidenceOfB: null, rule: 'R3' });
    });
  });

  it('weightedSum: averages the weights per score over all fired rules; the heaviest rule of the best score is the entity', () => {
    const model = compilePmml(
      ruleSet({
        methods: '<RuleSelectionMethod criterion="weightedSum"/>',
        rules: [
          rule('R1', 'b', X_ABOVE_1, 'weight="0.9" confidence="0.9"'),
          rule('R2', 'a', X_ABOVE_1, 'weight="0.6" confidence="0.6"'),
          rule('R3', 'a', X_ABOVE_1, 'weight="0.36" confidence="0.36"'),
        ].join(''),
      }),
    );
    const result = model.score({ x: 2 });
    expect(result).toMatchObject({ y: 'a', rule: 'R2' });
    expect(result.confidence).toBeCloseTo((0.6 + 0.36) / 3, 15);
    expect(result.confidenceOfB).toBeCloseTo(0.9 / 3, 15);
  });

  it('weightedMax: takes the heaviest rule per score, then the score whose rule has the highest confidence', () => {
    const model = compilePmml(
      ruleSet({
        methods: '<RuleSelectionMethod criterion="weightedMax"/>',
        rules: [
          rule('R1', 'a', X_ABOVE_1, 'weight="0.9" confidence="0.5"'),
          rule('R2', 'b', X_ABOVE_1, 'weight="0.2" confidence="0.8"'),
          rule('R3', 'b', X_ABOVE_1, 'weight="0.1" confidence="0.95"'),
        ].join(''),
      }),
    );
    expect(model.score({ x: 2 })).toEqual({
      y: 'b',
      predicted: 'b',
      confidence: 0.8,
      confidenceOfB: 0.8,
      rule: 'R2',
    });
  });

  it('uses only the first RuleSelectionMethod', () => {
    const model = compilePmml(
      ruleSet({
        methods:
          '<RuleSelectionMethod criterion="weightedMax"/><RuleSelectionMethod criterion="firstHit"/>',
        rules: [
          rule('R1', 'a', X_ABOVE_1, 'weight="0.1"'),
          rule('R2', 'b', X_ABOVE_1, 'weight="0.9" confidence="2"'),
        ].join(''),
      }),
    );
    expect(model.score({ x: 2 })).toMatchObject({ y: 'b', rule: 'R2' });
  });

  it('predicts the default score and confidence, without an entity, when no rule fires', () => {
    const model = compilePmml(
      ruleSet({
        ruleSetAttributes: 'defaultScore="c" defaultConfidence="0.25"',
        rules: rule('R1', 'a', X_ABOVE_3),
      }),
    );
    expect(model.score({ x: 0 })).toEqual({
      y: 'c',
      predicted: 'c',
      confidence: 0.25,
      confidenceOfB: null,
      rule: null,
    });
  });

  it('predicts nothing when no rule fires and there is no default score', () => {
    const model = compilePmml(ruleSet({ rules: rule('R1', 'a', X_ABOVE_3) }));
    expect(model.score({ x: 0 })).toEqual({
      y: null,
      predicted: null,
      confidence: null,
      confidenceOfB: null,
      rule: null,
    });
  });

  it('does not fire a rule whose predicate is unknown because a value is missing', () => {
    const model = compilePmml(
      ruleSet({
        ruleSetAttributes: 'defaultScore="c"',
        rules: rule('R1', 'a', '<SimplePredicate field="c" operator="notEqual" value="z"/>'),
      }),
    );
    expect(model.score({ x: 0 })).toMatchObject({ y: 'c' });
    expect(model.score({ x: 0, c: 'k' })).toMatchObject({ y: 'a' });
  });

  describe('CompoundRule', () => {
    const model = compilePmml(
      ruleSet({
        rules: `<CompoundRule>
            <SimplePredicate field="c" operator="equal" value="k"/>
            <SimpleRule score="a" confidence="0.8">${X_ABOVE_2}</SimpleRule>
            <SimpleRule score="b" confidence="0.6"><True/></SimpleRule>
          </CompoundRule>
          <SimpleRule score="c" confidence="0.5"><True/></SimpleRule>`,
      }),
    );

    it('fires its nested rules when its predicate is true; rules without id are numbered in document order', () => {
      expect(model.score({ x: 3, c: 'k' })).toMatchObject({ y: 'a', rule: '1' });
      expect(model.score({ x: 1, c: 'k' })).toMatchObject({ y: 'b', rule: '2' });
    });

    it('skips all its nested rules when its predicate is not true', () => {
      expect(model.score({ x: 3, c: 'other' })).toMatchObject({ y: 'c', rule: '3' });
    });
  });

  it('gives the probabilities of the winning rule from its ScoreDistribution record counts', () => {
    const model = compilePmml(
      ruleSet({
        output: `<Output>
          <OutputField name="pA" feature="probability" value="a"/>
          <OutputField name="pB" feature="probability" value="b"/>
        </Output>`,
        rules: rule(
          'R1',
          'a',
          `${X_ABOVE_1}<ScoreDistribution value="a" recordCount="3"/><ScoreDistribution value="b" recordCount="1"/>`,
        ),
      }),
    );
    expect(model.score({ x: 2 })).toEqual({ y: 'a', pA: 0.75, pB: 0.25 });
  });

  it('returns the winning rule for ruleValue outputs', () => {
    const model = compilePmml(
      ruleSet({
        output: `<Output>
          <OutputField name="id" feature="ruleValue" ruleFeature="ruleId" dataType="string"/>
          <OutputField name="conf" feature="ruleValue" ruleFeature="confidence"/>
        </Output>`,
        rules: rule('R7', 'b', X_ABOVE_1, 'confidence="0.3"'),
      }),
    );
    expect(model.score({ x: 2 })).toEqual({ y: 'b', id: 'R7', conf: 0.3 });
  });

  it('predicts the winning score as a number for a regression rule set', () => {
    const model = compilePmml(
      ruleSet({
        functionName: 'regression',
        targetType: 'double',
        output: '',
        rules: [rule('R1', '10.5', X_ABOVE_2), rule('R2', '20', '<True/>')].join(''),
      }),
    );
    expect(model.score({ x: 3 })).toEqual({ y: 10.5 });
    expect(model.score({ x: 1 })).toEqual({ y: 20 });
  });

  it('refuses a RuleSet without RuleSelectionMethod', () => {
    expect(
      compileError(ruleSet({ methods: '', rules: rule('R1', 'a', X_ABOVE_1) })).message,
    ).toMatch(/^RuleSet \(line \d+\): at least one RuleSelectionMethod is required\.$/);
  });

  it('refuses two rules with the same id', () => {
    const error = compileError(
      ruleSet({ rules: rule('R1', 'a', X_ABOVE_1) + rule('R1', 'b', X_ABOVE_2) }),
    );
    expect(error.message).toMatch(/^SimpleRule \(line \d+\): the rule id "R1" is used twice\.$/);
  });

  it('refuses a score that is not a value of the target type', () => {
    const error = compileError(
      ruleSet({
        functionName: 'regression',
        targetType: 'double',
        output: '',
        rules: rule('R1', 'high', X_ABOVE_1),
      }),
    );
    expect(error.code).toBe('INVALID_PMML');
    expect(error.message).toMatch(/^SimpleRule \(line \d+\): "high" is not a valid double\.$/);
  });

  it('refuses a ruleValue output beyond the winning rule', () => {
    const error = compileError(
      ruleSet({
        output:
          '<Output><OutputField name="second" feature="ruleValue" ruleFeature="ruleId" rank="2"/></Output>',
        rules: rule('R1', 'a', X_ABOVE_1),
      }),
    );
    expect(error.code).toBe('UNSUPPORTED');
  });
});
