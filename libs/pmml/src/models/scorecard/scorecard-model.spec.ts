import { compilePmml } from '../../compile-pmml';
import { PmmlError } from '../../errors';
import { pmmlDocument } from '../../testing/pmml-document';
import { compileError } from '../../testing/compile-error';

const REASON_OUTPUTS = `<Output>
  <OutputField name="RC1" feature="reasonCode" rank="1" dataType="string"/>
  <OutputField name="RC2" feature="reasonCode" rank="2" dataType="string"/>
  <OutputField name="RC3" feature="reasonCode" rank="3" dataType="string"/>
</Output>`;

/** A scorecard over a (double) and b (double) predicting the continuous target score. */
function scorecard(options: {
  characteristics: string;
  attributes?: string;
  output?: string;
}): string {
  return pmmlDocument({
    dataDictionary: `
      <DataField name="a" optype="continuous" dataType="double"/>
      <DataField name="b" optype="continuous" dataType="double"/>
      <DataField name="score" optype="continuous" dataType="double"/>`,
    model: `<Scorecard functionName="regression" ${options.attributes ?? ''}>
      <MiningSchema>
        <MiningField name="a"/><MiningField name="b"/><MiningField name="score" usageType="target"/>
      </MiningSchema>
      ${options.output ?? ''}
      <Characteristics>${options.characteristics}</Characteristics>
    </Scorecard>`,
  });
}

/** Characteristic on `field` with partial scores below (≤ 10), above (> 10) and when missing. */
function characteristic(
  field: string,
  scores: { missing: number; low: number; high: number },
  attributes = '',
): string {
  return `<Characteristic name="${field}Score" ${attributes}>
    <Attribute partialScore="${scores.missing}"><SimplePredicate field="${field}" operator="isMissing"/></Attribute>
    <Attribute partialScore="${scores.low}"><SimplePredicate field="${field}" operator="lessOrEqual" value="10"/></Attribute>
    <Attribute partialScore="${scores.high}"><SimplePredicate field="${field}" operator="greaterThan" value="10"/></Attribute>
  </Characteristic>`;
}

describe('Scorecard', () => {
  it('adds to the initial score the partial score of the first matching Attribute of each Characteristic', () => {
    const model = compilePmml(
      scorecard({
        attributes: 'initialScore="100" useReasonCodes="false"',
        characteristics:
          characteristic('a', { missing: -1, low: 5, high: 20 }) +
          characteristic('b', { missing: -2, low: 7, high: 30 }),
      }),
    );
    expect(model.score({ a: 3, b: 50 })).toEqual({ score: 135 });
    expect(model.score({ b: 1 })).toEqual({ score: 106 });
  });

  it('takes a ComplexPartialScore over the partialScore attribute', () => {
    const model = compilePmml(
      scorecard({
        attributes: 'useReasonCodes="false"',
        characteristics: `<Characteristic name="aScore">
          <Attribute partialScore="1">
            <True/>
            <ComplexPartialScore><Apply function="*"><FieldRef field="a"/><Constant>2</Constant></Apply></ComplexPartialScore>
          </Attribute>
        </Characteristic>`,
      }),
    );
    expect(model.score({ a: 4.5 })).toEqual({ score: 9 });
  });

  it('cannot score a record that no Attribute of a Characteristic matches', () => {
    const model = compilePmml(
      scorecard({
        attributes: 'useReasonCodes="false"',
        characteristics: `<Characteristic name="aScore">
          <Attribute partialScore="1"><SimplePredicate field="a" operator="greaterThan" value="0"/></Attribute>
        </Characteristic>`,
      }),
    );
    expect(() => model.score({ a: -1 })).toThrow(
      expect.objectContaining({ code: 'EVALUATION' }) as Error,
    );
  });

  describe('reason codes', () => {
    const model = compilePmml(
      scorecard({
        attributes: 'reasonCodeAlgorithm="pointsBelow"',
        output: REASON_OUTPUTS,
        characteristics:
          characteristic(
            'a',
            { missing: 0, low: 2, high: 9 },
            'reasonCode="RA" baselineScore="10"',
          ) +
          characteristic(
            'b',
            { missing: 0, low: 4, high: 20 },
            'reasonCode="RB" baselineScore="12"',
          ),
      }),
    );

    it('ranks codes by the points below the baseline, most first', () => {
      // RA: 10 − 2 = 8, RB: 12 − 4 = 8 → tie, RA appeared first; then a high: RA 1, RB 8.
      expect(model.score({ a: 1, b: 1 })).toEqual({ score: 6, RC1: 'RA', RC2: 'RB', RC3: null });
      expect(model.score({ a: 11, b: 1 })).toEqual({ score: 13, RC1: 'RB', RC2: 'RA', RC3: null });
    });

    it('leaves out codes whose points are negative', () => {
      // RA: 10 − 9 = 1, RB: 12 − 20 = −8.
      expect(model.score({ a: 11, b: 11 })).toEqual({ score: 29, RC1: 'RA', RC2: null, RC3: null });
    });
  });

  it('ranks the codes of a record afresh after a record that could not be scored', () => {
    const model = compilePmml(
      scorecard({
        output: REASON_OUTPUTS,
        characteristics:
          characteristic(
            'a',
            { missing: 0, low: 2, high: 9 },
            'reasonCode="RA" baselineScore="10"',
          ) +
          `<Characteristic name="bScore" reasonCode="RB" baselineScore="10">
            <Attribute partialScore="1"><SimplePredicate field="b" operator="lessOrEqual" value="100"/></Attribute>
          </Characteristic>`,
      }),
    );
    expect(() => model.score({ a: 1, b: 500 })).toThrow(PmmlError);
    // RA: 10 − 9 = 1 only, not 8 + 1 left over from the failed record; RB: 10 − 1 = 9.
    expect(model.score({ a: 11, b: 1 })).toEqual({ score: 10, RC1: 'RB', RC2: 'RA', RC3: null });
  });

  it('ranks by the points above the baseline with reasonCodeAlgorithm="pointsAbove"', () => {
    const model = compilePmml(
      scorecard({
        attributes: 'reasonCodeAlgorithm="pointsAbove" baselineScore="5"',
        output: REASON_OUTPUTS,
        characteristics:
          characteristic('a', { missing: 0, low: 6, high: 9 }, 'reasonCode="RA"') +
          characteristic('b', { missing: 0, low: 8, high: 1 }, 'reasonCode="RB"'),
      }),
    );
    // The Scorecard's baselineScore serves both: RA 9 − 5 = 4, RB 8 − 5 = 3.
    expect(model.score({ a: 11, b: 1 })).toMatchObject({ RC1: 'RA', RC2: 'RB', RC3: null });
  });

  it("sums the points of Characteristics that share a code and prefers an Attribute's own code", () => {
    const model = compilePmml(
      scorecard({
        output: REASON_OUTPUTS,
        characteristics:
          characteristic(
            'a',
            { missing: 0, low: 6, high: 9 },
            'reasonCode="R1" baselineScore="10"',
          ) +
          characteristic(
            'b',
            { missing: 0, low: 7, high: 1 },
            'reasonCode="R1" baselineScore="10"',
          ) +
          `<Characteristic name="own" reasonCode="R1" baselineScore="10">
            <Attribute partialScore="0" reasonCode="R2"><True/></Attribute>
          </Characteristic>`,
      }),
    );
    // R1: (10 − 6) + (10 − 7) = 7; R2: 10 − 0 = 10.
    expect(model.score({ a: 1, b: 1 })).toEqual({ score: 13, RC1: 'R2', RC2: 'R1', RC3: null });
  });

  it('scores without reason codes when no output asks for them, even without baselines', () => {
    const model = compilePmml(
      scorecard({ characteristics: characteristic('a', { missing: 0, low: 1, high: 2 }) }),
    );
    expect(model.score({ a: 20 })).toEqual({ score: 2 });
  });

  it('refuses a reasonCode output when a Characteristic has no baseline score', () => {
    const error = compileError(
      scorecard({
        output: REASON_OUTPUTS,
        characteristics: characteristic('a', { missing: 0, low: 1, high: 2 }, 'reasonCode="RA"'),
      }),
    );
    expect(error.message).toMatch(
      /^Characteristic \(line \d+\): reason codes need a baselineScore on the Characteristic or the Scorecard\.$/,
    );
  });

  it('refuses a reasonCode output when an Attribute has no reason code', () => {
    const error = compileError(
      scorecard({
        output: REASON_OUTPUTS,
        characteristics: characteristic('a', { missing: 0, low: 1, high: 2 }, 'baselineScore="1"'),
      }),
    );
    expect(error.message).toMatch(
      /^Attribute \(line \d+\): reason codes need a reasonCode on the Attribute or its Characteristic\.$/,
    );
  });

  it('refuses a reasonCode output when useReasonCodes is false', () => {
    const error = compileError(
      scorecard({
        attributes: 'useReasonCodes="false"',
        output: REASON_OUTPUTS,
        characteristics: characteristic('a', { missing: 0, low: 1, high: 2 }),
      }),
    );
    expect(error.code).toBe('INVALID_PMML');
  });

  it('refuses an Attribute without a partial score', () => {
    const error = compileError(
      scorecard({
        characteristics: `<Characteristic name="aScore"><Attribute><True/></Attribute></Characteristic>`,
      }),
    );
    expect(error.message).toMatch(
      /^Attribute \(line \d+\): an Attribute needs a partialScore attribute or a ComplexPartialScore\.$/,
    );
  });
});
