import { compilePmml } from './compile-pmml';
import { linearRegression, pmmlDocument } from './testing/pmml-document';
import { compileError } from './testing/compile-error';

const ONE_INPUT = {
  dataFields: '<DataField name="x" optype="continuous" dataType="double"/>',
  miningFields: '<MiningField name="x"/>',
  predictors: '<NumericPredictor name="x" coefficient="2"/>',
  intercept: 1,
};

describe('compilePmml', () => {
  it('scores a record and describes the model', () => {
    const model = compilePmml(linearRegression(ONE_INPUT));
    expect(model.score({ x: 3 })).toEqual({ y: 7 });
    expect(model.description).toMatchObject({
      modelType: 'RegressionModel',
      functionName: 'regression',
      pmmlVersion: '4.4',
      headerDescription: undefined,
    });
    const described = linearRegression(ONE_INPUT).replace(
      '<Header/>',
      '<Header description="Predicts y from x"/>',
    );
    expect(compilePmml(described).description.headerDescription).toBe('Predicts y from x');
    expect(model.inputFields).toEqual([
      { name: 'x', dataType: 'double', opType: 'continuous', usageType: 'active' },
    ]);
    expect(model.targetFields.map((field) => field.name)).toEqual(['y']);
    expect(model.resultFields).toEqual(['y']);
  });

  it('reads numbers given as text, as CSV cells are', () => {
    expect(compilePmml(linearRegression(ONE_INPUT)).score({ x: '3.5' })).toEqual({ y: 8 });
  });

  it('refuses a document whose root is not PMML', () => {
    const error = compileError('<Model/>');
    expect(error.code).toBe('INVALID_PMML');
    expect(error.message).toBe('The root element is Model, not PMML.');
  });

  it('names the element and attribute when a required attribute is missing', () => {
    const error = compileError(
      pmmlDocument({ dataDictionary: '<DataField name="x" optype="continuous"/>', model: '' }),
    );
    expect(error.message).toMatch(
      /^DataField \(line \d+\): the required attribute "dataType" is missing\.$/,
    );
  });

  it('refuses a MiningField that names no DataField', () => {
    const error = compileError(
      linearRegression({ ...ONE_INPUT, miningFields: '<MiningField name="z"/>' }),
    );
    expect(error.code).toBe('INVALID_PMML');
    expect(error.message).toContain('the field "z" is not defined');
  });

  it('refuses an unsupported model type when compiling, not when scoring', () => {
    const error = compileError(
      pmmlDocument({
        dataDictionary: '<DataField name="x" optype="continuous" dataType="double"/>',
        model: '<TimeSeriesModel functionName="timeSeries"><MiningSchema/></TimeSeriesModel>',
      }),
    );
    expect(error.code).toBe('UNSUPPORTED');
    expect(error.message).toContain('TimeSeriesModel is not supported');
  });

  it('refuses a document without a model', () => {
    expect(compileError(pmmlDocument({ dataDictionary: '', model: '' })).message).toBe(
      'PMML: the document contains no model element.',
    );
  });

  it('refuses derived fields that depend on each other in a cycle', () => {
    const error = compileError(
      linearRegression({
        ...ONE_INPUT,
        transformations: `
          <DerivedField name="a" optype="continuous" dataType="double"><FieldRef field="b"/></DerivedField>
          <DerivedField name="b" optype="continuous" dataType="double"><FieldRef field="a"/></DerivedField>`,
      }),
    );
    expect(error.message).toMatch(/DerivedField "(a|b)" depends on itself/);
  });

  it('refuses DefineFunctions that call each other recursively', () => {
    const error = compileError(
      linearRegression({
        ...ONE_INPUT,
        transformations: `
          <DefineFunction name="f" optype="continuous" dataType="double"><ParameterField name="p"/>
            <Apply function="g"><FieldRef field="p"/></Apply></DefineFunction>
          <DefineFunction name="g" optype="continuous" dataType="double"><ParameterField name="p"/>
            <Apply function="f"><FieldRef field="p"/></Apply></DefineFunction>`,
      }),
    );
    expect(error.message).toMatch(/calls itself/);
  });

  it('evaluates DerivedFields and DefineFunctions from the TransformationDictionary', () => {
    const model = compilePmml(
      linearRegression({
        ...ONE_INPUT,
        predictors: '<NumericPredictor name="scaled" coefficient="1"/>',
        intercept: 0,
        transformations: `
          <DefineFunction name="scale" optype="continuous" dataType="double">
            <ParameterField name="v" dataType="double"/><ParameterField name="by" dataType="double"/>
            <Apply function="*"><FieldRef field="v"/><FieldRef field="by"/></Apply>
          </DefineFunction>
          <DerivedField name="scaled" optype="continuous" dataType="double">
            <Apply function="scale"><FieldRef field="x"/><Constant>10</Constant></Apply>
          </DerivedField>`,
      }),
    );
    expect(model.score({ x: 1.5 })).toEqual({ y: 15 });
  });
});

describe('CompiledPmml batches', () => {
  const model = compilePmml(
    linearRegression({
      dataFields:
        '<DataField name="x" optype="continuous" dataType="double"><Interval closure="closedClosed" leftMargin="0" rightMargin="10"/></DataField>',
      miningFields: '<MiningField name="x" invalidValueTreatment="returnInvalid"/>',
      predictors: '<NumericPredictor name="x" coefficient="1"/>',
    }),
  );

  it('scores the valid records of a batch and reports the invalid one', () => {
    const batch = model.scoreBatch([{ x: 1 }, { x: 11 }, { x: 2 }]);
    expect(batch.results).toEqual([{ y: 1 }, null, { y: 2 }]);
    expect(batch.errors[0]).toBeNull();
    expect(batch.errors[1]).toMatchObject({
      code: 'INVALID_VALUE',
      message: 'Field "x" has the invalid value 11.',
    });
    expect(batch.errors[2]).toBeNull();
  });

  it('scores columns into result columns', () => {
    const result = model.scoreColumns({ x: [1, 'abc', 3] }, 3);
    expect(result.columns).toEqual({ y: [1, null, 3] });
    expect(result.errors.map((error) => error?.code ?? null)).toEqual([
      null,
      'INVALID_VALUE',
      null,
    ]);
  });
});
