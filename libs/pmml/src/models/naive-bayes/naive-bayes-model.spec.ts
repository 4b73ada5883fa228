import { compilePmml } from '../../compile-pmml';
import { pmmlDocument } from '../../testing/pmml-document';

/** Prior counts yes: 30, no: 70; inputs over color (string), x (double) and k (integer). */
function naiveBayes(inputs: string, attributes = 'threshold="0.01"'): string {
  return pmmlDocument({
    dataDictionary: `
      <DataField name="y" optype="categorical" dataType="string"><Value value="yes"/><Value value="no"/></DataField>
      <DataField name="color" optype="categorical" dataType="string"/>
      <DataField name="x" optype="continuous" dataType="double"/>
      <DataField name="k" optype="continuous" dataType="integer"/>`,
    model: `<NaiveBayesModel functionName="classification" ${attributes}>
      <MiningSchema>
        <MiningField name="y" usageType="target"/>
        <MiningField name="color"/><MiningField name="x"/><MiningField name="k"/>
      </MiningSchema>
      <Output>
        <OutputField name="P_yes" feature="probability" value="yes"/>
        <OutputField name="P_no" feature="probability" value="no"/>
      </Output>
      <BayesInputs>${inputs}</BayesInputs>
      <BayesOutput fieldName="y">${counts({ yes: 30, no: 70 })}</BayesOutput>
    </NaiveBayesModel>`,
  });
}

function counts(byCategory: Record<string, number>): string {
  const cells = Object.entries(byCategory)
    .map(([value, count]) => `<TargetValueCount value="${value}" count="${count}"/>`)
    .join('');
  return `<TargetValueCounts>${cells}</TargetValueCounts>`;
}

function pairs(byValue: Record<string, Record<string, number>>): string {
  return Object.entries(byValue)
    .map(([value, byCategory]) => `<PairCounts value="${value}">${counts(byCategory)}</PairCounts>`)
    .join('');
}

/** P(yes) from unnormalised scores of yes and no. */
function share(yes: number, no: number): number {
  return yes / (yes + no);
}

const COLOR = `<BayesInput fieldName="color">${pairs({
  red: { yes: 20, no: 10 },
  green: { yes: 0, no: 60 },
})}</BayesInput>`;

function gaussian(mean: number, variance: number): string {
  return `<GaussianDistribution mean="${mean}" variance="${variance}"/>`;
}

function stats(field: string, yes: string, no: string): string {
  return `<BayesInput fieldName="${field}"><TargetValueStats>
    <TargetValueStat value="yes">${yes}</TargetValueStat>
    <TargetValueStat value="no">${no}</TargetValueStat>
  </TargetValueStats></BayesInput>`;
}

function normalDensity(x: number, mean: number, variance: number): number {
  return Math.exp(-((x - mean) ** 2) / (2 * variance)) / Math.sqrt(2 * Math.PI * variance);
}

describe('NaiveBayesModel', () => {
  it('multiplies the prior count by count / (sum of the category counts) of the observed value', () => {
    const result = compilePmml(naiveBayes(COLOR)).score({ color: 'red' });
    // yes: 30 · 20/20, no: 70 · 10/70
    expect(result.P_yes).toBeCloseTo(share(30, 10), 15);
    expect(result.P_no).toBeCloseTo(share(10, 30), 15);
    expect(result.y).toBe('yes');
  });

  it('uses the threshold for a zero count', () => {
    const result = compilePmml(naiveBayes(COLOR)).score({ color: 'green' });
    expect(result.P_yes).toBeCloseTo(share(30 * 0.01, 60), 15);
  });

  it('ignores missing inputs and values without PairCounts', () => {
    const model = compilePmml(naiveBayes(COLOR));
    expect(model.score({}).P_yes).toBeCloseTo(0.3, 15);
    expect(model.score({ color: 'blue' }).P_yes).toBeCloseTo(0.3, 15);
  });

  it('uses the Gaussian density of a continuous input, floored at the threshold', () => {
    const model = compilePmml(naiveBayes(stats('x', gaussian(0, 1), gaussian(2, 4))));
    const expected = share(30 * normalDensity(1, 0, 1), 70 * normalDensity(1, 2, 4));
    expect(model.score({ x: 1 }).P_yes).toBeCloseTo(expected, 14);
    // Both densities fall below 0.01 and are replaced by it: only the priors remain.
    expect(model.score({ x: 40 }).P_yes).toBeCloseTo(0.3, 15);
  });

  it('reads a BayesInput that older producers wrap in an Extension', () => {
    const model = compilePmml(
      naiveBayes(`<Extension>${stats('x', gaussian(0, 1), gaussian(2, 4))}</Extension>`),
    );
    const expected = share(30 * normalDensity(1, 0, 1), 70 * normalDensity(1, 2, 4));
    expect(model.score({ x: 1 }).P_yes).toBeCloseTo(expected, 14);
  });

  it('uses the Poisson probability of an integer input', () => {
    const model = compilePmml(
      naiveBayes(stats('k', '<PoissonDistribution mean="2"/>', '<PoissonDistribution mean="5"/>')),
    );
    const poisson = (k: number, mean: number) => (Math.exp(-mean) * mean ** k) / 6;
    expect(model.score({ k: 3 }).P_yes).toBeCloseTo(
      share(30 * poisson(3, 2), 70 * poisson(3, 5)),
      14,
    );
  });

  it('discretises the input with the DerivedField of its BayesInput', () => {
    const model = compilePmml(
      naiveBayes(`<BayesInput fieldName="x">
        <DerivedField optype="categorical" dataType="string">
          <Discretize field="x">
            <DiscretizeBin binValue="low"><Interval closure="openClosed" rightMargin="5"/></DiscretizeBin>
            <DiscretizeBin binValue="high"><Interval closure="openOpen" leftMargin="5"/></DiscretizeBin>
          </Discretize>
        </DerivedField>
        ${pairs({ low: { yes: 10, no: 60 }, high: { yes: 20, no: 10 } })}
      </BayesInput>`),
    );
    expect(model.score({ x: 7 }).P_yes).toBeCloseTo(share(30 * (20 / 30), 70 * (10 / 70)), 15);
    expect(model.score({ x: 1 }).P_yes).toBeCloseTo(share(30 * (10 / 30), 70 * (60 / 70)), 15);
  });

  it('refuses a distribution other than Gaussian or Poisson, and a missing threshold', () => {
    const uniform = naiveBayes(
      stats('x', '<UniformDistribution lower="0" upper="1"/>', gaussian(0, 1)),
    );
    expect(() => compilePmml(uniform)).toThrow(
      'allows only GaussianDistribution and PoissonDistribution',
    );
    expect(() => compilePmml(naiveBayes(COLOR, ''))).toThrow(
      'the required attribute "threshold" is missing',
    );
  });
});
