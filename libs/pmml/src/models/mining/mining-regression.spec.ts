import { compilePmml } from '../../compile-pmml';
import { constant, miningDocument, segment, stump } from './test-documents';

/** Three stumps; at x = 4 they predict 1, 20 and 300. */
const STUMPS = [stump(5, 1, 10), stump(3, 2, 20), stump(9, 300, 3000)];

function regression(segmentation: string, segments: readonly string[], extra = {}): string {
  return miningDocument({ functionName: 'regression', segmentation, segments, ...extra });
}

function weighted(weights: readonly number[]): string[] {
  return STUMPS.map((model, index) => segment(model, `weight="${weights[index]}"`));
}

describe('MiningModel regression', () => {
  it('adds the segments up (sum)', () => {
    const model = compilePmml(
      regression(
        'multipleModelMethod="sum"',
        STUMPS.map((s) => segment(s)),
      ),
    );
    expect(model.score({ x: 4 }).y).toBe(321);
    expect(model.score({ x: 10 }).y).toBe(3030);
  });

  it('averages the segments (average)', () => {
    const model = compilePmml(
      regression(
        'multipleModelMethod="average"',
        STUMPS.map((s) => segment(s)),
      ),
    );
    expect(model.score({ x: 4 }).y).toBe(321 / 3);
  });

  it('weighs the segments (weightedAverage, weightedSum)', () => {
    const average = compilePmml(
      regression('multipleModelMethod="weightedAverage"', weighted([1, 2, 0.5])),
    );
    expect(average.score({ x: 4 }).y).toBe((1 + 40 + 150) / 3.5);
    const sum = compilePmml(regression('multipleModelMethod="weightedSum"', weighted([1, 2, 0.5])));
    expect(sum.score({ x: 4 }).y).toBe(191);
  });

  it('takes the middle value (median) and the value at half the weight (weightedMedian)', () => {
    const median = compilePmml(
      regression(
        'multipleModelMethod="median"',
        STUMPS.map((s) => segment(s)),
      ),
    );
    expect(median.score({ x: 4 }).y).toBe(20);
    // Sorted 1 (w 1), 20 (w 1), 300 (w 5): the running weight reaches half of 7 at 300.
    const weightedMedian = compilePmml(
      regression('multipleModelMethod="weightedMedian"', weighted([1, 1, 5])),
    );
    expect(weightedMedian.score({ x: 4 }).y).toBe(300);
  });

  it('averages the two middle values of an even count (median)', () => {
    const model = compilePmml(
      regression(
        'multipleModelMethod="median"',
        [...STUMPS, constant(100)].map((s) => segment(s)),
      ),
    );
    expect(model.score({ x: 4 }).y).toBe(60);
  });

  it('uses only the segments whose predicate is true', () => {
    const model = compilePmml(
      regression('multipleModelMethod="sum"', [
        segment(STUMPS[0]),
        segment(STUMPS[1], '', '<SimplePredicate field="s" operator="equal" value="a"/>'),
      ]),
    );
    expect(model.score({ x: 4, s: 'a' }).y).toBe(21);
    expect(model.score({ x: 4, s: 'b' }).y).toBe(1);
    expect(model.score({ x: 4 }).y).toBe(1);
  });

  it('returns a missing result when any segment predicts nothing (returnMissing)', () => {
    const model = compilePmml(
      regression('multipleModelMethod="average" missingPredictionTreatment="returnMissing"', [
        segment(STUMPS[0]),
        segment(constant(5)),
      ]),
    );
    expect(model.score({}).y).toBeNull();
    expect(model.score({ x: 4 }).y).toBe(3);
  });

  it('skips segments that predict nothing unless their weight share exceeds missingThreshold', () => {
    const segments = [segment(STUMPS[0]), segment(constant(5))];
    const skip = compilePmml(
      regression(
        'multipleModelMethod="average" missingPredictionTreatment="skipSegment"',
        segments,
      ),
    );
    expect(skip.score({}).y).toBe(5);
    const strict = compilePmml(
      regression(
        'multipleModelMethod="average" missingPredictionTreatment="skipSegment" missingThreshold="0.4"',
        segments,
      ),
    );
    expect(strict.score({}).y).toBeNull();
  });

  it('returns a missing average when a segment predicts nothing (continue)', () => {
    const model = compilePmml(
      regression('multipleModelMethod="average"', [segment(STUMPS[0]), segment(constant(5))]),
    );
    expect(model.score({}).y).toBeNull();
  });

  it("scores a tree with a missing input by that tree's own strategies", () => {
    const model = compilePmml(
      regression('multipleModelMethod="sum"', [
        segment(stump(5, 1, 10, 'noTrueChildStrategy="returnLastPrediction"', 7)),
        segment(stump(5, 1, 10, 'missingValueStrategy="lastPrediction"', 100)),
      ]),
    );
    expect(model.score({}).y).toBe(107);
    expect(model.score({ x: 6 }).y).toBe(20);
  });

  it('sums in float32 from the rescaleConstant first in the float math context, as XGBoost does', () => {
    // At 1e8 a float32 step is 8: 1e8 + 3 + 3 stays 1e8, whereas 1e8 + (3 + 3) would round up.
    const model = compilePmml(
      regression('multipleModelMethod="sum"', [segment(constant(3)), segment(constant(3))], {
        attributes: 'x-mathContext="float"',
        targets: '<Target field="y" rescaleConstant="100000000"/>',
      }),
    );
    expect(model.score({}).y).toBe(1e8);
  });

  it('applies Targets after combining in the double math context', () => {
    const model = compilePmml(
      regression('multipleModelMethod="sum"', [segment(constant(3)), segment(constant(4))], {
        targets: '<Target field="y" rescaleFactor="2" rescaleConstant="1"/>',
      }),
    );
    expect(model.score({}).y).toBe(15);
  });
});
