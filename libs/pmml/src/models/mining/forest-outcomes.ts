import type { LabelSet } from '../tree/label-set';
import type { TreeModelCore } from '../tree/tree-model';
import {
  RegressionTreePredictions,
  type ClassificationTreePredictions,
} from '../tree/tree-predictions';
import {
  MISSING,
  PRESENT,
  SKIPPED,
  type SegmentResults,
  type SegmentYield,
} from './segment-results';

/**
 * What each result of a forest's trees predicts, numbered globally (a tree's results are its
 * node numbers plus its base, then one for its null prediction; the last result stands for a
 * tree that was not selected): the score (regression), the category in the ensemble's
 * numbering (votes), or a probability row over the ensemble's categories (averaging).
 */
export class ForestOutcomes {
  readonly scores: Float64Array;
  readonly resultLabel: Int32Array;
  /** Offset of each result's row in `rows`, or -1 when it has no probabilities. */
  readonly rowOf: Int32Array;
  readonly rows: Float64Array;
  readonly width: number;

  constructor(
    cores: readonly TreeModelCore[],
    resultBase: Int32Array,
    /** The result of a tree whose segment predicate is not true (after all the others). */
    private readonly notSelected: number,
    private readonly yields: SegmentYield,
    labels: LabelSet | undefined,
  ) {
    const resultCount = notSelected + 1;
    // Every category must be numbered before the rows are laid out.
    for (const core of cores)
      for (const label of core.categories ?? []) labels?.indexOfValue(label);
    this.width = labels?.size ?? 0;
    this.scores = new Float64Array(yields === 'value' ? resultCount : 0);
    this.resultLabel = new Int32Array(yields === 'label' ? resultCount : 0);
    this.rowOf = new Int32Array(yields === 'distribution' ? resultCount : 0);
    this.rows = new Float64Array(yields === 'distribution' ? resultCount * this.width : 0);
    // Results no tree claims (the last one: "not selected") predict nothing.
    this.scores.fill(NaN);
    this.resultLabel.fill(-1);
    this.rowOf.fill(-1);
    cores.forEach((core, tree) => {
      const { predictions } = core;
      if (predictions instanceof RegressionTreePredictions) {
        this.scores.set(predictions.scores, resultBase[tree]);
      } else {
        this.addClassification(
          core,
          predictions as ClassificationTreePredictions,
          resultBase[tree],
          labels as LabelSet,
          yields,
        );
      }
    });
  }

  private addClassification(
    core: TreeModelCore,
    predictions: ClassificationTreePredictions,
    base: number,
    labels: LabelSet,
    yields: SegmentYield,
  ): void {
    const { distributions } = predictions;
    const toGlobal = distributions.labels.map((label) => labels.indexOfValue(label));
    const localWidth = toGlobal.length;
    const resultCount = core.tree.table.count + 1;
    for (let result = 0; result < resultCount; result++) {
      const hasRow = distributions.hasDistribution[result] === 1;
      const start = result * localWidth;
      if (yields === 'label') {
        let label = distributions.scoreLabel[result];
        // A node without a score predicts its most probable category, as the tree itself does.
        if (label < 0 && hasRow)
          label = mostProbable(distributions.probabilities, start, localWidth);
        this.resultLabel[base + result] = label < 0 ? -1 : toGlobal[label];
        continue;
      }
      const offset = (base + result) * this.width;
      this.rowOf[base + result] = hasRow ? offset : -1;
      if (!hasRow) continue;
      for (let k = 0; k < localWidth; k++)
        this.rows[offset + toGlobal[k]] += distributions.probabilities[start + k];
    }
  }

  /**
   * Turns the trees' results into what the combination reads. A tree that was not selected
   * has the result `notSelected`; one that predicted nothing has a result without score,
   * category or row. `state` is only written when some tree is not present.
   */
  record(treeResults: Int32Array, results: SegmentResults): void {
    const count = treeResults.length;
    let complete = true;
    switch (this.yields) {
      case 'value': {
        const { scores } = this;
        const { values } = results;
        let sum = 0;
        for (let tree = 0; tree < count; tree++) {
          const value = scores[treeResults[tree]];
          values[tree] = value;
          sum += value;
        }
        // A missing score makes the sum NaN (an overflow can too; the check below settles it).
        complete = sum === sum;
        results.valueTotal = sum;
        break;
      }
      case 'label': {
        const { resultLabel } = this;
        const { labels } = results;
        for (let tree = 0; tree < count; tree++) {
          const label = resultLabel[treeResults[tree]];
          labels[tree] = label;
          if (label < 0) complete = false;
        }
        break;
      }
      case 'distribution': {
        const { rowOf, rows, width } = this;
        const { rowOffset } = results;
        results.rows = rows;
        results.width = width;
        if (results.rowTotals.length !== width) results.rowTotals = new Float64Array(width);
        const totals = results.rowTotals;
        for (let tree = 0; tree < count; tree++) {
          const offset = rowOf[treeResults[tree]];
          rowOffset[tree] = offset;
          if (offset < 0) complete = false;
        }
        // Label by label, in tree order, so that a sum stays in a register: adding into
        // totals[label] for every tree made each addition wait for the last one's store.
        for (let label = 0; label < width; label++) {
          let total = 0;
          for (let tree = 0; tree < count; tree++) {
            const offset = rowOffset[tree];
            if (offset >= 0) total += rows[offset + label];
          }
          totals[label] = total;
        }
      }
    }
    results.hasTotals = complete && this.yields !== 'label';
    results.complete = complete || this.recordStates(treeResults, results);
  }

  /**
   * Takes a regression forest's scores and their sum (in tree order) as the kernel computed
   * them; the same as `record` with yields 'value'.
   */
  recordScores(
    treeResults: Int32Array,
    scores: Float64Array,
    sum: number,
    results: SegmentResults,
  ): void {
    results.values.set(scores);
    const complete = sum === sum;
    results.valueTotal = sum;
    results.hasTotals = complete;
    results.complete = complete || this.recordStates(treeResults, results);
  }

  /** Takes the sum of a regression forest's scores, all present, without the scores. */
  recordSum(sum: number, results: SegmentResults): void {
    results.valueTotal = sum;
    results.hasTotals = true;
    results.complete = true;
  }

  /** Writes every tree's state; returns whether all are present after all. */
  private recordStates(treeResults: Int32Array, results: SegmentResults): boolean {
    const { notSelected } = this;
    let complete = true;
    for (let tree = 0; tree < treeResults.length; tree++) {
      const result = treeResults[tree];
      const present =
        this.yields === 'value'
          ? results.values[tree] === results.values[tree]
          : this.yields === 'label'
            ? results.labels[tree] >= 0
            : this.rowOf[result] >= 0;
      const state = result === notSelected ? SKIPPED : present ? PRESENT : MISSING;
      results.state[tree] = state;
      if (state !== PRESENT) complete = false;
    }
    return complete;
  }
}

/** The first category with the highest probability in the row at `start`. */
function mostProbable(probabilities: Float64Array, start: number, width: number): number {
  let best = 0;
  for (let k = 1; k < width; k++) {
    if (probabilities[start + k] > probabilities[start + best]) best = k;
  }
  return best;
}
