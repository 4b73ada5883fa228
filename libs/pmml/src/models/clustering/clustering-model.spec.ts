import { compilePmml } from '../../compile-pmml';
import { PmmlError } from '../../errors';

interface Fixture {
  readonly measure?: string;
  readonly fields?: string;
  readonly clusters: string;
  readonly extra?: string;
  readonly modelClass?: string;
  readonly output?: string;
}

const DEFAULT_OUTPUT = `
  <OutputField name="cluster" feature="predictedValue"/>
  <OutputField name="clusterId" feature="clusterId"/>
  <OutputField name="name" feature="predictedDisplayValue"/>
  <OutputField name="affinity" feature="affinity"/>
  <OutputField name="second" feature="entityId" rank="2"/>
  <OutputField name="secondAffinity" feature="affinity" rank="2"/>`;

/** A two-field (x, y) clustering model. */
function clusteringModel(fixture: Fixture): ReturnType<typeof compilePmml> {
  return compilePmml(`<PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4">
  <DataDictionary>
    <DataField name="x" optype="continuous" dataType="double"/>
    <DataField name="y" optype="continuous" dataType="double"/>
  </DataDictionary>
  <ClusteringModel functionName="clustering" modelClass="${fixture.modelClass ?? 'centerBased'}" numberOfClusters="2">
    <MiningSchema><MiningField name="x"/><MiningField name="y"/></MiningSchema>
    <Output>${fixture.output ?? DEFAULT_OUTPUT}</Output>
    <ComparisonMeasure kind="distance">${fixture.measure ?? '<euclidean/>'}</ComparisonMeasure>
    ${fixture.fields ?? '<ClusteringField field="x"/><ClusteringField field="y"/>'}
    ${fixture.extra ?? ''}
    ${fixture.clusters}
  </ClusteringModel>
</PMML>`);
}

const TWO_CLUSTERS = `
  <Cluster name="origin"><Array n="2" type="real">0 0</Array></Cluster>
  <Cluster id="b" name="far"><Array n="2" type="real">3 4</Array></Cluster>`;

function errorCode(compile: () => unknown): string | undefined {
  try {
    compile();
  } catch (error) {
    if (error instanceof PmmlError) return error.code;
    throw error;
  }
  return undefined;
}

describe('ClusteringModel', () => {
  it('predicts the nearest cluster, identified by its 1-based position when it has no id', () => {
    const result = clusteringModel({ clusters: TWO_CLUSTERS }).score({ x: 3, y: 0 });
    expect(result).toEqual({
      cluster: '1',
      clusterId: '1',
      name: 'origin',
      affinity: 3,
      second: 'b',
      secondAffinity: 4,
    });
  });

  it('identifies a cluster by its id attribute when it has one', () => {
    const result = clusteringModel({ clusters: TWO_CLUSTERS }).score({ x: 3, y: 4.5 });
    expect(result).toMatchObject({ cluster: 'b', name: 'far', affinity: 0.5, second: '1' });
  });

  it('gives the first of equally near clusters the win and keeps document order in the ranking', () => {
    const clusters = `
      <Cluster id="p"><Array n="2" type="real">1 0</Array></Cluster>
      <Cluster id="q"><Array n="2" type="real">-1 0</Array></Cluster>`;
    const result = clusteringModel({ clusters }).score({ x: 0, y: 0 });
    expect(result).toMatchObject({ cluster: 'p', affinity: 1, second: 'q', secondAffinity: 1 });
  });

  it('has no display value for a cluster without a name', () => {
    const clusters = `<Cluster><Array n="2" type="real">0 0</Array></Cluster>`;
    expect(clusteringModel({ clusters }).score({ x: 1, y: 1 }).name).toBeNull();
  });

  it('returns the affinity of the cluster named by an OutputField value', () => {
    const output = `<OutputField name="toB" feature="clusterAffinity" value="b"/>`;
    const result = clusteringModel({ clusters: TWO_CLUSTERS, output }).score({ x: 0, y: 0 });
    expect(result.toB).toBe(5);
  });

  it('reads the winning cluster for clusterId and entityAffinity whatever their rank', () => {
    const output = `
      <OutputField name="id" feature="clusterId" rank="2"/>
      <OutputField name="winnerAffinity" feature="entityAffinity" rank="2"/>`;
    const result = clusteringModel({ clusters: TWO_CLUSTERS, output }).score({ x: 3, y: 0 });
    expect(result).toEqual({ id: '1', winnerAffinity: 3 });
  });

  it('leaves out ClusteringFields that are not center fields', () => {
    const fields = `<ClusteringField field="x"/><ClusteringField field="y" isCenterField="false"/>`;
    const clusters = `
      <Cluster id="low"><Array n="1" type="real">0</Array></Cluster>
      <Cluster id="high"><Array n="1" type="real">10</Array></Cluster>`;
    const result = clusteringModel({ fields, clusters }).score({ x: 4, y: 100 });
    expect(result).toMatchObject({ cluster: 'low', affinity: 4 });
  });

  it('scales the distance up for missing inputs by the MissingValueWeights', () => {
    const clusters = `<Cluster id="c"><Array n="2" type="real">4 0</Array></Cluster>`;
    const measure = '<squaredEuclidean/>';
    const weighted = clusteringModel({
      measure,
      clusters,
      extra: '<MissingValueWeights><Array n="2" type="real">1 3</Array></MissingValueWeights>',
    });
    // (1 - 4)² × (1 + 3) / 1
    expect(weighted.score({ x: 1, y: null }).affinity).toBe(36);
    // Without weights every field counts 1: (1 - 4)² × 2 / 1
    expect(clusteringModel({ measure, clusters }).score({ x: 1, y: null }).affinity).toBe(18);
  });

  it('fails the record when every compared input is missing', () => {
    const model = clusteringModel({ clusters: TWO_CLUSTERS });
    expect(errorCode(() => model.score({ x: null, y: null }))).toBe('EVALUATION');
  });

  it('scores a distribution-based model by its cluster centres', () => {
    const model = clusteringModel({ clusters: TWO_CLUSTERS, modelClass: 'distributionBased' });
    expect(model.score({ x: 3, y: 3 }).cluster).toBe('b');
  });

  it('refuses a distribution-based cluster without a centre', () => {
    const clusters = `<Cluster id="a"><Partition name="p"/></Cluster>`;
    expect(errorCode(() => clusteringModel({ clusters, modelClass: 'distributionBased' }))).toBe(
      'UNSUPPORTED',
    );
  });

  it('refuses a center-based cluster without a centre', () => {
    expect(errorCode(() => clusteringModel({ clusters: '<Cluster id="a"/>' }))).toBe(
      'INVALID_PMML',
    );
  });

  it('refuses a centre with the wrong number of coordinates', () => {
    const clusters = `<Cluster><Array n="1" type="real">0</Array></Cluster>`;
    expect(errorCode(() => clusteringModel({ clusters }))).toBe('INVALID_PMML');
  });

  it('refuses the PMML 3 CenterFields element', () => {
    const extra = `<CenterFields><DerivedField name="c" dataType="double" optype="continuous"><FieldRef field="x"/></DerivedField></CenterFields>`;
    expect(errorCode(() => clusteringModel({ clusters: TWO_CLUSTERS, extra }))).toBe('UNSUPPORTED');
  });

  it('refuses two clusters with the same id', () => {
    const clusters = `
      <Cluster id="a"><Array n="2" type="real">0 0</Array></Cluster>
      <Cluster id="a"><Array n="2" type="real">1 1</Array></Cluster>`;
    expect(errorCode(() => clusteringModel({ clusters }))).toBe('INVALID_PMML');
  });
});
