import { compilePmml } from '../../compile-pmml';
import { pmmlDocument } from '../../testing/pmml-document';
import { classStump, constant, miningDocument, segment, stump } from './test-documents';

const ON_A = '<SimplePredicate field="s" operator="equal" value="a"/>';
const ON_B = '<SimplePredicate field="s" operator="equal" value="b"/>';

/** A constant regression with an OutputField `o` of its prediction. */
function constantWithOutput(value: number): string {
  return `<TreeModel functionName="regression">
    <MiningSchema/>
    <Output><OutputField name="o" feature="predictedValue"/></Output>
    <Node score="${value}"><True/></Node>
  </TreeModel>`;
}

/**
 * A chain: a classification stump on x outputs p1 = P(yes); a regression then predicts
 * `target` = 1 + 10 · p1 and outputs it as `scaled`.
 */
function chain(target: string, treatment = ''): string {
  return pmmlDocument({
    dataDictionary: `
      <DataField name="y" optype="continuous" dataType="double"/>
      <DataField name="z" optype="continuous" dataType="double"/>
      <DataField name="x" optype="continuous" dataType="double"/>`,
    model: `<MiningModel functionName="regression">
      <MiningSchema>
        <MiningField name="y" usageType="target"/><MiningField name="z" usageType="target"/>
        <MiningField name="x"/>
      </MiningSchema>
      <Segmentation multipleModelMethod="modelChain" ${treatment}>
        <Segment id="first"><True/>${classStump(5, [3, 1], [1, 3]).replace(
          '<Node',
          '<Output><OutputField name="p1" feature="probability" value="yes"/></Output><Node',
        )}</Segment>
        <Segment id="second"><True/>
          <RegressionModel functionName="regression">
            <MiningSchema><MiningField name="${target}" usageType="target"/><MiningField name="p1"/></MiningSchema>
            <Output><OutputField name="scaled" feature="predictedValue"/></Output>
            <RegressionTable intercept="1"><NumericPredictor name="p1" coefficient="10"/></RegressionTable>
          </RegressionModel>
        </Segment>
      </Segmentation>
    </MiningModel>`,
  });
}

describe('MiningModel selection and chains', () => {
  it('returns the first segment whose predicate is true, and its outputs (selectFirst)', () => {
    const model = compilePmml(
      miningDocument({
        functionName: 'regression',
        segmentation: 'multipleModelMethod="selectFirst"',
        segments: [
          segment(constantWithOutput(1), '', ON_A),
          segment(constantWithOutput(2), '', ON_B),
          segment(constantWithOutput(3)),
        ],
      }),
    );
    expect(model.score({ s: 'a' })).toEqual({ y: 1, o: 1 });
    expect(model.score({ s: 'b' })).toEqual({ y: 2, o: 2 });
    expect(model.score({ s: 'c' })).toEqual({ y: 3, o: 3 });
  });

  it('moves on to the next segment when the selected one predicts nothing (skipSegment)', () => {
    const document = (treatment: string): string =>
      miningDocument({
        functionName: 'regression',
        segmentation: `multipleModelMethod="selectFirst" ${treatment}`,
        segments: [segment(stump(5, 1, 10)), segment(constant(3))],
      });
    expect(compilePmml(document('missingPredictionTreatment="skipSegment"')).score({}).y).toBe(3);
    expect(compilePmml(document('')).score({}).y).toBeNull();
  });

  it("passes each segment's outputs to the next and returns the last one's (modelChain)", () => {
    const model = compilePmml(chain('y'));
    expect(model.score({ x: 4 })).toEqual({ y: 8.5, z: null, scaled: 8.5 });
    expect(model.score({ x: 6 })).toEqual({ y: 3.5, z: null, scaled: 3.5 });
  });

  it("files the last segment's prediction under its own target of the MiningModel", () => {
    expect(compilePmml(chain('z')).score({ x: 4 })).toEqual({ y: null, z: 8.5, scaled: 8.5 });
  });

  it('stops the chain at a segment that predicts nothing (returnMissing)', () => {
    const model = compilePmml(chain('y', 'missingPredictionTreatment="returnMissing"'));
    expect(model.score({})).toEqual({ y: null, z: null, scaled: null });
  });

  it('runs every selected segment and exposes them through segmentId outputs (selectAll)', () => {
    const model = compilePmml(
      miningDocument({
        functionName: 'regression',
        segmentation: 'multipleModelMethod="selectAll"',
        segments: [segment(constant(1), 'id="one"'), segment(constant(2), 'id="two"', ON_A)],
        output: `<OutputField name="first" feature="predictedValue" segmentId="one"/>
          <OutputField name="second" feature="predictedValue" segmentId="two"/>`,
      }),
    );
    expect(model.score({ s: 'a' })).toEqual({ y: null, first: 1, second: 2 });
    expect(model.score({ s: 'b' })).toEqual({ y: null, first: 1, second: null });
  });

  it('reads a segment prediction of an ensemble through a segmentId output', () => {
    const model = compilePmml(
      miningDocument({
        functionName: 'regression',
        segmentation: 'multipleModelMethod="average"',
        segments: [segment(constant(1)), segment(constant(5))],
        output: '<OutputField name="second" feature="predictedValue" segmentId="2"/>',
      }),
    );
    expect(model.score({})).toEqual({ y: 3, second: 5 });
  });

  it('combines a nested segmentation like any other segment', () => {
    const inner = `<MiningModel functionName="regression">
      <MiningSchema><MiningField name="x"/></MiningSchema>
      <Segmentation multipleModelMethod="sum">
        ${segment(constant(10))}${segment(stump(5, 1, 2))}
      </Segmentation>
    </MiningModel>`;
    const model = compilePmml(
      miningDocument({
        functionName: 'regression',
        segmentation: 'multipleModelMethod="average"',
        segments: [segment(inner), segment(constant(1))],
      }),
    );
    expect(model.score({ x: 4 }).y).toBe(6);
  });
});
