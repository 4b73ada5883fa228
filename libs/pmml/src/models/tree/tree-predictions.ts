import { bestLabel, type CategoryScores, type Prediction } from '../../model/prediction';
import type { ClassDistributions } from './node-outcomes';
import { nodeEntityId, type NodeTable } from './node-table';
import { VIRTUAL_RESULT } from './node-walker';
import type { VirtualDistribution } from './split-resolvers';

/** Turns a walk's result into the Prediction a tree model returns. */
export interface TreePredictions {
  predictionFor(result: number, missingLevels: number): Prediction | null;
}

/** Entity ids of nodes, made once per node on first use. */
class EntityIds {
  private readonly cache: (string | undefined)[] = [];

  constructor(private readonly table: NodeTable) {}

  of(node: number): string {
    return (this.cache[node] ??= nodeEntityId(this.table, node));
  }
}

export class RegressionTreePredictions implements TreePredictions {
  private readonly ids: EntityIds;

  constructor(
    private readonly table: NodeTable,
    /** Per result: the node's score (NaN for none and for the null prediction). */
    readonly scores: Float64Array,
  ) {
    this.ids = new EntityIds(table);
  }

  predictionFor(result: number): Prediction | null {
    const score = result >= 0 ? this.scores[result] : NaN;
    if (score !== score) return null;
    return { value: score, entityId: this.ids.of(result) };
  }
}

/**
 * Classification: the node's score is the predicted category (JPMML does not derive it from
 * the probabilities); probabilities and confidences come from its ScoreDistributions. As in
 * JPMML, a node whose distributions give no confidences reports confidence 0, and the
 * confidences shrink by missingValuePenalty for every missing-value handling on the way.
 */
export class ClassificationTreePredictions implements TreePredictions {
  private readonly ids: EntityIds;
  private readonly probabilityRows: (CategoryScores | undefined)[] = [];
  private readonly confidenceRows: (CategoryScores | undefined)[] = [];
  private readonly noConfidences: CategoryScores;
  private readonly width: number;

  constructor(
    private readonly table: NodeTable,
    readonly distributions: ClassDistributions,
    private readonly missingValuePenalty: number,
    private readonly virtual: VirtualDistribution | undefined,
  ) {
    this.ids = new EntityIds(table);
    this.width = distributions.labels.length;
    this.noConfidences = {
      labels: distributions.labels,
      values: new Float64Array(this.width),
    };
  }

  predictionFor(result: number, missingLevels: number): Prediction | null {
    if (result === VIRTUAL_RESULT) return this.virtualPrediction();
    if (result < 0 || result >= this.table.count) return null;
    const { labels, scoreLabel, hasDistribution } = this.distributions;
    const probabilities = hasDistribution[result] ? this.probabilitiesOf(result) : undefined;
    const label = scoreLabel[result];
    const value = label >= 0 ? labels[label] : probabilities ? bestLabel(probabilities) : null;
    if (value === null) return null;
    const prediction: Prediction = { value, entityId: this.ids.of(result) };
    if (probabilities) {
      prediction.probabilities = probabilities;
      prediction.confidences = this.confidencesOf(result, missingLevels);
    }
    return prediction;
  }

  private probabilitiesOf(node: number): CategoryScores {
    let scores = this.probabilityRows[node];
    if (!scores) {
      const start = node * this.width;
      scores = {
        labels: this.distributions.labels,
        values: this.distributions.probabilities.subarray(start, start + this.width),
      };
      this.probabilityRows[node] = scores;
    }
    return scores;
  }

  private confidencesOf(node: number, missingLevels: number): CategoryScores {
    const { confidences, labels } = this.distributions;
    if (!confidences) return this.noConfidences;
    const start = node * this.width;
    if (missingLevels > 0 && this.missingValuePenalty !== 1) {
      const factor =
        missingLevels > 1
          ? Math.pow(this.missingValuePenalty, missingLevels)
          : this.missingValuePenalty;
      const values = new Float64Array(this.width);
      for (let index = 0; index < this.width; index++)
        values[index] = confidences[start + index] * factor;
      return { labels, values };
    }
    let scores = this.confidenceRows[node];
    if (!scores) {
      scores = { labels, values: confidences.subarray(start, start + this.width) };
      this.confidenceRows[node] = scores;
    }
    return scores;
  }

  private virtualPrediction(): Prediction | null {
    const virtual = this.virtual;
    if (!virtual || virtual.label < 0) return null;
    const { labels } = this.distributions;
    return {
      value: labels[virtual.label],
      probabilities: { labels, values: Float64Array.from(virtual.probabilities) },
      confidences: { labels, values: Float64Array.from(virtual.confidences) },
    };
  }
}
