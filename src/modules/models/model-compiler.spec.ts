import { ValidationError } from '../../core/errors/domain-errors';
import { ModelCompiler } from './model-compiler';

const DOCUMENT = `<PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4">
  <DataDictionary>
    <DataField name="day" optype="continuous" dataType="dateDaysSince[1970]"/>
    <DataField name="at" optype="continuous" dataType="dateTime"/>
    <DataField name="label" optype="categorical" dataType="string"><Value value="a"/></DataField>
    <DataField name="y" optype="continuous" dataType="double"/>
  </DataDictionary>
  <RegressionModel functionName="regression" modelName="m">
    <MiningSchema>
      <MiningField name="y" usageType="target"/>
      <MiningField name="day"/>
      <MiningField name="at"/>
      <MiningField name="label"/>
    </MiningSchema>
    <Output><OutputField name="p" feature="predictedValue" dataType="float"/></Output>
    <RegressionTable intercept="1"><NumericPredictor name="day" coefficient="1"/></RegressionTable>
  </RegressionModel>
</PMML>`;

describe('ModelCompiler', () => {
  const compiler = new ModelCompiler();

  it('describes fields as Zementis does: usage, name and the type in capitals', () => {
    const model = compiler.compile(DOCUMENT);
    expect(compiler.inputFields(model)).toEqual([
      { usage: 'active', name: 'day', type: 'DATE_DAYS_SINCE_1970' },
      { usage: 'active', name: 'at', type: 'DATE_TIME' },
      { usage: 'active', name: 'label', type: 'STRING' },
    ]);
    expect(compiler.outputFields(model)).toEqual([
      { usage: 'predicted', name: 'y', type: 'DOUBLE' },
      { usage: 'output', name: 'p', type: 'FLOAT' },
    ]);
  });

  it('reports XML that is not well formed as "Invalid XML format." followed by the reason', () => {
    let caught: unknown;
    try {
      compiler.compile('<PMML><Header></PMML>');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    const { messages } = caught as ValidationError;
    expect(messages[0]).toBe('Invalid XML format.');
    expect(messages).toHaveLength(2);
  });

  it('reports an unusable document with the engine message', () => {
    expect(() => compiler.compile(DOCUMENT.replace('functionName="regression"', ''))).toThrow(
      ValidationError,
    );
  });
});
