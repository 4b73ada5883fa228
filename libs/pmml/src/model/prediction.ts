import type { Value } from '../values/value';

/** Scores per category (probabilities, confidences or affinities), in the model's order. */
export interface CategoryScores {
  readonly labels: readonly Value[];
  readonly values: ArrayLike<number>;
}

export function scoreOf(scores: CategoryScores | undefined, label: Value): number | null {
  if (!scores) return null;
  const { labels, values } = scores;
  for (let index = 0; index < labels.length; index++) {
    if (labels[index] === label) return values[index];
  }
  // Labels of numeric targets may be compared with a differently typed output value.
  for (let index = 0; index < labels.length; index++) {
    if (String(labels[index]) === String(label)) return values[index];
  }
  return null;
}

/** The label with the highest score; the first one wins ties, as JPMML does. */
export function bestLabel(scores: CategoryScores): Value {
  const { labels, values } = scores;
  let best = -1;
  let bestValue = -Infinity;
  for (let index = 0; index < labels.length; index++) {
    if (values[index] > bestValue) {
      bestValue = values[index];
      best = index;
    }
  }
  return best < 0 ? null : labels[best];
}

/** Entities ranked by a model (nearest neighbours, closest clusters, fired rules). */
export interface RankedEntities {
  readonly ids: readonly Value[];
  /** Affinity (distance or similarity) of each entity, same order as ids. */
  readonly affinities: readonly number[];
}

/**
 * What a model produced for one record, before Output fields are computed. `value` is the
 * predicted value of the target (after Targets post-processing); the rest is what some model
 * types add and some output features read.
 */
export interface Prediction {
  value: Value;
  /** Classification: one probability per category. */
  probabilities?: CategoryScores;
  /** Classification trees and rule sets: one confidence per category. */
  confidences?: CategoryScores;
  /** Per-category or per-cluster affinity. */
  affinities?: CategoryScores;
  /** The winning entity: a tree node, a cluster, a rule, a neighbour. */
  entityId?: Value;
  ranked?: RankedEntities;
  displayValue?: string;
  reasonCodes?: readonly string[];
  standardError?: number;
  warning?: string;
  /** Predictions of the segments of a MiningModel by segment id, when outputs ask for them. */
  segments?: ReadonlyMap<string, Prediction>;
  /** Predictions of further targets (multi-target models), by target field name. */
  otherTargets?: ReadonlyMap<string, Value>;
}
