import { expressionOf } from '../functions/testing/expression-fixture';

describe('Constant', () => {
  it('types untyped numbers by how they are written: integers without a point', () => {
    expect(
      expressionOf('<Apply function="/"><Constant>7</Constant><Constant>2</Constant></Apply>')(),
    ).toBe(3);
    expect(
      expressionOf('<Apply function="/"><Constant>7.0</Constant><Constant>2</Constant></Apply>')(),
    ).toBe(3.5);
  });

  it('reads empty content as an empty string, or as missing for a non-string dataType', () => {
    expect(expressionOf('<Apply function="stringLength"><Constant></Constant></Apply>')()).toBe(0);
    expect(
      expressionOf('<Apply function="isMissing"><Constant dataType="double"></Constant></Apply>')(),
    ).toBe(true);
  });

  it("reads a SAS Constant naming a DefineFunction parameter as that parameter's value", () => {
    const sasFunction = `<DefineFunction name="SAS-FORMAT-$CHARw" optype="categorical" dataType="string">
        <ParameterField name="FMTWIDTH" optype="continuous"/>
        <ParameterField name="AnyCInput" optype="continuous"/>
        <Apply function="substring"><FieldRef field="AnyCInput"/><Constant>1</Constant><Constant>FMTWIDTH</Constant></Apply>
      </DefineFunction>`;
    const format = expressionOf(
      '<Apply function="SAS-FORMAT-$CHARw"><Constant>3</Constant><FieldRef field="s"/></Apply>',
      sasFunction,
    );
    expect(format({ s: 'Associate' })).toBe('Ass');
  });

  it('keeps a Constant that names a parameter outside function bodies as text', () => {
    expect(
      expressionOf('<Apply function="lowercase"><Constant>FMTWIDTH</Constant></Apply>')(),
    ).toBe('fmtwidth');
  });
});
