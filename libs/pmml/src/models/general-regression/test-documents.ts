import { PmmlError } from '../../errors';
import { pmmlDocument } from '../../testing/pmml-document';

/** Test helper: the code of the PmmlError an action throws, undefined when it throws none. */
export function errorCode(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof PmmlError) return error.code;
    throw error;
  }
  return undefined;
}

/** Test helper: a continuous target y. */
export const CONTINUOUS_TARGET = '<DataField name="y" optype="continuous" dataType="double"/>';

/** Test helper: a categorical target y with the given categories, in that order. */
export function categoricalTarget(categories: readonly string[], opType = 'categorical'): string {
  const values = categories.map((category) => `<Value value="${category}"/>`).join('');
  return `<DataField name="y" optype="${opType}" dataType="string">${values}</DataField>`;
}

/**
 * Test helper: a GeneralRegressionModel over x and t (continuous doubles) and g (categories
 * a, b, c, d), with x and t as covariates and g as factor unless `lists` replaces them.
 */
export function grmDocument(options: {
  attributes: string;
  target: string;
  parameters: readonly string[];
  ppMatrix: string;
  paramMatrix: string;
  lists?: string;
  extra?: string;
  output?: string;
  extraFields?: string;
  extraMiningFields?: string;
}): string {
  const parameterList = options.parameters
    .map((parameter) =>
      parameter.startsWith('<') ? parameter : `<Parameter name="${parameter}"/>`,
    )
    .join('');
  return pmmlDocument({
    dataDictionary: `${options.target}
      <DataField name="x" optype="continuous" dataType="double"/>
      <DataField name="t" optype="continuous" dataType="double"/>
      <DataField name="g" optype="categorical" dataType="string">
        <Value value="a"/><Value value="b"/><Value value="c"/><Value value="d"/>
      </DataField>${options.extraFields ?? ''}`,
    model: `<GeneralRegressionModel ${options.attributes}>
      <MiningSchema>
        <MiningField name="y" usageType="target"/>
        <MiningField name="x"/><MiningField name="t"/><MiningField name="g"/>${options.extraMiningFields ?? ''}
      </MiningSchema>
      ${options.output ? `<Output>${options.output}</Output>` : ''}
      <ParameterList>${parameterList}</ParameterList>
      ${
        options.lists ??
        `<FactorList><Predictor name="g"/></FactorList>
         <CovariateList><Predictor name="x"/><Predictor name="t"/></CovariateList>`
      }
      <PPMatrix>${options.ppMatrix}</PPMatrix>
      ${options.extra ?? ''}
      <ParamMatrix>${options.paramMatrix}</ParamMatrix>
    </GeneralRegressionModel>`,
  });
}

/** Test helper: PCells from [parameter, beta] pairs, optionally for one target category. */
export function pCells(
  cells: readonly (readonly [string, number])[],
  targetCategory?: string,
): string {
  const category = targetCategory === undefined ? '' : ` targetCategory="${targetCategory}"`;
  return cells
    .map(([parameter, beta]) => `<PCell parameterName="${parameter}" beta="${beta}"${category}/>`)
    .join('');
}
