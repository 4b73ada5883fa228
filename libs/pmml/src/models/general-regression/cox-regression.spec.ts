import { compilePmml } from '../../compile-pmml';
import { CONTINUOUS_TARGET, errorCode, grmDocument, pCells } from './test-documents';

/** Hazard ratio exp(0.5·x − 0.5·2): x is compared with its referencePoint 2. */
function coxModel(options: { strata: boolean; tables: string }) {
  return compilePmml(
    grmDocument({
      attributes: `modelType="CoxRegression" functionName="regression" endTimeVariable="time"${
        options.strata ? ' baselineStrataVariable="s"' : ''
      }`,
      target: CONTINUOUS_TARGET,
      parameters: ['<Parameter name="p1" referencePoint="2"/>'],
      lists: '<CovariateList><Predictor name="x"/></CovariateList>',
      ppMatrix: '<PPCell value="1" predictorName="x" parameterName="p1"/>',
      paramMatrix: pCells([['p1', 0.5]]),
      extra: `<BaseCumHazardTables${options.strata ? '' : ' maxTime="100"'}>${options.tables}</BaseCumHazardTables>`,
      extraFields: `<DataField name="time" optype="continuous" dataType="double"/>
        <DataField name="s" optype="categorical" dataType="string"/>`,
      extraMiningFields: '<MiningField name="time"/><MiningField name="s"/>',
    }),
  );
}

const CELLS = `
  <BaselineCell time="20" cumHazard="0.3"/>
  <BaselineCell time="10" cumHazard="0.1"/>
  <BaselineCell time="50" cumHazard="0.6"/>`;

const STRATA = `
  <BaselineStratum value="1" maxTime="100">${CELLS}</BaselineStratum>
  <BaselineStratum value="2" maxTime="40"><BaselineCell time="5" cumHazard="0.2"/></BaselineStratum>`;

describe('GeneralRegressionModel (CoxRegression)', () => {
  it("predicts the cumulative hazard: the stratum's baseline at the time × the hazard ratio", () => {
    const model = coxModel({ strata: true, tables: STRATA });
    expect(model.score({ x: 4, time: 25, s: '1' }).y).toBe(0.3 * Math.exp(1));
    expect(model.score({ x: 4, time: 20, s: '1' }).y).toBe(0.3 * Math.exp(1));
    expect(model.score({ x: 2, time: 100, s: '1' }).y).toBe(0.6);
    expect(model.score({ x: 2, time: 30, s: '2' }).y).toBe(0.2);
  });

  it('predicts 0 before the first baseline time, and nothing after maxTime', () => {
    const model = coxModel({ strata: true, tables: STRATA });
    expect(model.score({ time: 9, s: '1' }).y).toBe(0);
    expect(model.score({ x: 2, time: 41, s: '2' }).y).toBeNull();
  });

  it('predicts nothing for an unknown stratum or a missing covariate', () => {
    const model = coxModel({ strata: true, tables: STRATA });
    expect(model.score({ x: 2, time: 25, s: '3' }).y).toBeNull();
    expect(model.score({ time: 25, s: '1' }).y).toBeNull();
  });

  it('fails the record when the time or the stratum is missing', () => {
    const model = coxModel({ strata: true, tables: STRATA });
    expect(errorCode(() => model.score({ x: 2, s: '1' }))).toBe('EVALUATION');
    expect(errorCode(() => model.score({ x: 2, time: 25 }))).toBe('EVALUATION');
  });

  it('uses the single baseline table when there are no strata', () => {
    const model = coxModel({ strata: false, tables: CELLS });
    expect(model.score({ x: 0, time: 12 }).y).toBe(0.1 * Math.exp(-1));
    expect(model.score({ x: 0, time: 101 }).y).toBeNull();
  });
});
