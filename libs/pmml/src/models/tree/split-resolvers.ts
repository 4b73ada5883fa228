import { TRUE, UNKNOWN } from '../../predicates/compile-predicate';
import type { ClassDistributions } from './node-outcomes';
import { VIRTUAL_RESULT, type NodeWalker, type SplitResolver } from './node-walker';

/** The distribution that weightedConfidence or aggregateNodes made up for the current record. */
export class VirtualDistribution {
  readonly probabilities: Float64Array;
  readonly confidences: Float64Array;
  /** The winning category, or -1 when no category scored above zero. */
  label = -1;

  constructor(readonly width: number) {
    this.probabilities = new Float64Array(width);
    this.confidences = new Float64Array(width);
  }

  reset(): void {
    this.probabilities.fill(0);
    this.confidences.fill(0);
    this.label = -1;
  }

  /** The first category with the highest confidence above zero wins (as pmml4s chooses). */
  chooseLabel(): number {
    let best = 0;
    this.label = -1;
    for (let index = 0; index < this.width; index++) {
      if (this.confidences[index] > best) {
        best = this.confidences[index];
        this.label = index;
      }
    }
    return this.label;
  }
}

function childRange(walker: NodeWalker, node: number): [number, number] {
  const { childStart } = walker.table;
  return [childStart[node], childStart[node + 1]];
}

/**
 * weightedConfidence: each child that is not false is scored in turn (recursively, since
 * deeper splits may be unknown too), and its confidences are weighted by its share of the
 * parent's records. Probabilities are combined the same way.
 */
export class WeightedConfidenceResolver implements SplitResolver {
  constructor(
    private readonly distributions: ClassDistributions,
    readonly result: VirtualDistribution,
  ) {}

  resolve(walker: NodeWalker, parent: number): number {
    this.result.reset();
    this.mixUnknownChildren(walker, parent, 1);
    return this.result.chooseLabel() < 0 ? walker.table.count : VIRTUAL_RESULT;
  }

  private mixUnknownChildren(walker: NodeWalker, parent: number, weight: number): void {
    const { children } = walker.table;
    const [start, end] = childRange(walker, parent);
    const counts = this.distributions.nodeRecordCount;
    let total = counts[parent];
    if (!(total > 0)) {
      total = 0;
      for (let index = start; index < end; index++) {
        if (walker.evaluate(children[index]) === UNKNOWN) total += counts[children[index]] || 0;
      }
    }
    for (let index = start; index < end; index++) {
      const child = children[index];
      if (walker.evaluate(child) !== UNKNOWN) continue;
      const share = total > 0 ? (counts[child] || 0) / total : 0;
      this.mix(walker, child, weight * share);
    }
  }

  /** Adds the distribution of a node that the record reaches with the given weight. */
  private mix(walker: NodeWalker, node: number, weight: number): void {
    const { children } = walker.table;
    const [start, end] = childRange(walker, node);
    let unknown = false;
    for (let index = start; index < end; index++) {
      const truth = walker.evaluate(children[index]);
      if (truth === TRUE) return this.mix(walker, children[index], weight);
      if (truth === UNKNOWN) unknown = true;
    }
    if (unknown) return this.mixUnknownChildren(walker, node, weight);
    this.addRow(node, weight);
  }

  private addRow(node: number, weight: number): void {
    const { probabilities, confidences } = this.distributions;
    const { width } = this.result;
    const row = node * width;
    const source = confidences ?? probabilities;
    for (let index = 0; index < width; index++) {
      this.result.probabilities[index] += weight * probabilities[row + index];
      this.result.confidences[index] += weight * source[row + index];
    }
  }
}

/**
 * aggregateNodes: every leaf the record may reach is collected (an unknown child is followed,
 * and so are its later siblings up to the first true one), and the record counts of their
 * ScoreDistributions are added up into one virtual node.
 */
export class AggregateNodesResolver implements SplitResolver {
  private readonly counts: Float64Array;

  constructor(
    private readonly distributions: ClassDistributions,
    readonly result: VirtualDistribution,
  ) {
    this.counts = new Float64Array(result.width);
  }

  resolve(walker: NodeWalker, parent: number): number {
    this.counts.fill(0);
    this.collectLeaves(walker, parent);
    const { width } = this.result;
    let total = 0;
    for (let index = 0; index < width; index++) total += this.counts[index];
    this.result.reset();
    if (!(total > 0)) return walker.table.count;
    for (let index = 0; index < width; index++) {
      const share = this.counts[index] / total;
      this.result.probabilities[index] = share;
      this.result.confidences[index] = share;
    }
    return this.result.chooseLabel() < 0 ? walker.table.count : VIRTUAL_RESULT;
  }

  private collectLeaves(walker: NodeWalker, node: number): void {
    const { children } = walker.table;
    const [start, end] = childRange(walker, node);
    if (start === end) return this.addLeaf(node);
    for (let index = start; index < end; index++) {
      const truth = walker.evaluate(children[index]);
      if (truth === TRUE || truth === UNKNOWN) this.collectLeaves(walker, children[index]);
      if (truth === TRUE) return;
    }
  }

  private addLeaf(node: number): void {
    const recordCounts = this.distributions.recordCounts;
    if (!recordCounts) return;
    const { width } = this.result;
    for (let index = 0; index < width; index++)
      this.counts[index] += recordCounts[node * width + index];
  }
}
