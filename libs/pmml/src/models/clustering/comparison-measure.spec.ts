import { compilePmml } from '../../compile-pmml';
import { PmmlError } from '../../errors';

const DATA_FIELDS = `
  <DataField name="x" optype="continuous" dataType="double"/>
  <DataField name="y" optype="continuous" dataType="double"/>
  <DataField name="grade" optype="categorical" dataType="integer">
    <Value value="1"/><Value value="2"/><Value value="3"/>
  </DataField>
  <DataField name="a" optype="categorical" dataType="integer"/>
  <DataField name="b" optype="categorical" dataType="integer"/>
  <DataField name="c" optype="categorical" dataType="integer"/>
  <DataField name="d" optype="categorical" dataType="integer"/>`;

/** A clustering model over the named fields whose affinities to clusters "1" and "2" are output. */
function model(
  measure: string,
  fields: string,
  centres: [string, string],
  kind = 'distance',
): ReturnType<typeof compilePmml> {
  const names = [...fields.matchAll(/field="(\w+)"/g)].map((match) => match[1]);
  return compilePmml(`<PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4">
  <DataDictionary>${DATA_FIELDS}</DataDictionary>
  <ClusteringModel functionName="clustering" modelClass="centerBased" numberOfClusters="2">
    <MiningSchema>${names.map((name) => `<MiningField name="${name}"/>`).join('')}</MiningSchema>
    <Output>
      <OutputField name="cluster" feature="predictedValue"/>
      <OutputField name="to1" feature="affinity" value="1"/>
      <OutputField name="to2" feature="affinity" value="2"/>
    </Output>
    <ComparisonMeasure kind="${kind}" ${measure}
    ${fields}
    <Cluster><Array type="real">${centres[0]}</Array></Cluster>
    <Cluster><Array type="real">${centres[1]}</Array></Cluster>
  </ClusteringModel>
</PMML>`);
}

const XY = '<ClusteringField field="x"/><ClusteringField field="y"/>';

function affinities(
  measure: string,
  record: Record<string, number | null>,
  fields = XY,
  centres: [string, string] = ['4 6', '1 2'],
  kind = 'distance',
): [unknown, unknown] {
  const result = model(measure, fields, centres, kind).score(record);
  return [result.to1, result.to2];
}

describe('ComparisonMeasure distances', () => {
  const record = { x: 1, y: 2 };

  it('computes the euclidean distance', () => {
    expect(affinities('><euclidean/></ComparisonMeasure>', record)).toEqual([5, 0]);
  });

  it('computes the squared euclidean distance', () => {
    expect(affinities('><squaredEuclidean/></ComparisonMeasure>', record)).toEqual([25, 0]);
  });

  it('computes the city-block distance', () => {
    expect(affinities('><cityBlock/></ComparisonMeasure>', record)).toEqual([7, 0]);
  });

  it('computes the chebychev distance', () => {
    expect(affinities('><chebychev/></ComparisonMeasure>', record)).toEqual([4, 0]);
  });

  it('computes the minkowski distance with its p-parameter', () => {
    const [distance] = affinities('><minkowski p-parameter="3"/></ComparisonMeasure>', record);
    // (3³ + 4³)^(1/3)
    expect(distance).toBeCloseTo(Math.cbrt(91), 14);
  });

  it('multiplies each field term by its fieldWeight', () => {
    const fields =
      '<ClusteringField field="x" fieldWeight="2"/><ClusteringField field="y" fieldWeight="0.5"/>';
    // 2·|1 − 4| + 0.5·|2 − 6|
    expect(affinities('><cityBlock/></ComparisonMeasure>', record, fields)).toEqual([8, 0]);
  });

  it('picks the cluster with the smallest distance', () => {
    const result = model('><euclidean/></ComparisonMeasure>', XY, ['4 6', '1 2']).score(record);
    expect(result.cluster).toBe('2');
  });
});

describe('ComparisonMeasure compare functions', () => {
  it('compares with gaussSim and the field similarityScale', () => {
    const fields = '<ClusteringField field="x" compareFunction="gaussSim" similarityScale="2"/>';
    // exp(−ln 2 · (1 − 3)² / 2²) = 1/2; exp(−ln 2 · 0) = 1
    const [far, near] = affinities('><cityBlock/></ComparisonMeasure>', { x: 1 }, fields, [
      '3',
      '1',
    ]);
    expect(far).toBeCloseTo(0.5, 15);
    expect(near).toBe(1);
  });

  it('compares with delta: 0 when equal, 1 otherwise', () => {
    const measure = 'compareFunction="delta"><cityBlock/></ComparisonMeasure>';
    expect(affinities(measure, { x: 2 }, '<ClusteringField field="x"/>', ['2', '3'])).toEqual([
      0, 1,
    ]);
  });

  it('compares with equal: 1 when equal, 0 otherwise', () => {
    const measure = 'compareFunction="equal"><cityBlock/></ComparisonMeasure>';
    expect(affinities(measure, { x: 2 }, '<ClusteringField field="x"/>', ['2', '3'])).toEqual([
      1, 0,
    ]);
  });

  it('lets a ClusteringField override the measure compare function', () => {
    const measure = 'compareFunction="delta"><cityBlock/></ComparisonMeasure>';
    const fields =
      '<ClusteringField field="x"/><ClusteringField field="y" compareFunction="absDiff"/>';
    // delta(1, 4) + |2 − 6|
    expect(affinities(measure, { x: 1, y: 2 }, fields)).toEqual([5, 0]);
  });

  it('looks distances up in the Comparisons matrix, indexed by the field values', () => {
    const fields = `<ClusteringField field="grade" compareFunction="table">
      <Comparisons><Matrix>
        <Array type="real">0 1 4</Array>
        <Array type="real">1 0 2</Array>
        <Array type="real">4 2 0</Array>
      </Matrix></Comparisons>
    </ClusteringField>`;
    expect(
      affinities('><cityBlock/></ComparisonMeasure>', { grade: 2 }, fields, ['1', '3']),
    ).toEqual([1, 2]);
  });

  it('refuses gaussSim without a similarityScale', () => {
    const fields = '<ClusteringField field="x" compareFunction="gaussSim"/>';
    expect(() => model('><euclidean/></ComparisonMeasure>', fields, ['0', '1'])).toThrow(PmmlError);
  });
});

describe('ComparisonMeasure binary similarities', () => {
  const fields = ['a', 'b', 'c', 'd'].map((name) => `<ClusteringField field="${name}"/>`).join('');
  // Against centre 1: a11 = 1, a10 = 1, a01 = 1, a00 = 1. Against centre 2: a11 = 2, a01 = 1, a00 = 1.
  const record = { a: 1, b: 1, c: 0, d: 0 };
  const centres: [string, string] = ['1 0 1 0', '1 1 0 1'];
  const similarity = (measure: string): [unknown, unknown] =>
    affinities(`>${measure}</ComparisonMeasure>`, record, fields, centres, 'similarity');

  it('computes simple matching', () => {
    expect(similarity('<simpleMatching/>')).toEqual([2 / 4, 3 / 4]);
  });

  it('computes jaccard', () => {
    expect(similarity('<jaccard/>')).toEqual([1 / 3, 2 / 3]);
  });

  it('computes tanimoto', () => {
    expect(similarity('<tanimoto/>')).toEqual([2 / 6, 3 / 5]);
  });

  it('computes binarySimilarity from its parameters', () => {
    const measure = `<binarySimilarity c00-parameter="0.5" c01-parameter="0" c10-parameter="0"
      c11-parameter="2" d00-parameter="1" d01-parameter="1" d10-parameter="1" d11-parameter="1"/>`;
    // (2·1 + 0.5·1) / 4 and (2·2 + 0.5·1) / 4
    expect(similarity(measure)).toEqual([0.625, 1.125]);
  });

  it('picks the most similar cluster', () => {
    const result = model(
      '><simpleMatching/></ComparisonMeasure>',
      fields,
      centres,
      'similarity',
    ).score(record);
    expect(result.cluster).toBe('2');
  });

  it('fails the record when a compared input is missing', () => {
    const scorer = model('><jaccard/></ComparisonMeasure>', fields, centres, 'similarity');
    expect(() => scorer.score({ ...record, d: null })).toThrow(PmmlError);
  });

  it('refuses a centre coordinate that is not binary', () => {
    expect(() =>
      model('><jaccard/></ComparisonMeasure>', fields, ['1 0 2 0', '1 1 0 1'], 'similarity'),
    ).toThrow(PmmlError);
  });
});
