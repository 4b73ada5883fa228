import { invalidPmml } from '../../errors';
import type { Value } from '../../values/value';
import { parseNumberText, type XmlElement } from '../../xml/xml-element';
import type { LabelSet } from './label-set';

/** What reaching a node predicts, per node, collected while the tree is read. */
export interface OutcomeReader {
  add(node: XmlElement, scoreDistributions: readonly XmlElement[]): void;
}

/** Regression: each node's numeric score (NaN when the node has none). */
export class RegressionScores implements OutcomeReader {
  private readonly values: number[] = [];

  constructor(private readonly float: boolean) {}

  add(node: XmlElement): void {
    const text = node.attr('score');
    if (text === undefined) {
      this.values.push(NaN);
      return;
    }
    const score = parseNumberText(text);
    if (score === undefined)
      throw invalidPmml(`${node.where}: the score "${text}" of a regression tree is not a number.`);
    this.values.push(this.float ? Math.fround(score) : score);
  }

  /** The scores, with one more entry (NaN) for the null prediction. */
  finish(): Float64Array {
    const scores = new Float64Array(this.values.length + 1);
    scores.set(this.values);
    scores[this.values.length] = NaN;
    return scores;
  }
}

/**
 * Classification: per node the predicted category and, from its ScoreDistributions, one row
 * of probabilities (and of confidences, record counts) over all categories of the tree.
 */
export interface ClassDistributions {
  readonly labels: readonly Value[];
  /** The category of each node's score, -1 when the node has no score. */
  readonly scoreLabel: Int32Array;
  /** Whether the node has ScoreDistributions that define probabilities. */
  readonly hasDistribution: Uint8Array;
  /** Row-major: node × category. */
  readonly probabilities: Float64Array;
  /** Row-major confidences, when any ScoreDistribution gives one. */
  readonly confidences: Float64Array | undefined;
  /** Row-major record counts per category, kept for the aggregateNodes strategy only. */
  readonly recordCounts: Float64Array | undefined;
  /** The recordCount of each node (NaN when absent). */
  readonly nodeRecordCount: Float64Array;
}

export class ClassDistributionsReader implements OutcomeReader {
  private readonly scoreLabels: number[] = [];
  private readonly nodeRecordCounts: number[] = [];
  /** Per node, where its ScoreDistribution entries start in the entry arrays. */
  private readonly entryStart: number[] = [];
  private readonly entryLabel: number[] = [];
  private readonly entryValue: number[] = [];
  private readonly entryCount: number[] = [];
  private readonly entryConfidence: number[] = [];
  private anyConfidence = false;

  constructor(
    private readonly labels: LabelSet,
    private readonly float: boolean,
    private readonly keepRecordCounts: boolean,
  ) {}

  add(node: XmlElement, scoreDistributions: readonly XmlElement[]): void {
    const score = node.attr('score');
    this.scoreLabels.push(score === undefined ? -1 : this.labels.indexOfText(score));
    this.nodeRecordCounts.push(node.numberAttr('recordCount') ?? NaN);
    this.entryStart.push(this.entryLabel.length);
    // JPMML: "if the predicted probability is defined for any class label, then it must be
    // defined for all"; the first entry decides between probabilities and record counts.
    const byProbability = scoreDistributions.length > 0 && scoreDistributions[0].has('probability');
    for (const distribution of scoreDistributions) {
      this.entryLabel.push(this.labels.indexOfText(distribution.requiredAttr('value')));
      const count = distribution.numberAttr('recordCount');
      if (byProbability) {
        const probability = distribution.requiredNumberAttr('probability');
        if (!(probability >= 0 && probability <= 1))
          throw invalidPmml(`${distribution.where}: probability ${probability} is not in [0, 1].`);
        this.entryValue.push(probability);
      } else {
        if (count === undefined)
          throw invalidPmml(
            `${distribution.where}: the required attribute "recordCount" is missing.`,
          );
        this.entryValue.push(count);
      }
      this.entryCount.push(count ?? 0);
      const confidence = distribution.numberAttr('confidence');
      if (confidence !== undefined) this.anyConfidence = true;
      this.entryConfidence.push(confidence ?? NaN);
    }
  }

  /** Densifies the rows, with one more (empty) row for the null prediction. */
  finish(): ClassDistributions {
    const nodeCount = this.scoreLabels.length;
    const width = this.labels.size;
    const rows = nodeCount + 1;
    const probabilities = new Float64Array(rows * width);
    const confidences = this.anyConfidence ? new Float64Array(rows * width) : undefined;
    const recordCounts = this.keepRecordCounts ? new Float64Array(rows * width) : undefined;
    const hasDistribution = new Uint8Array(rows);
    const float = this.float;
    for (let node = 0; node < nodeCount; node++) {
      const start = this.entryStart[node];
      const end = node + 1 < nodeCount ? this.entryStart[node + 1] : this.entryLabel.length;
      if (start === end) continue;
      const row = node * width;
      let sum = 0;
      for (let entry = start; entry < end; entry++) {
        const value = float ? Math.fround(this.entryValue[entry]) : this.entryValue[entry];
        sum = float ? Math.fround(sum + value) : sum + value;
      }
      // A distribution of zero records defines no probabilities.
      if (sum === 0) continue;
      hasDistribution[node] = 1;
      for (let entry = start; entry < end; entry++) {
        const column = row + this.entryLabel[entry];
        const value = float ? Math.fround(this.entryValue[entry]) : this.entryValue[entry];
        const probability = sum === 1 ? value : float ? Math.fround(value / sum) : value / sum;
        probabilities[column] += probability;
        if (recordCounts) recordCounts[column] += this.entryCount[entry];
        if (confidences) {
          const confidence = this.entryConfidence[entry];
          if (confidence === confidence) confidences[column] = confidence;
        }
      }
    }
    return {
      labels: this.labels.labels,
      scoreLabel: Int32Array.from([...this.scoreLabels, -1]),
      hasDistribution,
      probabilities,
      confidences,
      recordCounts,
      nodeRecordCount: Float64Array.from([...this.nodeRecordCounts, NaN]),
    };
  }
}
