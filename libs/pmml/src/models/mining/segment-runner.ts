import type { EvalContext } from '../../fields/eval-context';
import type { Prediction } from '../../model/prediction';
import { TRUE } from '../../predicates/compile-predicate';
import type { LabelSet } from '../tree/label-set';
import {
  MISSING,
  PRESENT,
  SKIPPED,
  type SegmentResults,
  type SegmentYield,
} from './segment-results';
import type { SegmentEvaluator } from './segments';

/** The weight of a segment for the current record: its weight times its VariableWeight field. */
export function segmentWeight(segment: SegmentEvaluator, context: EvalContext): number {
  if (segment.variableWeightSlot === undefined) return segment.weight;
  const value = context.get(segment.variableWeightSlot);
  return typeof value === 'number' ? segment.weight * value : 0;
}

/**
 * Evaluates each selected segment's model in turn and records what the combination needs.
 * With returnMissing, evaluation stops at the first segment that predicts nothing.
 */
export class SegmentRunner {
  private readonly collected: (Prediction | null)[];

  constructor(
    private readonly segments: readonly SegmentEvaluator[],
    private readonly yields: SegmentYield,
    private readonly labels: LabelSet | undefined,
    private readonly keepPredictions: boolean,
    private readonly stopOnMissing: boolean,
  ) {
    this.collected = new Array<Prediction | null>(segments.length).fill(null);
  }

  fill(context: EvalContext, results: SegmentResults): void {
    const { segments, collected } = this;
    results.predictions = this.keepPredictions ? new Map() : undefined;
    results.state.fill(SKIPPED);
    results.complete = false;
    results.hasTotals = false;
    for (let index = 0; index < segments.length; index++) {
      const segment = segments[index];
      collected[index] = null;
      if (segment.predicate && segment.predicate(context) !== TRUE) continue;
      const prediction = segment.evaluate(context);
      if (prediction) results.predictions?.set(segment.id, prediction);
      results.weights[index] = segmentWeight(segment, context);
      collected[index] = prediction;
      const present = this.record(index, prediction, results);
      results.state[index] = present ? PRESENT : MISSING;
      if (!present && this.stopOnMissing) break;
    }
    if (this.yields === 'distribution') this.writeRows(results);
  }

  private record(index: number, prediction: Prediction | null, results: SegmentResults): boolean {
    if (!prediction) return false;
    const { value } = prediction;
    switch (this.yields) {
      case 'value': {
        if (value === null) return false;
        results.values[index] = typeof value === 'number' ? value : Number(value);
        return true;
      }
      case 'label':
        if (value === null) return false;
        results.labels[index] = (this.labels as LabelSet).indexOfValue(value);
        return true;
      case 'distribution': {
        const probabilities = prediction.probabilities;
        if (!probabilities) return false;
        for (const label of probabilities.labels) (this.labels as LabelSet).indexOfValue(label);
        return true;
      }
    }
  }

  /** Copies the probabilities into rows over all categories, now that every category is known. */
  private writeRows(results: SegmentResults): void {
    const labels = this.labels as LabelSet;
    const width = labels.size;
    const needed = width * this.segments.length;
    if (results.rows.length < needed || results.width !== width) {
      results.rows = new Float64Array(needed);
      results.width = width;
    }
    const rows = results.rows;
    for (let index = 0; index < this.segments.length; index++) {
      const probabilities = this.collected[index]?.probabilities;
      if (results.state[index] !== PRESENT || !probabilities) continue;
      const offset = index * width;
      results.rowOffset[index] = offset;
      rows.fill(0, offset, offset + width);
      for (let entry = 0; entry < probabilities.labels.length; entry++) {
        rows[offset + labels.indexOfValue(probabilities.labels[entry])] +=
          probabilities.values[entry];
      }
    }
  }
}
