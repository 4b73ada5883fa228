import { compilePmml } from '../../compile-pmml';
import { CONTINUOUS_TARGET, errorCode, grmDocument, pCells } from './test-documents';

/** y = 1 + 2x + 0.5x² + 3xt + 10[g=a]x */
const POLYNOMIAL = {
  attributes: 'modelType="regression" functionName="regression"',
  target: CONTINUOUS_TARGET,
  parameters: ['p0', 'p1', 'p2', 'p3', 'p4'],
  ppMatrix: `
    <PPCell value="1" predictorName="x" parameterName="p1"/>
    <PPCell value="2" predictorName="x" parameterName="p2"/>
    <PPCell value="1" predictorName="x" parameterName="p3"/>
    <PPCell value="1" predictorName="t" parameterName="p3"/>
    <PPCell value="a" predictorName="g" parameterName="p4"/>
    <PPCell value="1" predictorName="x" parameterName="p4"/>`,
  paramMatrix: pCells([
    ['p0', 1],
    ['p1', 2],
    ['p2', 0.5],
    ['p3', 3],
    ['p4', 10],
  ]),
};

describe('GeneralRegressionModel (regression, generalLinear)', () => {
  it('sums beta × parameter value: intercept, exponents, covariate products and factor interactions', () => {
    const model = compilePmml(grmDocument(POLYNOMIAL));
    expect(model.score({ x: 2, t: 3, g: 'a' }).y).toBe(45);
    expect(model.score({ x: 2, t: 3, g: 'b' }).y).toBe(25);
  });

  it('predicts nothing when an input of a parameter row is missing', () => {
    const model = compilePmml(grmDocument(POLYNOMIAL));
    expect(model.score({ x: 2, g: 'a' }).y).toBeNull();
    expect(model.score({ x: 2, t: 3 }).y).toBeNull();
  });

  it('does not read the covariates of a row whose factor does not match', () => {
    const model = compilePmml(
      grmDocument({
        ...POLYNOMIAL,
        attributes: 'modelType="generalLinear" functionName="regression"',
        parameters: ['p0', 'p4'],
        paramMatrix: pCells([
          ['p0', 1],
          ['p4', 10],
        ]),
      }),
    );
    expect(model.score({ g: 'b' }).y).toBe(1);
    expect(model.score({ g: 'a' }).y).toBeNull();
    expect(model.score({ g: 'a', x: 0.5 }).y).toBe(6);
  });

  it('codes a factor through its contrast matrix and Categories', () => {
    const model = compilePmml(
      grmDocument({
        attributes: 'modelType="generalLinear" functionName="regression"',
        target: CONTINUOUS_TARGET,
        parameters: ['p0', 'p1', 'p2'],
        lists: `<FactorList>
          <Predictor name="g" contrastMatrixType="deviation">
            <Categories><Category value="a"/><Category value="b"/><Category value="c"/></Categories>
            <Matrix nbRows="3" nbCols="2">
              <Array type="real">1 0</Array><Array type="real">0 1</Array><Array type="real">-1 -1</Array>
            </Matrix>
          </Predictor>
        </FactorList>`,
        ppMatrix: `
          <PPCell value="a" predictorName="g" parameterName="p1"/>
          <PPCell value="b" predictorName="g" parameterName="p2"/>`,
        paramMatrix: pCells([
          ['p0', 10],
          ['p1', 2],
          ['p2', 3],
        ]),
      }),
    );
    expect(['a', 'b', 'c'].map((g) => model.score({ g }).y)).toEqual([12, 13, 5]);
    expect(errorCode(() => model.score({ g: 'd' }))).toBe('EVALUATION');
  });

  it('refuses a PPCell whose predictor is neither a factor nor a covariate', () => {
    const document = grmDocument({
      ...POLYNOMIAL,
      lists: '<CovariateList><Predictor name="x"/></CovariateList>',
    });
    expect(errorCode(() => compilePmml(document))).toBe('INVALID_PMML');
  });

  it('computes the standardError as sqrt(xᵀ Σ x) from the PCovMatrix', () => {
    const model = compilePmml(
      grmDocument({
        attributes: 'modelType="regression" functionName="regression"',
        target: CONTINUOUS_TARGET,
        parameters: ['p0', 'p1'],
        ppMatrix: '<PPCell value="1" predictorName="x" parameterName="p1"/>',
        extra: `<PCovMatrix>
          <PCovCell pRow="p0" pCol="p0" value="0.04"/>
          <PCovCell pRow="p1" pCol="p0" value="-0.005"/>
          <PCovCell pRow="p1" pCol="p1" value="0.01"/>
        </PCovMatrix>`,
        paramMatrix: pCells([
          ['p0', 1],
          ['p1', 2],
        ]),
        output: '<OutputField name="se" feature="standardError"/>',
      }),
    );
    // 0.04 + 2·2·(−0.005) + 2²·0.01 = 0.06
    expect(model.score({ x: 2 }).se).toBeCloseTo(Math.sqrt(0.06), 15);
    expect(model.score({}).se).toBeNull();
  });
});

describe('GeneralRegressionModel (generalizedLinear regression)', () => {
  const generalized = (
    attributes: string,
    extra: Partial<Parameters<typeof grmDocument>[0]> = {},
  ) =>
    compilePmml(
      grmDocument({
        attributes: `modelType="generalizedLinear" functionName="regression" ${attributes}`,
        target: CONTINUOUS_TARGET,
        parameters: ['p0', 'p1'],
        ppMatrix: '<PPCell value="1" predictorName="x" parameterName="p1"/>',
        paramMatrix: pCells([
          ['p0', 0.25],
          ['p1', 1],
        ]),
        ...extra,
      }),
    );

  it.each([
    ['identity', '', (eta: number) => eta],
    ['log', '', (eta: number) => Math.exp(eta)],
    ['logc', '', (eta: number) => 1 - Math.exp(eta)],
    ['logit', '', (eta: number) => 1 / (1 + Math.exp(-eta))],
    ['cloglog', '', (eta: number) => 1 - Math.exp(-Math.exp(eta))],
    ['loglog', '', (eta: number) => Math.exp(-Math.exp(-eta))],
    ['power', 'linkParameter="-1"', (eta: number) => 1 / eta],
    ['power', 'linkParameter="0"', (eta: number) => Math.exp(eta)],
    ['oddspower', 'linkParameter="2"', (eta: number) => 1 / (1 + Math.pow(1 + 2 * eta, -0.5))],
    ['negbin', 'distParameter="2"', (eta: number) => 1 / (2 * (Math.exp(-eta) - 1))],
  ])('applies the inverse of the %s link %s', (link, parameter, inverse) => {
    const model = generalized(`linkFunction="${link}" ${parameter}`);
    expect(model.score({ x: 0.5 }).y).toBeCloseTo(inverse(0.75), 14);
  });

  it('adds the offset before the inverse link and multiplies by the trials after it', () => {
    const model = generalized('linkFunction="log" offsetValue="0.5" trialsValue="3"');
    expect(model.score({ x: 0.5 }).y).toBe(Math.exp(1.25) * 3);
  });

  it('reads the offset and the trials from fields, and fails when one is missing', () => {
    const model = generalized('linkFunction="identity" offsetVariable="o" trialsVariable="n"', {
      extraFields: `<DataField name="o" optype="continuous" dataType="double"/>
          <DataField name="n" optype="continuous" dataType="double"/>`,
      extraMiningFields: '<MiningField name="o"/><MiningField name="n"/>',
    });
    expect(model.score({ x: 0.5, o: 1, n: 4 }).y).toBe(7);
    expect(errorCode(() => model.score({ x: 0.5, o: 1 }))).toBe('EVALUATION');
    expect(errorCode(() => model.score({ x: 0.5, o: 1, n: 1.5 }))).toBe('EVALUATION');
  });

  it('refuses a missing linkFunction or a power link without linkParameter', () => {
    expect(errorCode(() => generalized(''))).toBe('INVALID_PMML');
    expect(errorCode(() => generalized('linkFunction="power"'))).toBe('INVALID_PMML');
  });

  it('refuses the standardError feature, which it cannot compute for a link', () => {
    const document = () =>
      generalized('linkFunction="log"', {
        output: '<OutputField name="se" feature="standardError"/>',
      });
    expect(errorCode(document)).toBe('UNSUPPORTED');
  });
});
