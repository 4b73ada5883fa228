import { compilePmml } from '../compile-pmml';
import { linearRegression } from '../testing/pmml-document';

// y = x, so the score shows the value the model saw for x.
function identityModel(dataField: string, miningField: string) {
  return compilePmml(
    linearRegression({
      dataFields: dataField,
      miningFields: miningField,
      predictors: '<NumericPredictor name="x" coefficient="1"/>',
    }),
  );
}

const BOUNDED =
  '<DataField name="x" optype="continuous" dataType="double"><Interval closure="closedOpen" leftMargin="0" rightMargin="10"/></DataField>';
const PLAIN = '<DataField name="x" optype="continuous" dataType="double"/>';

describe('MiningField treatments', () => {
  it('replaces a missing value with missingValueReplacement', () => {
    const model = identityModel(
      PLAIN,
      '<MiningField name="x" missingValueReplacement="4.5" missingValueTreatment="asMedian"/>',
    );
    expect(model.score({}).y).toBe(4.5);
    expect(model.score({ x: '' }).y).toBe(4.5);
    expect(model.score({ x: null }).y).toBe(4.5);
  });

  it('gives no prediction for a missing input without replacement', () => {
    expect(identityModel(PLAIN, '<MiningField name="x"/>').score({}).y).toBeNull();
  });

  it('fails the record when a missing value has missingValueTreatment returnInvalid', () => {
    const model = identityModel(
      PLAIN,
      '<MiningField name="x" missingValueTreatment="returnInvalid"/>',
    );
    expect(() => model.score({})).toThrow(
      'Field "x" is missing and its missingValueTreatment is returnInvalid.',
    );
  });

  it('treats a value outside the intervals as invalid (returnInvalid by default)', () => {
    const model = identityModel(BOUNDED, '<MiningField name="x"/>');
    expect(model.score({ x: 0 }).y).toBe(0);
    expect(() => model.score({ x: 10 })).toThrow('Field "x" has the invalid value 10.');
  });

  it('passes an invalid value through with asIs', () => {
    expect(
      identityModel(BOUNDED, '<MiningField name="x" invalidValueTreatment="asIs"/>').score({
        x: 12,
      }).y,
    ).toBe(12);
  });

  it('treats an invalid value as missing with asMissing, then applies the missing replacement', () => {
    const model = identityModel(
      BOUNDED,
      '<MiningField name="x" invalidValueTreatment="asMissing" missingValueReplacement="5"/>',
    );
    expect(model.score({ x: -1 }).y).toBe(5);
    expect(model.score({ x: 'not a number' }).y).toBe(5);
  });

  it('replaces an invalid value with invalidValueReplacement when asValue', () => {
    const model = identityModel(
      BOUNDED,
      '<MiningField name="x" invalidValueTreatment="asValue" invalidValueReplacement="7"/>',
    );
    expect(model.score({ x: 99 }).y).toBe(7);
  });

  it('clamps outliers with asExtremeValues', () => {
    const model = identityModel(
      PLAIN,
      '<MiningField name="x" outliers="asExtremeValues" lowValue="-1" highValue="1"/>',
    );
    expect([-5, 0.5, 5].map((x) => model.score({ x }).y)).toEqual([-1, 0.5, 1]);
  });

  it('makes outliers missing with asMissingValues', () => {
    const model = identityModel(
      PLAIN,
      '<MiningField name="x" outliers="asMissingValues" lowValue="-1" highValue="1" missingValueReplacement="0"/>',
    );
    expect([-5, 0.5, 5].map((x) => model.score({ x }).y)).toEqual([0, 0.5, 0]);
  });

  it('reads declared missing values as missing', () => {
    const model = identityModel(
      '<DataField name="x" optype="continuous" dataType="double"><Value value="-999" property="missing"/><Value value="NA" property="missing"/></DataField>',
      '<MiningField name="x" missingValueReplacement="1"/>',
    );
    expect(model.score({ x: -999 }).y).toBe(1);
    expect(model.score({ x: 'NA' }).y).toBe(1);
    expect(model.score({ x: 2 }).y).toBe(2);
  });

  it('rounds float fields to float32, as the document declares', () => {
    const model = identityModel(
      '<DataField name="x" optype="continuous" dataType="float"/>',
      '<MiningField name="x"/>',
    );
    expect(model.score({ x: 0.1 }).y).toBe(Math.fround(0.1));
    expect(model.score({ x: '0.1' }).y).toBe(Math.fround(0.1));
  });

  it('refuses an integer field value with a fraction as invalid', () => {
    const model = identityModel(
      '<DataField name="x" optype="continuous" dataType="integer"/>',
      '<MiningField name="x"/>',
    );
    expect(model.score({ x: '3' }).y).toBe(3);
    expect(() => model.score({ x: 3.5 })).toThrow('invalid value 3.5');
  });
});
