import { compilePmml } from '../compile-pmml';
import { linearRegression } from '../testing/pmml-document';

const FIELDS = `
  <DataField name="x" optype="continuous" dataType="double"/>
  <DataField name="c" optype="categorical" dataType="string"/>`;

// y = d, where d is the DerivedField under test: the score shows the expression's value.
function derived(expression: string, dataType = 'double') {
  const model = compilePmml(
    linearRegression({
      dataFields: FIELDS,
      miningFields: '<MiningField name="x" invalidValueTreatment="asIs"/><MiningField name="c"/>',
      predictors: '<NumericPredictor name="d" coefficient="1"/>',
      localTransformations: `<DerivedField name="d" optype="continuous" dataType="${dataType}">${expression}</DerivedField>`,
    }),
  );
  return (record: Record<string, unknown>) => model.score(record).y;
}

describe('expressions', () => {
  it('Constant: typed by dataType, missing when missing="true"', () => {
    expect(derived('<Constant dataType="double">2.5</Constant>')({})).toBe(2.5);
    expect(derived('<Constant missing="true"/>')({})).toBeNull();
  });

  it('FieldRef: mapMissingTo replaces a missing value', () => {
    const d = derived('<FieldRef field="x" mapMissingTo="-1"/>');
    expect(d({ x: 4 })).toBe(4);
    expect(d({})).toBe(-1);
  });

  describe('NormContinuous', () => {
    const norm = (outliers: string) =>
      derived(`<NormContinuous field="x" outliers="${outliers}" mapMissingTo="0.5">
        <LinearNorm orig="0" norm="0"/><LinearNorm orig="10" norm="1"/><LinearNorm orig="20" norm="3"/>
      </NormContinuous>`);

    it('interpolates linearly between the points', () => {
      const d = norm('asIs');
      expect([0, 5, 10, 15, 20].map((x) => d({ x }))).toEqual([0, 0.5, 1, 2, 3]);
    });

    it('extrapolates outliers from the outer segments with asIs', () => {
      const d = norm('asIs');
      expect(d({ x: -10 })).toBe(-1);
      expect(d({ x: 25 })).toBe(4);
    });

    it('clamps outliers with asExtremeValues and drops them with asMissingValues', () => {
      expect(norm('asExtremeValues')({ x: 30 })).toBe(3);
      expect(norm('asMissingValues')({ x: 30 })).toBeNull();
    });

    it('maps a missing input to mapMissingTo', () => {
      expect(norm('asIs')({})).toBe(0.5);
    });
  });

  it('NormDiscrete: 1 for the value, 0 for others, mapMissingTo when missing', () => {
    const d = derived('<NormDiscrete field="c" value="red" mapMissingTo="-1"/>');
    expect([d({ c: 'red' }), d({ c: 'blue' }), d({})]).toEqual([1, 0, -1]);
  });

  it('Discretize: the first bin holding the value, else defaultValue; mapMissingTo when missing', () => {
    const d = derived(
      `<Discretize field="x" dataType="double" defaultValue="-1" mapMissingTo="-2">
        <DiscretizeBin binValue="1"><Interval closure="openClosed" rightMargin="0"/></DiscretizeBin>
        <DiscretizeBin binValue="2"><Interval closure="openOpen" leftMargin="0" rightMargin="10"/></DiscretizeBin>
      </Discretize>`,
    );
    expect([d({ x: -3 }), d({ x: 0 }), d({ x: 5 }), d({ x: 10 }), d({})]).toEqual([
      1, 1, 2, -1, -2,
    ]);
  });

  it('MapValues: looks up the input row, with defaultValue and mapMissingTo; numeric cells match by value', () => {
    const d = derived(
      `<MapValues outputColumn="out" dataType="double" defaultValue="0" mapMissingTo="-1">
        <FieldColumnPair field="c" column="colour"/><FieldColumnPair field="x" column="size"/>
        <InlineTable>
          <row><colour>red</colour><size>1.0</size><out>10</out></row>
          <row><colour>red</colour><size>2</size><out>20</out></row>
        </InlineTable>
      </MapValues>`,
    );
    expect(d({ c: 'red', x: 1 })).toBe(10);
    expect(d({ c: 'red', x: 2 })).toBe(20);
    expect(d({ c: 'blue', x: 1 })).toBe(0);
    expect(d({ c: 'red' })).toBe(-1);
  });

  describe('Apply', () => {
    it('propagates a missing argument as mapMissingTo', () => {
      const d = derived(
        '<Apply function="+" mapMissingTo="99"><FieldRef field="x"/><Constant>1</Constant></Apply>',
      );
      expect(d({ x: 1 })).toBe(2);
      expect(d({})).toBe(99);
    });

    it('gives defaultValue for a missing result of a function that accepts missing arguments', () => {
      const d = derived(
        '<Apply function="if" defaultValue="7"><Apply function="isMissing"><FieldRef field="x"/></Apply><Constant missing="true"/><FieldRef field="x"/></Apply>',
      );
      expect(d({ x: 3 })).toBe(3);
      expect(d({})).toBe(7);
    });

    it('makes a failing call missing with invalidValueTreatment asMissing, and fails the record by default', () => {
      const asMissing = derived(
        '<Apply function="/" invalidValueTreatment="asMissing"><Constant>1</Constant><FieldRef field="x"/></Apply>',
      );
      expect(asMissing({ x: 4 })).toBe(0.25);
      expect(asMissing({ x: 0 })).toBeNull();
      const strict = derived(
        '<Apply function="/"><Constant>1</Constant><FieldRef field="x"/></Apply>',
      );
      expect(() => strict({ x: 0 })).toThrow('division by zero');
    });

    it('evaluates only the chosen branch of if', () => {
      const d = derived(
        '<Apply function="if"><Apply function="greaterThan"><FieldRef field="x"/><Constant>0</Constant></Apply><FieldRef field="x"/><Apply function="/"><Constant>1</Constant><Constant>0</Constant></Apply></Apply>',
      );
      expect(d({ x: 2 })).toBe(2);
    });

    it('refuses a call with the wrong number of arguments when compiling', () => {
      expect(() => derived('<Apply function="-"><Constant>1</Constant></Apply>')).toThrow(
        'function "-" takes 2 argument(s), got 1',
      );
    });

    it('refuses an unknown function when compiling', () => {
      expect(() =>
        derived('<Apply function="noSuchFunction"><Constant>1</Constant></Apply>'),
      ).toThrow(
        'the function "noSuchFunction" is neither built in nor defined by a DefineFunction',
      );
    });
  });

  it('refuses Aggregate and Lag, which need several records, as unsupported', () => {
    expect(() => derived('<Aggregate field="x" function="sum"/>')).toThrow(
      'needs several records at once',
    );
  });
});
