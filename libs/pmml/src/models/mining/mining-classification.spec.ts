import { compilePmml } from '../../compile-pmml';
import { classStump, miningDocument, segment } from './test-documents';

const PROBABILITIES = `
  <OutputField name="p_yes" feature="probability" value="yes"/>
  <OutputField name="p_no" feature="probability" value="no"/>`;

/**
 * P(yes) at x = 4: 0.75, 0.5 and 0.9, all three voting yes (a tie votes yes); at x = 10 they
 * vote no, yes, no.
 */
const STUMPS = [
  classStump(5, [3, 1], [1, 3]),
  classStump(3, [3, 1], [1, 1]),
  classStump(9, [9, 1], [0, 2]),
];

function classification(segmentation: string, segments: readonly string[]): string {
  return miningDocument({
    functionName: 'classification',
    segmentation,
    segments,
    output: PROBABILITIES,
  });
}

describe('MiningModel classification', () => {
  it('averages the probabilities and predicts the most probable category (average)', () => {
    const model = compilePmml(
      classification(
        'multipleModelMethod="average"',
        STUMPS.map((model) => segment(model)),
      ),
    );
    const result = model.score({ x: 4 });
    expect(result.p_yes).toBe((0.75 + 0.5 + 0.9) / 3);
    expect(result.p_no).toBe((0.25 + 0.5 + 0.1) / 3);
    expect(result.y).toBe('yes');
  });

  it('weighs the probabilities (weightedAverage)', () => {
    const segments = STUMPS.map((model, index) => segment(model, `weight="${[1, 4, 1][index]}"`));
    const result = compilePmml(
      classification('multipleModelMethod="weightedAverage"', segments),
    ).score({
      x: 4,
    });
    expect(result.p_yes).toBe((0.75 + 4 * 0.5 + 0.9) / 6);
  });

  it('returns the distribution of the segment with the highest probability (max)', () => {
    const model = compilePmml(
      classification(
        'multipleModelMethod="max"',
        STUMPS.map((model) => segment(model)),
      ),
    );
    expect(model.score({ x: 4 })).toMatchObject({ y: 'yes', p_yes: 0.9, p_no: 0.1 });
  });

  it('returns the distribution of the segment at the median probability (median)', () => {
    const model = compilePmml(
      classification(
        'multipleModelMethod="median"',
        STUMPS.map((model) => segment(model)),
      ),
    );
    expect(model.score({ x: 4 })).toMatchObject({ y: 'yes', p_yes: 0.75, p_no: 0.25 });
  });

  it('counts votes, with probabilities as the shares of the votes (majorityVote)', () => {
    const model = compilePmml(
      classification(
        'multipleModelMethod="majorityVote"',
        STUMPS.map((model) => segment(model)),
      ),
    );
    expect(model.score({ x: 4 })).toEqual({ y: 'yes', p_yes: 1, p_no: 0 });
    expect(model.score({ x: 10 })).toEqual({ y: 'no', p_yes: 1 / 3, p_no: 2 / 3 });
  });

  it('breaks a tie for the category that got its first vote earliest', () => {
    // At x = 7 the first stump votes no and the third yes.
    const [first, , third] = STUMPS;
    const noFirst = classification('multipleModelMethod="majorityVote"', [
      segment(first),
      segment(third),
    ]);
    expect(compilePmml(noFirst).score({ x: 7 }).y).toBe('no');
    const yesFirst = classification('multipleModelMethod="majorityVote"', [
      segment(third),
      segment(first),
    ]);
    expect(compilePmml(yesFirst).score({ x: 7 }).y).toBe('yes');
  });

  it('weighs the votes (weightedMajorityVote)', () => {
    const segments = STUMPS.map((model, index) => segment(model, `weight="${[1, 5, 1][index]}"`));
    const result = compilePmml(
      classification('multipleModelMethod="weightedMajorityVote"', segments),
    ).score({ x: 10 });
    expect(result).toEqual({ y: 'yes', p_yes: 5 / 7, p_no: 2 / 7 });
  });

  it('refuses a combination method that does not apply to the function', () => {
    expect(() =>
      compilePmml(classification('multipleModelMethod="sum"', [segment(STUMPS[0])])),
    ).toThrow(/cannot combine classification models/);
  });

  it('scores trees with string predicates inside the forest', () => {
    const onString = `<TreeModel functionName="classification" noTrueChildStrategy="returnLastPrediction">
      <MiningSchema><MiningField name="s"/></MiningSchema>
      <Node score="no"><True/>
        <ScoreDistribution value="yes" recordCount="0"/><ScoreDistribution value="no" recordCount="1"/>
        <Node score="yes"><SimplePredicate field="s" operator="equal" value="a"/>
          <ScoreDistribution value="yes" recordCount="1"/><ScoreDistribution value="no" recordCount="0"/>
        </Node>
      </Node>
    </TreeModel>`;
    const model = compilePmml(
      classification('multipleModelMethod="average"', [segment(onString), segment(STUMPS[0])]),
    );
    expect(model.score({ s: 'a', x: 4 }).p_yes).toBe((1 + 0.75) / 2);
    expect(model.score({ s: 'b', x: 4 }).p_yes).toBe(0.75 / 2);
  });
});
