import { compilePmml } from '../compile-pmml';
import { linearRegression, pmmlDocument } from '../testing/pmml-document';

const X = {
  dataFields: '<DataField name="x" optype="continuous" dataType="double"/>',
  miningFields: '<MiningField name="x"/>',
  predictors: '<NumericPredictor name="x" coefficient="2"/>',
};

describe('Targets', () => {
  const withTarget = (target: string) => compilePmml(linearRegression({ ...X, targets: target }));

  it('clamps to min/max before rescaling', () => {
    const model = withTarget(
      '<Target field="y" min="0" max="10" rescaleFactor="2" rescaleConstant="1"/>',
    );
    expect([-1, 2, 8].map((x) => model.score({ x }).y)).toEqual([1, 9, 21]);
  });

  it('casts to an integer with round, ceiling or floor', () => {
    const cast = (mode: string) =>
      withTarget(`<Target field="y" castInteger="${mode}"/>`).score({ x: 1.3 }).y;
    expect([cast('round'), cast('ceiling'), cast('floor')]).toEqual([3, 3, 2]);
    expect(withTarget('<Target field="y" castInteger="round"/>').score({ x: 1.25 }).y).toBe(3);
  });

  it('predicts the default value when the model has no prediction', () => {
    const model = withTarget('<Target field="y"><TargetValue defaultValue="42"/></Target>');
    expect(model.score({}).y).toBe(42);
  });
});

describe('Output', () => {
  it('computes predictedValue, transformedValue expressions over earlier outputs, and decisions', () => {
    const model = compilePmml(
      linearRegression({
        ...X,
        output: `
          <OutputField name="prediction" feature="predictedValue" dataType="double"/>
          <OutputField name="doubled" feature="transformedValue" dataType="double">
            <Apply function="*"><FieldRef field="prediction"/><Constant>2</Constant></Apply>
          </OutputField>
          <OutputField name="large" feature="decision" dataType="boolean">
            <Apply function="greaterThan"><FieldRef field="doubled"/><Constant>10</Constant></Apply>
          </OutputField>`,
      }),
    );
    expect(model.score({ x: 3 })).toEqual({ y: 6, prediction: 6, doubled: 12, large: true });
    expect(model.resultFields).toEqual(['y', 'prediction', 'doubled', 'large']);
    expect(model.outputFields.map((field) => [field.name, field.feature, field.dataType])).toEqual([
      ['prediction', 'predictedValue', 'double'],
      ['doubled', 'transformedValue', 'double'],
      ['large', 'decision', 'boolean'],
    ]);
  });

  it('computes the residual from the actual target value', () => {
    const model = compilePmml(
      linearRegression({ ...X, output: '<OutputField name="r" feature="residual"/>' }),
    );
    expect(model.score({ x: 3, y: 10 }).r).toBe(4);
    expect(model.score({ x: 3 }).r).toBeNull();
  });

  it('marks intermediate outputs that are not final results', () => {
    const model = compilePmml(
      linearRegression({ ...X, output: '<OutputField name="raw" isFinalResult="false"/>' }),
    );
    expect(model.outputFields[0].isFinalResult).toBe(false);
  });

  it('gives class probabilities, the display value and the predicted category of a classifier', () => {
    const model = compilePmml(
      pmmlDocument({
        dataDictionary: `
          <DataField name="x" optype="continuous" dataType="double"/>
          <DataField name="class" optype="categorical" dataType="string">
            <Value value="yes" displayValue="Yes!"/><Value value="no"/>
          </DataField>`,
        model: `<RegressionModel functionName="classification" normalizationMethod="logit">
          <MiningSchema><MiningField name="class" usageType="target"/><MiningField name="x"/></MiningSchema>
          <Output>
            <OutputField name="p(yes)" feature="probability" value="yes"/>
            <OutputField name="p" feature="probability"/>
            <OutputField name="label" feature="predictedDisplayValue"/>
          </Output>
          <RegressionTable intercept="0" targetCategory="yes"><NumericPredictor name="x" coefficient="1"/></RegressionTable>
          <RegressionTable intercept="0" targetCategory="no"/>
        </RegressionModel>`,
      }),
    );
    const result = model.score({ x: Math.log(3) });
    expect(result.class).toBe('yes');
    expect(result['p(yes)']).toBeCloseTo(0.75, 15);
    expect(result.p).toBeCloseTo(0.75, 15);
    expect(result.label).toBe('Yes!');
    expect(model.score({ x: -Math.log(3) }).label).toBe('no');
  });

  it('refuses an output feature the model cannot produce when compiling', () => {
    expect(() =>
      compilePmml(
        linearRegression({ ...X, output: '<OutputField name="r" feature="ruleValue"/>' }),
      ),
    ).toThrow('the output feature "ruleValue" is not supported for this model');
  });
});
