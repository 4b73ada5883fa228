import { compilePmml } from '../../compile-pmml';
import type { PmmlError } from '../../errors';

/** Training rows: id, x, label, amount. */
const ROWS: [string, number, string, number][] = [
  ['a', 0, 'red', 10],
  ['b', 1, 'red', 20],
  ['c', 3, 'blue', 30],
  ['d', 10, 'blue', 40],
];

interface Fixture {
  readonly attributes: string;
  readonly functionName?: string;
  readonly targets?: readonly ('label' | 'amount')[];
  readonly output?: string;
  readonly inputs?: string;
  readonly transformations?: string;
  readonly rows?: readonly [string, number, string, number][];
  readonly measure?: string;
}

function knnModel(fixture: Fixture): ReturnType<typeof compilePmml> {
  const targets = fixture.targets ?? ['label'];
  const rows = (fixture.rows ?? ROWS)
    .map(
      ([id, x, label, amount]) =>
        `<row><ID>${id}</ID><X>${x}</X><L>${label}</L><A>${amount}</A></row>`,
    )
    .join('');
  return compilePmml(`<PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4">
  <DataDictionary>
    <DataField name="x" optype="continuous" dataType="double"/>
    <DataField name="y" optype="continuous" dataType="double"/>
    <DataField name="label" optype="categorical" dataType="string"/>
    <DataField name="amount" optype="continuous" dataType="double"/>
  </DataDictionary>
  <NearestNeighborModel functionName="${fixture.functionName ?? 'classification'}" ${fixture.attributes}>
    <MiningSchema>
      <MiningField name="x"/><MiningField name="y"/>
      ${targets.map((target) => `<MiningField name="${target}" usageType="target"/>`).join('')}
    </MiningSchema>
    <Output>${fixture.output ?? ''}</Output>
    ${fixture.transformations ?? ''}
    <TrainingInstances>
      <InstanceFields>
        <InstanceField field="id" column="ID"/>
        <InstanceField field="x" column="X"/>
        <InstanceField field="label" column="L"/>
        <InstanceField field="amount" column="A"/>
      </InstanceFields>
      <InlineTable>${rows}</InlineTable>
    </TrainingInstances>
    <ComparisonMeasure kind="distance">${fixture.measure ?? '<cityBlock/>'}</ComparisonMeasure>
    <KNNInputs>${fixture.inputs ?? '<KNNInput field="x"/>'}</KNNInputs>
  </NearestNeighborModel>
</PMML>`);
}

const NEIGHBOUR_OUTPUTS = `
  <OutputField name="first" feature="entityId" rank="1"/>
  <OutputField name="second" feature="entityId" rank="2"/>
  <OutputField name="fourth" feature="entityId" rank="4"/>
  <OutputField name="secondDistance" feature="affinity" rank="2"/>
  <OutputField name="toD" feature="affinity" value="d"/>`;

describe('NearestNeighborModel', () => {
  describe('continuous targets', () => {
    const regression = (attributes: string): ReturnType<typeof compilePmml> =>
      knnModel({ attributes, functionName: 'regression', targets: ['amount'] });

    it('averages the targets of the k nearest instances', () => {
      // x = 1.5: b (0.5), then a and c (1.5, row order breaks the tie)
      const model = regression('numberOfNeighbors="3" continuousScoringMethod="average"');
      expect(model.score({ x: 1.5 }).amount).toBe(20);
    });

    it('takes the median of the k nearest targets, averaging the middle two for even k', () => {
      const model = regression('numberOfNeighbors="2" continuousScoringMethod="median"');
      expect(model.score({ x: 1.5 }).amount).toBe(15);
    });

    it('weighs each neighbour by 1 / (distance + threshold)', () => {
      const model = regression(
        'numberOfNeighbors="2" continuousScoringMethod="weightedAverage" threshold="0.5"',
      );
      // b: weight 1 / (0.5 + 0.5) = 1, a: weight 1 / (1.5 + 0.5) = 0.5
      expect(model.score({ x: 1.5 }).amount).toBeCloseTo((20 * 1 + 10 * 0.5) / 1.5, 13);
    });
  });

  describe('categorical targets', () => {
    it('predicts the majority category of the k nearest instances', () => {
      const model = knnModel({ attributes: 'numberOfNeighbors="3"' });
      // x = 2.9: c (0.1, blue), b (1.9, red), a (2.9, red)
      expect(model.score({ x: 2.9 }).label).toBe('red');
    });

    it('weighs the votes by inverse distance with weightedMajorityVote', () => {
      const model = knnModel({
        attributes: 'numberOfNeighbors="3" categoricalScoringMethod="weightedMajorityVote"',
      });
      // blue: 1 / 0.101; red: 1 / 1.901 + 1 / 2.901
      expect(model.score({ x: 2.9 }).label).toBe('blue');
    });

    it('breaks a tie in favour of the category with more training instances', () => {
      const rows: [string, number, string, number][] = [
        ['a', 0, 'apple', 0],
        ['b', 1, 'apple', 0],
        ['c', 3, 'pear', 0],
        ['d', 10, 'pear', 0],
        ['e', 20, 'pear', 0],
      ];
      const model = knnModel({ attributes: 'numberOfNeighbors="2"', rows });
      // x = 2: b and c, one vote each; pear has 3 training instances, apple 2
      expect(model.score({ x: 2 }).label).toBe('pear');
    });

    it('breaks a tie of training counts in favour of the smallest value', () => {
      const model = knnModel({ attributes: 'numberOfNeighbors="2"' });
      // x = 2: b (red) and c (blue); both have 2 training instances
      expect(model.score({ x: 2 }).label).toBe('blue');
    });

    it('compares a categorical input with delta', () => {
      const model = knnModel({
        attributes: 'numberOfNeighbors="1"',
        targets: ['amount'],
        functionName: 'regression',
        inputs: '<KNNInput field="x"/><KNNInput field="label" compareFunction="delta"/>',
      });
      // the label is an input here: a (|0.9| + 1), b (|0.1| + 0), c (|2.1| + 1)
      expect(model.score({ x: 0.9, label: 'red' }).amount).toBe(20);
    });
  });

  describe('entity outputs', () => {
    it('ranks the instances by their instanceIdVariable, beyond k when asked', () => {
      const model = knnModel({
        attributes: 'numberOfNeighbors="2" instanceIdVariable="id"',
        output: NEIGHBOUR_OUTPUTS,
      });
      const result = model.score({ x: 2.9 });
      expect(result).toMatchObject({ first: 'c', second: 'b', fourth: 'd' });
      expect(result.secondDistance).toBeCloseTo(1.9, 14);
      expect(result.toD).toBeCloseTo(7.1, 14);
    });

    it('identifies instances by their 1-based row without an instanceIdVariable', () => {
      const model = knnModel({ attributes: 'numberOfNeighbors="2"', output: NEIGHBOUR_OUTPUTS });
      expect(model.score({ x: 2.9 })).toMatchObject({ first: '3', second: '2', fourth: '4' });
    });

    it('predicts the nearest instance id of a model without targets', () => {
      const model = knnModel({
        attributes: 'numberOfNeighbors="1" instanceIdVariable="id"',
        functionName: 'clustering',
        targets: [],
        output: '<OutputField name="nearest" feature="predictedValue"/>',
      });
      expect(model.score({ x: 9 }).nearest).toBe('d');
    });
  });

  it('predicts every target of a multi-target model', () => {
    const model = knnModel({
      attributes: 'numberOfNeighbors="1"',
      functionName: 'mixed',
      targets: ['label', 'amount'],
      output: '<OutputField name="amountOut" feature="predictedValue" targetField="amount"/>',
    });
    expect(model.score({ x: 2.9 })).toEqual({ label: 'blue', amount: 30, amountOut: 30 });
  });

  it('computes derived KNN inputs for the training instances too', () => {
    const model = knnModel({
      attributes: 'numberOfNeighbors="1"',
      functionName: 'regression',
      targets: ['amount'],
      transformations: `<LocalTransformations>
        <DerivedField name="far" optype="continuous" dataType="double">
          <Apply function="greaterThan"><FieldRef field="x"/><Constant>5</Constant></Apply>
        </DerivedField>
      </LocalTransformations>`,
      inputs: '<KNNInput field="far" compareFunction="delta"/>',
    });
    // Only d (x = 10) is "far"
    expect(model.score({ x: 7 }).amount).toBe(40);
  });

  it('scales the distance up for missing inputs', () => {
    const model = knnModel({
      attributes: 'numberOfNeighbors="1" instanceIdVariable="id"',
      inputs: '<KNNInput field="x"/><KNNInput field="amount"/>',
      output: '<OutputField name="distance" feature="affinity"/>',
      rows: ROWS.slice(0, 1),
    });
    // a: |4 − 0| × 2 fields / 1 present
    expect(model.score({ x: 4, amount: null }).distance).toBe(8);
  });

  it('refuses training instances held in an external table', () => {
    const pmml = `<PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4">
      <DataDictionary><DataField name="x" optype="continuous" dataType="double"/></DataDictionary>
      <NearestNeighborModel functionName="clustering" numberOfNeighbors="1" instanceIdVariable="id">
        <MiningSchema><MiningField name="x"/></MiningSchema>
        <TrainingInstances>
          <InstanceFields><InstanceField field="x" column="x"/><InstanceField field="id" column="id"/></InstanceFields>
          <TableLocator/>
        </TrainingInstances>
        <ComparisonMeasure kind="distance"><euclidean/></ComparisonMeasure>
        <KNNInputs><KNNInput field="x"/></KNNInputs>
      </NearestNeighborModel>
    </PMML>`;
    expect(() => compilePmml(pmml)).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED' }) as PmmlError,
    );
  });

  it('refuses more neighbours than training instances', () => {
    expect(() => knnModel({ attributes: 'numberOfNeighbors="5"' })).toThrow(
      expect.objectContaining({ code: 'INVALID_PMML' }) as PmmlError,
    );
  });
});
