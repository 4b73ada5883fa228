import { compilePmml } from '../../compile-pmml';
import type { PmmlError } from '../../errors';

function anomalyModel(attributes: string, content: string): ReturnType<typeof compilePmml> {
  return compilePmml(`<PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4">
  <DataDictionary><DataField name="x" optype="continuous" dataType="double"/></DataDictionary>
  <AnomalyDetectionModel functionName="regression" ${attributes}>
    <MiningSchema><MiningField name="x"/></MiningSchema>
    <Output><OutputField name="score" feature="predictedValue"/></Output>
    ${content}
  </AnomalyDetectionModel>
</PMML>`);
}

/** A wrapped regression model whose prediction is x itself. */
const IDENTITY_REGRESSION = `
  <RegressionModel functionName="regression">
    <MiningSchema><MiningField name="x"/></MiningSchema>
    <RegressionTable intercept="0"><NumericPredictor name="x" coefficient="1"/></RegressionTable>
  </RegressionModel>`;

const CLUSTERS = `
  <ClusteringModel functionName="clustering" modelClass="centerBased" numberOfClusters="2">
    <MiningSchema><MiningField name="x"/></MiningSchema>
    <ComparisonMeasure kind="distance"><euclidean/></ComparisonMeasure>
    <ClusteringField field="x"/>
    <Cluster><Array n="1" type="real">0</Array></Cluster>
    <Cluster><Array n="1" type="real">10</Array></Cluster>
  </ClusteringModel>`;

describe('AnomalyDetectionModel', () => {
  it('divides the distance to the winning cluster by that cluster mean distance', () => {
    const model = anomalyModel(
      'algorithmType="clusterMeanDist"',
      `${CLUSTERS}<MeanClusterDistances><Array n="2" type="real">2 4</Array></MeanClusterDistances>`,
    );
    expect(model.score({ x: 3 }).score).toBe(1.5);
    expect(model.score({ x: 12 }).score).toBe(0.5);
  });

  it('normalises the average path length of an isolation forest by c(sampleDataSize)', () => {
    const model = anomalyModel('algorithmType="iforest" sampleDataSize="256"', IDENTITY_REGRESSION);
    // c(n) = 2·(ln(n − 1) + 0.5772156649) − 2·(n − 1)/n; a path length of c(n) scores 0.5
    const c = 2 * (Math.log(255) + 0.5772156649) - (2 * 255) / 256;
    expect(model.score({ x: c }).score).toBeCloseTo(0.5, 15);
    expect(model.score({ x: 2 * c }).score).toBeCloseTo(0.25, 15);
  });

  it('passes the one-class SVM decision value through', () => {
    const model = anomalyModel('algorithmType="ocsvm"', IDENTITY_REGRESSION);
    expect(model.score({ x: -0.25 }).score).toBe(-0.25);
  });

  it('predicts nothing when the wrapped model predicts nothing', () => {
    const model = anomalyModel('algorithmType="other"', IDENTITY_REGRESSION);
    expect(model.score({ x: null }).score).toBeNull();
  });

  it('refuses an isolation forest without sampleDataSize', () => {
    expect(() => anomalyModel('algorithmType="iforest"', IDENTITY_REGRESSION)).toThrow(
      expect.objectContaining({ code: 'INVALID_PMML' }) as PmmlError,
    );
  });

  it('refuses clusterMeanDist without one mean distance per cluster', () => {
    expect(() =>
      anomalyModel(
        'algorithmType="clusterMeanDist"',
        `${CLUSTERS}<MeanClusterDistances><Array n="1" type="real">2</Array></MeanClusterDistances>`,
      ),
    ).toThrow(expect.objectContaining({ code: 'INVALID_PMML' }) as PmmlError);
  });
});
