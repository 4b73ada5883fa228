import type { EvalContext } from '../../fields/eval-context';
import type { CompiledPredicate } from '../../predicates/compile-predicate';
import {
  OP_EQUAL,
  OP_FALSE,
  OP_GREATER_OR_EQUAL,
  OP_GREATER_THAN,
  OP_LESS_OR_EQUAL,
  OP_LESS_THAN,
  OP_NOT_EQUAL,
  OP_SURROGATE,
  OP_TRUE,
} from './node-predicates';
import type { NodeTable } from './node-table';

/**
 * A tree rewritten for records whose inputs are all present: binary decisions
 * "if x[feature] <= threshold go to yes, else to no". A target >= 0 is another decision; a
 * target < 0 is the result `-1 - target` (a node number, or the table's `count` for the null
 * prediction). A feature < 0 names the closure `-1 - feature`, whose truth is read as 1 or 0.
 * Every comparison maps onto `<=` exactly: `x < t` is `x <= nextDown(t)`, `x > t` swaps the
 * targets of `x <= t`, and `x == t` takes two decisions. A missing input makes `<=` false and
 * the value NaN, which the walker detects and hands over to the full missing-value logic.
 */
export interface DecisionGraph {
  readonly root: number;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly yes: Int32Array;
  readonly no: Int32Array;
}

const bits = new Float64Array(1);
const words = new BigInt64Array(bits.buffer);

/** The largest double below t; NaN when there is none, so that `x <= nextDown(t)` is false. */
export function nextDown(t: number): number {
  if (t !== t || t === -Infinity) return NaN;
  if (t === 0) return -Number.MIN_VALUE;
  bits[0] = t;
  words[0] += t > 0 ? -1n : 1n;
  return bits[0];
}

class GraphBuilder {
  readonly feature: number[] = [];
  readonly threshold: number[] = [];
  readonly yes: number[] = [];
  readonly no: number[] = [];

  constructor(
    private readonly table: NodeTable,
    private readonly returnLastPrediction: boolean,
  ) {}

  terminal(result: number): number {
    return -1 - result;
  }

  /** The target for reaching `node` (its predicate is known to be true). */
  enter(node: number): number {
    const { childStart, children, op } = this.table;
    const start = childStart[node];
    const end = childStart[node + 1];
    if (start === end) return this.terminal(node);
    const tests: number[] = [];
    let fallthrough = -1;
    for (let index = start; index < end && fallthrough < 0; index++) {
      const child = children[index];
      if (op[child] === OP_TRUE) fallthrough = child;
      else if (op[child] !== OP_FALSE) tests.push(child);
    }
    // The chain's decisions sit next to each other, so that "try the next child" stays close.
    const slots = tests.map((child) => this.allocate(this.slotsFor(op[child])));
    const otherwise =
      fallthrough >= 0
        ? this.enter(fallthrough)
        : this.terminal(
            this.returnLastPrediction && this.table.hasScore[node] ? node : this.table.count,
          );
    tests.forEach((child, index) => {
      const next = index + 1 < tests.length ? slots[index + 1] : otherwise;
      this.writeTest(child, slots[index], this.enter(child), next);
    });
    return tests.length > 0 ? slots[0] : otherwise;
  }

  /** The entry of the whole tree: the root's own predicate decides first. */
  root(): number {
    const op = this.table.op[0];
    if (op === OP_TRUE) return this.enter(0);
    const nothing = this.terminal(this.table.count);
    if (op === OP_FALSE) return nothing;
    const slot = this.allocate(this.slotsFor(op));
    this.writeTest(0, slot, this.enter(0), nothing);
    return slot;
  }

  private slotsFor(op: number): number {
    return op === OP_EQUAL || op === OP_NOT_EQUAL ? 2 : 1;
  }

  private allocate(count: number): number {
    const first = this.feature.length;
    for (let i = 0; i < count; i++) {
      this.feature.push(0);
      this.threshold.push(0);
      this.yes.push(0);
      this.no.push(0);
    }
    return first;
  }

  private writeTest(node: number, slot: number, whenTrue: number, whenFalse: number): void {
    const { op, operand, threshold } = this.table;
    const t = threshold[node];
    const f = operand[node];
    switch (op[node]) {
      case OP_LESS_OR_EQUAL:
        return this.set(slot, f, t, whenTrue, whenFalse);
      case OP_GREATER_THAN:
        return this.set(slot, f, t, whenFalse, whenTrue);
      case OP_LESS_THAN:
        return this.set(slot, f, nextDown(t), whenTrue, whenFalse);
      case OP_GREATER_OR_EQUAL:
        return this.set(slot, f, nextDown(t), whenFalse, whenTrue);
      case OP_EQUAL:
        this.set(slot, f, t, slot + 1, whenFalse);
        return this.set(slot + 1, f, nextDown(t), whenFalse, whenTrue);
      case OP_NOT_EQUAL:
        this.set(slot, f, t, slot + 1, whenTrue);
        return this.set(slot + 1, f, nextDown(t), whenTrue, whenFalse);
      default:
        // A closure's truth is 1 or 0: "<= 0.5" means false.
        return this.set(slot, -1 - f, 0.5, whenFalse, whenTrue);
    }
  }

  private set(slot: number, feature: number, threshold: number, yes: number, no: number): void {
    this.feature[slot] = feature;
    this.threshold[slot] = threshold;
    this.yes[slot] = yes;
    this.no[slot] = no;
  }
}

/**
 * Builds the decision graph of a tree, or undefined when the tree needs the full walker for
 * every record (surrogate predicates count how often a fallback was used).
 */
export function buildDecisionGraph(
  table: NodeTable,
  returnLastPrediction: boolean,
): DecisionGraph | undefined {
  if (table.op.includes(OP_SURROGATE)) return undefined;
  const builder = new GraphBuilder(table, returnLastPrediction);
  const root = builder.root();
  const graph = {
    root,
    feature: Int32Array.from(builder.feature),
    threshold: Float64Array.from(builder.threshold),
    yes: Int32Array.from(builder.yes),
    no: Int32Array.from(builder.no),
  };
  skipImpliedDecisions(graph);
  return graph;
}

/**
 * Points each decision past the decisions its own outcome settles. A binary split written
 * as two predicates (`x <= t`, then `x > t`, as JPMML and scikit-learn exports do) becomes two
 * decisions, the second one certain once the first was false: skipping it halves the steps of
 * a walk. Only a decision's own targets change, so a target shared with other paths is left
 * as it is for them. A missing input is still caught: the skipped decision tests the same
 * feature as the decision before it, which meets the missing value first.
 */
function skipImpliedDecisions(graph: DecisionGraph): void {
  const { feature, threshold, yes, no } = graph;
  for (let d = 0; d < feature.length; d++) {
    const f = feature[d];
    if (f < 0) continue;
    const t = threshold[d];
    // Below d, x <= t holds: a decision x <= u with u >= t is true.
    let target = yes[d];
    while (target >= 0 && feature[target] === f && threshold[target] >= t) target = yes[target];
    yes[d] = target;
    // Beyond d, x > t holds (x is a number): a decision x <= u with u <= t is false.
    target = no[d];
    while (target >= 0 && feature[target] === f && threshold[target] <= t) target = no[target];
    no[d] = target;
  }
}

/** Truth values of a closure (FALSE, TRUE, UNKNOWN) as the numbers the graph compares. */
export const TRUTH_AS_NUMBER = Float64Array.of(0, 1, NaN);

/** Returned by a graph walk when an input is missing: the full walker must decide. */
export const NEEDS_FULL_WALK = -1;

/**
 * The result of a record whose inputs are present along its path (a node number, or the
 * table's `count` for the null prediction), or NEEDS_FULL_WALK.
 */
export function walkGraph(
  graph: DecisionGraph,
  x: Float64Array,
  closures: readonly CompiledPredicate[],
  context: EvalContext,
): number {
  const { feature, threshold, yes, no } = graph;
  let d = graph.root;
  while (d >= 0) {
    const f = feature[d];
    const v = f >= 0 ? x[f] : TRUTH_AS_NUMBER[closures[-1 - f](context)];
    if (v <= threshold[d]) d = yes[d];
    else if (v === v) d = no[d];
    else return NEEDS_FULL_WALK;
  }
  return -1 - d;
}
