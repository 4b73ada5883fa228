import { compilePmml } from '../../compile-pmml';
import { categoricalTarget, errorCode, grmDocument, pCells } from './test-documents';

const X_ROW = '<PPCell value="1" predictorName="x" parameterName="p1"/>';

function probabilityOutputs(categories: readonly string[]): string {
  return categories
    .map(
      (category) => `<OutputField name="P_${category}" feature="probability" value="${category}"/>`,
    )
    .join('');
}

function logistic(eta: number): number {
  return 1 / (1 + Math.exp(-eta));
}

describe('GeneralRegressionModel (multinomialLogistic)', () => {
  /** Scores a: 1 + 0.5x, c: −1 + x, against the reference category b. */
  const multinomial = (attributes: string) =>
    compilePmml(
      grmDocument({
        attributes: `modelType="multinomialLogistic" functionName="classification" ${attributes}`,
        target: categoricalTarget(['a', 'b', 'c']),
        parameters: ['p0', 'p1'],
        ppMatrix: X_ROW,
        paramMatrix:
          pCells(
            [
              ['p0', 1],
              ['p1', 0.5],
            ],
            'a',
          ) +
          pCells(
            [
              ['p0', -1],
              ['p1', 1],
            ],
            'c',
          ),
        output: probabilityOutputs(['a', 'b', 'c']),
      }),
    );

  it.each([
    ['named', 'targetReferenceCategory="b"'],
    ['inferred', ''],
  ])(
    'gives every category a probability, the %s reference category included',
    (_reference, attributes) => {
      const result = multinomial(attributes).score({ x: 2 });
      const sum = Math.exp(2) + 1 + Math.exp(1);
      expect(result.y).toBe('a');
      expect(result.P_a).toBeCloseTo(Math.exp(2) / sum, 15);
      expect(result.P_b).toBeCloseTo(1 / sum, 15);
      expect(result.P_c).toBeCloseTo(Math.exp(1) / sum, 15);
    },
  );

  it('predicts nothing, and no probabilities, when an input is missing', () => {
    expect(multinomial('').score({})).toEqual({ y: null, P_a: null, P_b: null, P_c: null });
  });

  it('uses the PPCells of a target category instead of the shared ones for that category', () => {
    const model = compilePmml(
      grmDocument({
        attributes: 'modelType="multinomialLogistic" functionName="classification"',
        target: categoricalTarget(['a', 'b']),
        parameters: ['p1'],
        ppMatrix: `${X_ROW}<PPCell value="2" predictorName="x" parameterName="p1" targetCategory="a"/>`,
        paramMatrix: pCells([['p1', 1]], 'a'),
        output: probabilityOutputs(['a']),
      }),
    );
    // Category a reads p1 as x², not x.
    expect(model.score({ x: 3 }).P_a).toBeCloseTo(Math.exp(9) / (Math.exp(9) + 1), 15);
  });

  it('refuses a model whose reference category cannot be told', () => {
    const document = grmDocument({
      attributes: 'modelType="multinomialLogistic" functionName="classification"',
      target: categoricalTarget(['a', 'b', 'c']),
      parameters: ['p0'],
      ppMatrix: '',
      paramMatrix: pCells([['p0', 1]], 'a'),
    });
    expect(errorCode(() => compilePmml(document))).toBe('INVALID_PMML');
  });
});

describe('GeneralRegressionModel (ordinalMultinomial)', () => {
  /** Thresholds low: −1, mid: 1; shared slope 0.5 on x. */
  const ordinal = (link: string) =>
    compilePmml(
      grmDocument({
        attributes: `modelType="ordinalMultinomial" functionName="classification" cumulativeLink="${link}"`,
        target: categoricalTarget(['low', 'mid', 'high'], 'ordinal'),
        parameters: ['p0', 'p1'],
        ppMatrix: X_ROW,
        paramMatrix:
          pCells([['p0', -1]], 'low') + pCells([['p0', 1]], 'mid') + pCells([['p1', 0.5]]),
        output: probabilityOutputs(['low', 'mid', 'high']),
      }),
    );

  it.each([
    ['logit', logistic],
    ['cloglog', (eta: number) => 1 - Math.exp(-Math.exp(eta))],
    ['loglog', (eta: number) => Math.exp(-Math.exp(-eta))],
    ['cauchit', (eta: number) => 0.5 + Math.atan(eta) / Math.PI],
  ])('takes differences of the cumulative %s probabilities', (link, cumulative) => {
    const result = ordinal(link).score({ x: 2 });
    const low = cumulative(0);
    const mid = cumulative(2);
    expect(result.P_low).toBeCloseTo(low, 15);
    expect(result.P_mid).toBeCloseTo(mid - low, 15);
    expect(result.P_high).toBeCloseTo(1 - mid, 15);
  });

  it('predicts the most probable category', () => {
    expect(ordinal('probit').score({ x: 1 }).y).toBe('mid');
    expect(ordinal('probit').score({ x: -10 }).y).toBe('high');
  });
});

describe('GeneralRegressionModel (generalizedLinear classification)', () => {
  it('gives the first category the inverse link of its predictor and the reference the rest', () => {
    const model = compilePmml(
      grmDocument({
        attributes:
          'modelType="generalizedLinear" functionName="classification" linkFunction="logit" distribution="binomial"',
        target: categoricalTarget(['no', 'yes']),
        parameters: ['p0', 'p1'],
        ppMatrix: X_ROW,
        paramMatrix: pCells(
          [
            ['p0', -1],
            ['p1', 2],
          ],
          'yes',
        ),
        output: probabilityOutputs(['no', 'yes']),
      }),
    );
    const result = model.score({ x: 1 });
    expect(result.P_yes).toBe(logistic(1));
    expect(result.P_no).toBe(1 - logistic(1));
    expect(result.y).toBe('yes');
  });
});
