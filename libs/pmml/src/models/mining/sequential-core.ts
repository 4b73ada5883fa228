import type { EvalContext } from '../../fields/eval-context';
import type { CompiledOutputField, ModelCore, TargetInfo } from '../../model/model-types';
import type { Prediction } from '../../model/prediction';
import { TRUE } from '../../predicates/compile-predicate';
import type { Value } from '../../values/value';
import type { ExposedOutputs } from './exposed-outputs';
import type { SegmentEvaluator } from './segments';
import type { MissingPredictionTreatment, MultipleModelMethod } from './segmentation-options';

type SequentialMethod = Extract<MultipleModelMethod, 'selectFirst' | 'selectAll' | 'modelChain'>;

function isMissing(prediction: Prediction | null): boolean {
  return prediction === null || prediction.value === null;
}

/**
 * Files a segment's prediction under the MiningModel's targets: when the segment predicts
 * another of the MiningModel's targets (a chain whose last model predicts a second target),
 * its value belongs to that target, not to the first one.
 */
function underTargets(
  prediction: Prediction,
  segment: SegmentEvaluator,
  targets: readonly TargetInfo[],
): Prediction {
  const own = segment.targetName;
  if (own === undefined || own === targets[0]?.field.name) return prediction;
  if (!targets.some((target) => target.field.name === own)) return prediction;
  const otherTargets = new Map<string, Value>(prediction.otherTargets ?? []);
  otherTargets.set(own, prediction.value);
  return { ...prediction, value: null, otherTargets };
}

/**
 * selectFirst (the first selected segment decides), modelChain (selected segments run in
 * order, each seeing the outputs of those before; the last one decides) and selectAll (every
 * selected segment runs; there is no single predicted value, the segments' predictions are
 * read through OutputFields with a segmentId).
 */
export class SequentialCore implements ModelCore {
  readonly nestedOutputs: readonly CompiledOutputField[] | undefined;

  constructor(
    private readonly method: SequentialMethod,
    private readonly segments: readonly SegmentEvaluator[],
    private readonly treatment: MissingPredictionTreatment,
    private readonly targets: readonly TargetInfo[],
    private readonly exposed: ExposedOutputs,
    private readonly keepPredictions: boolean,
  ) {
    this.nestedOutputs = exposed.isEmpty ? undefined : exposed.fields;
  }

  evaluate(context: EvalContext): Prediction | null {
    const predictions =
      this.keepPredictions || this.method === 'selectAll'
        ? new Map<string, Prediction>()
        : undefined;
    let decisive: SegmentEvaluator | undefined;
    let result: Prediction | null = null;
    for (const segment of this.segments) {
      if (segment.predicate && segment.predicate(context) !== TRUE) continue;
      const prediction = segment.evaluate(context);
      if (prediction) predictions?.set(segment.id, prediction);
      if (isMissing(prediction)) {
        if (this.treatment === 'returnMissing') {
          result = null;
          decisive = undefined;
          break;
        }
        if (this.treatment === 'skipSegment' && this.method === 'selectFirst') continue;
      }
      decisive = segment;
      result = prediction;
      if (this.method === 'selectFirst') break;
    }
    if (!this.exposed.isEmpty) this.exposed.publish(context);
    if (this.method === 'selectAll') return { value: null, segments: predictions };
    if (!result || !decisive) return null;
    const filed = underTargets(result, decisive, this.targets);
    return predictions ? { ...filed, segments: predictions } : filed;
  }
}
