import { compilePmml } from '../compile-pmml';
import { linearRegression } from '../testing/pmml-document';

// y = f + 1000 · d, with f a float field and d a double field whose value must lie in [0, 10].
const model = compilePmml(
  linearRegression({
    dataFields: `<DataField name="f" optype="continuous" dataType="float"/>
      <DataField name="d" optype="continuous" dataType="double"><Interval closure="closedClosed" leftMargin="0" rightMargin="10"/></DataField>`,
    miningFields: `<MiningField name="f" missingValueReplacement="2"/><MiningField name="d"/>`,
    predictors: `<NumericPredictor name="f" coefficient="1"/><NumericPredictor name="d" coefficient="1000"/>`,
  }),
);

describe('record preparation', () => {
  it('takes a plain number as it is, rounded to float32 for a float field', () => {
    expect(model.score({ f: 0.1, d: 1 }).y).toBe(Math.fround(0.1) + 1000);
  });

  it('gives text and missing values to the field treatments', () => {
    expect(model.score({ f: '0.1', d: '1' }).y).toBe(Math.fround(0.1) + 1000);
    expect(model.score({ d: 1 }).y).toBe(1002);
  });

  it('still checks the domain of a field with intervals, number or not', () => {
    expect(() => model.score({ f: 1, d: 11 })).toThrow('Field "d" has the invalid value 11.');
  });

  it('reads field names that are not identifiers', () => {
    const odd = compilePmml(
      linearRegression({
        dataFields: `<DataField name="a&quot;]; throw 1; [&quot;" optype="continuous" dataType="double"/>`,
        miningFields: `<MiningField name="a&quot;]; throw 1; [&quot;"/>`,
        predictors: `<NumericPredictor name="a&quot;]; throw 1; [&quot;" coefficient="2"/>`,
      }),
    );
    expect(odd.score({ 'a"]; throw 1; ["': 3 }).y).toBe(6);
    expect(odd.scoreColumns({ 'a"]; throw 1; ["': [3, 4] }, 2).columns.y).toEqual([6, 8]);
  });

  it('reads columns in any order and keeps one reader per column layout', () => {
    const columns = { d: Float64Array.of(1, 2), f: [0.5, null] };
    expect(model.scoreColumns(columns, 2).columns.y).toEqual([1000.5, 2002]);
    const reordered = { f: [0.5, null], d: Float64Array.of(1, 2) };
    expect(model.scoreColumns(reordered, 2).columns.y).toEqual([1000.5, 2002]);
    expect(model.scoreColumns(columns, 2).columns.y).toEqual([1000.5, 2002]);
  });
});
