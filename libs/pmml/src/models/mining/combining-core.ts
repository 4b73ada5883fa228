import type { EvalContext } from '../../fields/eval-context';
import type { ModelCore } from '../../model/model-types';
import type { Prediction } from '../../model/prediction';
import type { Value } from '../../values/value';
import type { LabelSet } from '../tree/label-set';
import { combineValues, type ValueMethod } from './combine-values';
import type { DistributionCombiner } from './combine-distributions';
import type { VoteCounter } from './combine-votes';
import type { SegmentResults } from './segment-results';
import type { MissingPredictionTreatment } from './segmentation-options';

/** Fills the segments' results for the current record: a TreeForest or a SegmentRunner. */
export interface SegmentSource {
  fill(context: EvalContext, results: SegmentResults): void;
}

/** How the results are combined into one prediction. */
export type Combination =
  | { readonly kind: 'value'; readonly method: ValueMethod; readonly start: number }
  | { readonly kind: 'label'; readonly counter: VoteCounter }
  | { readonly kind: 'distribution'; readonly combiner: DistributionCombiner };

/** The averaging and voting methods: every selected segment predicts, then one combination. */
export class CombiningCore implements ModelCore {
  readonly categories: readonly Value[] | undefined;
  readonly appliesRescaleConstant: boolean;
  /** The categories as of the last combination, copied when segments added some. */
  private snapshot: readonly Value[] = [];

  constructor(
    private readonly source: SegmentSource,
    private readonly results: SegmentResults,
    private readonly combination: Combination,
    private readonly treatment: MissingPredictionTreatment,
    private readonly missingThreshold: number,
    private readonly float: boolean,
    private readonly labels: LabelSet | undefined,
  ) {
    this.categories = labels?.labels;
    this.appliesRescaleConstant = combination.kind === 'value' && combination.start !== 0;
  }

  evaluate(context: EvalContext): Prediction | null {
    const { results } = this;
    this.source.fill(context, results);
    if (this.treatment === 'returnMissing' && results.anyMissing()) return null;
    const prediction = this.combine();
    if (prediction && results.predictions) prediction.segments = results.predictions;
    return prediction;
  }

  private combine(): Prediction | null {
    const { combination, results } = this;
    switch (combination.kind) {
      case 'value': {
        const value = combineValues(
          combination.method,
          results,
          this.treatment,
          this.missingThreshold,
          this.float,
          combination.start,
        );
        return value === null ? null : { value };
      }
      case 'label':
        return combination.counter.combine(results, this.currentLabels());
      case 'distribution':
        return combination.combiner.combine(results, this.currentLabels());
    }
  }

  /** The categories so far (segments that are not trees may add categories while scoring). */
  private currentLabels(): readonly Value[] {
    const labels = (this.labels as LabelSet).labels;
    if (this.snapshot.length !== labels.length) this.snapshot = labels.slice();
    return this.snapshot;
  }
}
