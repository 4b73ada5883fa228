import type { EvalContext } from '../../fields/eval-context';
import { TRUE, type CompiledPredicate } from '../../predicates/compile-predicate';
import { TRUTH_AS_NUMBER } from '../tree/decision-graph';
import type { LabelSet } from '../tree/label-set';
import type { NodeWalker } from '../tree/node-walker';
import { FeatureRegistry, NumericInputs } from '../tree/numeric-inputs';
import { TreeModelCore } from '../tree/tree-model';
import { RegressionTreePredictions } from '../tree/tree-predictions';
import { ForestLayout, LANES } from './forest-layout';
import { concatenateNodeTables } from './forest-node-table';
import { ForestOutcomes } from './forest-outcomes';
import { createLockstepKernel, type LockstepKernel } from './lockstep-kernel';
import { createMaskKernel } from './mask-kernel';
import type { SegmentResults, SegmentYield } from './segment-results';
import type { CompiledSegment } from './segments';

const NO_TREES = new Int32Array(0);

/** The tree core of a segment that can be scored inside a forest, or undefined. */
function fusableTree(segment: CompiledSegment, yields: SegmentYield): TreeModelCore | undefined {
  const { model } = segment;
  const core = model.core;
  if (!(core instanceof TreeModelCore) || core.hasVirtualResults) return undefined;
  // Outputs, Targets and variable weights need the segment's own evaluation.
  if (model.outputs.length > 0 || model.element.child('Targets')) return undefined;
  if (segment.variableWeightSlot !== undefined) return undefined;
  const regression = core.predictions instanceof RegressionTreePredictions;
  return regression === (yields === 'value') ? core : undefined;
}

/**
 * The tree segments of an ensemble scored as one: their numeric inputs are read once per
 * record, their nodes live in one table and their outcomes (scores, categories, probability
 * rows over the ensemble's categories) are numbered globally. When every input is present,
 * small trees are scored by the mask kernel, or else trees without closures are walked LANES
 * at a time in lockstep over one ForestLayout; otherwise each tree is walked on its own, and
 * a tree that meets a missing input hands the record to its node walker, which applies the
 * tree's missing-value strategy.
 */
export class TreeForest {
  private readonly inputs: NumericInputs;
  /**
   * The trees for lockstep and single walks. A forest that the mask kernel scores has none:
   * the kernel takes complete records, exactly, and the node walkers take the others.
   */
  private readonly layout: ForestLayout | undefined;
  private readonly outcomes: ForestOutcomes;
  private readonly resultBase: Int32Array;
  /** The trees' node walkers, over one table of the whole forest (see concatenateNodeTables). */
  private readonly walkers: NodeWalker[];
  private readonly nodeBase: Int32Array;
  private readonly nullNode: number;
  private readonly predicates: (CompiledPredicate | undefined)[] | undefined;
  /** The lockstep walk in WebAssembly, when the layout is narrow and WebAssembly is there. */
  private readonly kernel: LockstepKernel | undefined;
  /** Per tree: its result for the current record (a global result number). */
  private readonly treeResults: Int32Array;
  /** The result of a tree whose segment predicate is not true. */
  private readonly notSelected: number;

  private constructor(
    cores: readonly TreeModelCore[],
    segments: readonly CompiledSegment[],
    yields: SegmentYield,
    labels: LabelSet | undefined,
    treeValues: boolean,
  ) {
    const registry = new FeatureRegistry();
    const featureMaps = cores.map(({ tree }) =>
      Int32Array.from(tree.table.featureSlots, (slot, index) =>
        registry.indexOf(slot, tree.table.featureTypes[index]),
      ),
    );
    const forestTable = concatenateNodeTables(
      cores.map((core) => core.tree.table),
      featureMaps,
      registry.slots,
      registry.types,
    );
    this.nodeBase = forestTable.bases;
    this.nullNode = forestTable.table.count;
    this.walkers = cores.map((core, tree) =>
      core.tree.walker.within(forestTable.table, this.nodeBase[tree]),
    );
    this.predicates = segments.some((segment) => segment.predicate)
      ? segments.map((segment) => segment.predicate)
      : undefined;
    this.resultBase = new Int32Array(cores.length);
    let results = 0;
    cores.forEach((core, index) => {
      this.resultBase[index] = results;
      results += core.tree.table.count + 1;
    });
    const trees = cores.map((core, index) => ({
      graph: core.tree.graph,
      closures: core.tree.table.closures,
      featureMap: featureMaps[index],
      resultBase: this.resultBase[index],
    }));
    this.notSelected = results;
    this.outcomes = new ForestOutcomes(cores, this.resultBase, results, yields, labels);
    const scores = yields === 'value' ? this.outcomes.scores : undefined;
    const maskKernel = createMaskKernel(trees, registry.types.length, scores, treeValues);
    this.layout = maskKernel
      ? undefined
      : new ForestLayout(trees, registry.types.length, registry.types);
    this.kernel =
      maskKernel ??
      (this.layout &&
        createLockstepKernel(
          this.layout,
          registry.types.length,
          cores.length,
          this.layout.singleTrees.length === 0 ? scores : undefined,
        ));
    this.inputs = new NumericInputs(registry.slots, this.kernel?.x, registry.types);
    this.treeResults = this.kernel?.out ?? new Int32Array(cores.length);
  }

  /**
   * The forest of `segments`, or undefined when one of them is not a plain tree.
   * `treeValues` tells whether the combination reads every tree's score, or only the sum of
   * a complete record's scores (a double sum or average).
   */
  static build(
    segments: readonly CompiledSegment[],
    yields: SegmentYield,
    labels: LabelSet | undefined,
    treeValues = true,
  ): TreeForest | undefined {
    const cores: TreeModelCore[] = [];
    for (const segment of segments) {
      const core = fusableTree(segment, yields);
      if (!core) return undefined;
      cores.push(core);
    }
    return new TreeForest(cores, segments, yields, labels, treeValues);
  }

  /** Scores every tree for the current record into `results`. */
  fill(context: EvalContext, results: SegmentResults): void {
    const { inputs, treeResults, layout } = this;
    inputs.read(context);
    // Narrowed thresholds only hold for values on their field's grid.
    const exact = inputs.offGrid && layout !== undefined && layout.narrow;
    if (this.predicates || !inputs.complete || exact) {
      for (let tree = 0; tree < treeResults.length; tree++) {
        const predicate = this.predicates?.[tree];
        treeResults[tree] =
          predicate && predicate(context) !== TRUE
            ? this.notSelected
            : exact
              ? this.walkNodes(tree, context)
              : this.walkOne(tree, context);
      }
    } else {
      this.walkLockstep();
      const { kernel } = this;
      if (kernel?.values && kernel.sum) {
        this.outcomes.recordScores(treeResults, kernel.values, kernel.sum[0], results);
        return;
      }
      // Without tree values, a sum that is NaN (a tree without a score) comes with every
      // tree's result number, which `record` below reads.
      if (kernel?.sum && kernel.sum[0] === kernel.sum[0]) {
        this.outcomes.recordSum(kernel.sum[0], results);
        return;
      }
      const single = layout?.singleTrees ?? NO_TREES;
      for (let index = 0; index < single.length; index++) {
        treeResults[single[index]] = this.walkOne(single[index], context);
      }
    }
    this.outcomes.record(this.treeResults, results);
  }

  /** Walks the lockstep groups: a fixed number of steps per group, no data-dependent branch. */
  private walkLockstep(): void {
    const { kernel, layout } = this;
    if (kernel) kernel.run();
    else if (layout?.narrow) this.walkLockstepNarrow(layout);
    else if (layout) this.walkLockstepWide(layout);
  }

  private walkLockstepNarrow(layout: ForestLayout): void {
    const { narrowThresholds: t, narrowLinks: l, shift, featureMask: m } = layout;
    const { leafResult, roots, groupTrees, groupDepths } = layout;
    const x = this.inputs.values;
    const out = this.treeResults;
    for (let group = 0, lane = 0; group < groupDepths.length; group++, lane += LANES) {
      let d0 = roots[groupTrees[lane]];
      let d1 = roots[groupTrees[lane + 1]];
      let d2 = roots[groupTrees[lane + 2]];
      let d3 = roots[groupTrees[lane + 3]];
      let d4 = roots[groupTrees[lane + 4]];
      let d5 = roots[groupTrees[lane + 5]];
      let d6 = roots[groupTrees[lane + 6]];
      let d7 = roots[groupTrees[lane + 7]];
      for (let step = groupDepths[group]; step > 0; step--) {
        let w = l[2 * d0 + 1];
        d0 = (w >> shift) + +(x[w & m] <= t[2 * d0]);
        w = l[2 * d1 + 1];
        d1 = (w >> shift) + +(x[w & m] <= t[2 * d1]);
        w = l[2 * d2 + 1];
        d2 = (w >> shift) + +(x[w & m] <= t[2 * d2]);
        w = l[2 * d3 + 1];
        d3 = (w >> shift) + +(x[w & m] <= t[2 * d3]);
        w = l[2 * d4 + 1];
        d4 = (w >> shift) + +(x[w & m] <= t[2 * d4]);
        w = l[2 * d5 + 1];
        d5 = (w >> shift) + +(x[w & m] <= t[2 * d5]);
        w = l[2 * d6 + 1];
        d6 = (w >> shift) + +(x[w & m] <= t[2 * d6]);
        w = l[2 * d7 + 1];
        d7 = (w >> shift) + +(x[w & m] <= t[2 * d7]);
      }
      out[groupTrees[lane]] = leafResult[d0];
      out[groupTrees[lane + 1]] = leafResult[d1];
      out[groupTrees[lane + 2]] = leafResult[d2];
      out[groupTrees[lane + 3]] = leafResult[d3];
      out[groupTrees[lane + 4]] = leafResult[d4];
      out[groupTrees[lane + 5]] = leafResult[d5];
      out[groupTrees[lane + 6]] = leafResult[d6];
      out[groupTrees[lane + 7]] = leafResult[d7];
    }
  }

  private walkLockstepWide(layout: ForestLayout): void {
    const { wideThresholds: t, wideLinks: l } = layout;
    const { leafResult, roots, groupTrees, groupDepths } = layout;
    const x = this.inputs.values;
    const out = this.treeResults;
    for (let group = 0, lane = 0; group < groupDepths.length; group++, lane += LANES) {
      let d0 = roots[groupTrees[lane]];
      let d1 = roots[groupTrees[lane + 1]];
      let d2 = roots[groupTrees[lane + 2]];
      let d3 = roots[groupTrees[lane + 3]];
      let d4 = roots[groupTrees[lane + 4]];
      let d5 = roots[groupTrees[lane + 5]];
      let d6 = roots[groupTrees[lane + 6]];
      let d7 = roots[groupTrees[lane + 7]];
      for (let step = groupDepths[group]; step > 0; step--) {
        d0 = l[4 * d0 + 2] + +(x[l[4 * d0 + 3]] <= t[2 * d0]);
        d1 = l[4 * d1 + 2] + +(x[l[4 * d1 + 3]] <= t[2 * d1]);
        d2 = l[4 * d2 + 2] + +(x[l[4 * d2 + 3]] <= t[2 * d2]);
        d3 = l[4 * d3 + 2] + +(x[l[4 * d3 + 3]] <= t[2 * d3]);
        d4 = l[4 * d4 + 2] + +(x[l[4 * d4 + 3]] <= t[2 * d4]);
        d5 = l[4 * d5 + 2] + +(x[l[4 * d5 + 3]] <= t[2 * d5]);
        d6 = l[4 * d6 + 2] + +(x[l[4 * d6 + 3]] <= t[2 * d6]);
        d7 = l[4 * d7 + 2] + +(x[l[4 * d7 + 3]] <= t[2 * d7]);
      }
      out[groupTrees[lane]] = leafResult[d0];
      out[groupTrees[lane + 1]] = leafResult[d1];
      out[groupTrees[lane + 2]] = leafResult[d2];
      out[groupTrees[lane + 3]] = leafResult[d3];
      out[groupTrees[lane + 4]] = leafResult[d4];
      out[groupTrees[lane + 5]] = leafResult[d5];
      out[groupTrees[lane + 6]] = leafResult[d6];
      out[groupTrees[lane + 7]] = leafResult[d7];
    }
  }

  /** Walks one tree, lazily evaluating closures; a missing input defers to the node walker. */
  private walkOne(tree: number, context: EvalContext): number {
    const layout = this.layout;
    if (!layout) return this.walkNodes(tree, context);
    const { narrow, shift, featureMask, featureCount, closures, leafResult } = layout;
    const x = this.inputs.values;
    let d = layout.roots[tree];
    while (d >= 0) {
      const link = narrow ? layout.narrowLinks[2 * d + 1] : 0;
      const child = narrow ? link >> shift : layout.wideLinks[4 * d + 2];
      // A leaf is its own first child.
      if (child === d) return leafResult[d];
      const f = narrow ? link & featureMask : layout.wideLinks[4 * d + 3];
      const v = f < featureCount ? x[f] : TRUTH_AS_NUMBER[closures[f - featureCount](context)];
      const t = narrow ? layout.narrowThresholds[2 * d] : layout.wideThresholds[2 * d];
      if (v <= t) d = child + 1;
      else if (v === v) d = child;
      else break;
    }
    return this.walkNodes(tree, context);
  }

  /** Walks one tree with its node walker: exact thresholds and the missing-value strategy. */
  private walkNodes(tree: number, context: EvalContext): number {
    const { values, missing } = this.inputs;
    const node = this.walkers[tree].walk(values, missing, undefined, context);
    const base = this.nodeBase[tree];
    // A tree's null prediction is the result after its nodes.
    const local = node === this.nullNode ? this.nodeBase[tree + 1] - base : node - base;
    return this.resultBase[tree] + local;
  }
}
