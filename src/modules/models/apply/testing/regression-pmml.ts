/**
 * Test helper: a PMML linear regression `y = intercept + slope·x` named `modelName`, with the
 * outputs `predicted` (y), `half` (y / 2) and a text output `sign` ("neg, low" below zero, else "pos"). A value
 * of x that is not a number fails the record.
 */
export function regressionPmml(modelName: string, slope = 2, intercept = 1): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4">
  <Header/>
  <DataDictionary>
    <DataField name="x" optype="continuous" dataType="double"/>
    <DataField name="y" optype="continuous" dataType="double"/>
  </DataDictionary>
  <RegressionModel functionName="regression" modelName="${modelName}">
    <MiningSchema>
      <MiningField name="y" usageType="target"/>
      <MiningField name="x" invalidValueTreatment="returnInvalid"/>
    </MiningSchema>
    <Output>
      <OutputField name="predicted" feature="predictedValue" dataType="double" optype="continuous"/>
      <OutputField name="half" feature="transformedValue" dataType="double" optype="continuous">
        <Apply function="/"><FieldRef field="predicted"/><Constant>2</Constant></Apply>
      </OutputField>
      <OutputField name="sign" feature="transformedValue" dataType="string" optype="categorical">
        <Apply function="if">
          <Apply function="lessThan"><FieldRef field="predicted"/><Constant>0</Constant></Apply>
          <Constant>neg, low</Constant>
          <Constant>pos</Constant>
        </Apply>
      </OutputField>
    </Output>
    <RegressionTable intercept="${intercept}">
      <NumericPredictor name="x" coefficient="${slope}"/>
    </RegressionTable>
  </RegressionModel>
</PMML>`;
}
