/** Test helper: wraps a DataDictionary and a model (plus optional extras) into a PMML 4.4 document. */
export function pmmlDocument(parts: {
  dataDictionary: string;
  model: string;
  transformations?: string;
}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4">
  <Header/>
  <DataDictionary>${parts.dataDictionary}</DataDictionary>
  ${parts.transformations ? `<TransformationDictionary>${parts.transformations}</TransformationDictionary>` : ''}
  ${parts.model}
</PMML>`;
}

/**
 * A linear regression y = intercept + Σ coefficient·x over the given fields, with the
 * MiningFields, DataFields and Output given as XML. Fields default to continuous doubles.
 */
export function linearRegression(options: {
  dataFields?: string;
  miningFields: string;
  predictors: string;
  intercept?: number;
  output?: string;
  targets?: string;
  localTransformations?: string;
  transformations?: string;
}): string {
  return pmmlDocument({
    dataDictionary: `<DataField name="y" optype="continuous" dataType="double"/>${options.dataFields ?? ''}`,
    transformations: options.transformations,
    model: `<RegressionModel functionName="regression">
      <MiningSchema><MiningField name="y" usageType="target"/>${options.miningFields}</MiningSchema>
      ${options.output ? `<Output>${options.output}</Output>` : ''}
      ${options.targets ? `<Targets>${options.targets}</Targets>` : ''}
      ${options.localTransformations ? `<LocalTransformations>${options.localTransformations}</LocalTransformations>` : ''}
      <RegressionTable intercept="${options.intercept ?? 0}">${options.predictors}</RegressionTable>
    </RegressionModel>`,
  });
}
