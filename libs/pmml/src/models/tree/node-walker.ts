import { evaluationError } from '../../errors';
import type { EvalContext } from '../../fields/eval-context';
import { FALSE, TRUE, UNKNOWN, type Truth } from '../../predicates/compile-predicate';
import {
  OP_EQUAL,
  OP_FALSE,
  OP_GENERAL,
  OP_GREATER_OR_EQUAL,
  OP_GREATER_THAN,
  OP_LESS_OR_EQUAL,
  OP_LESS_THAN,
  OP_NOT_EQUAL,
  OP_SURROGATE,
  OP_TRUE,
} from './node-predicates';
import type { NodeTable } from './node-table';

export const MISSING_VALUE_STRATEGIES = [
  'none',
  'lastPrediction',
  'nullPrediction',
  'defaultChild',
  'weightedConfidence',
  'aggregateNodes',
] as const;
export type MissingValueStrategy = (typeof MISSING_VALUE_STRATEGIES)[number];

/** A walk's result when a missing-value strategy built a distribution instead of choosing a node. */
export const VIRTUAL_RESULT = -2;

/** Resolves an unknown split into a distribution of several nodes (weightedConfidence, aggregateNodes). */
export interface SplitResolver {
  /** Called at `parent` when no child is true and some are unknown; returns VIRTUAL_RESULT or null's index. */
  resolve(walker: NodeWalker, parent: number): number;
}

const STRATEGY_CODES: Readonly<Record<MissingValueStrategy, number>> = {
  none: 0,
  lastPrediction: 1,
  nullPrediction: 2,
  defaultChild: 3,
  weightedConfidence: 4,
  aggregateNodes: 5,
};

/**
 * Walks a tree with three-valued predicates and the model's missingValueStrategy and
 * noTrueChildStrategy, as JPMML does: children are tried in order and the first true one is
 * followed; an unknown one triggers the strategy. weightedConfidence and aggregateNodes (which
 * JPMML does not implement) follow pmml4s: a later true sibling still wins, and only when none
 * is true are the unknown ones combined.
 */
const NO_VALUES = new Float64Array(0);
const NO_FLAGS = new Uint8Array(0);

export class NodeWalker {
  /** How many times the current walk used missing-value handling (for missingValuePenalty). */
  missingLevels = 0;
  private x: Float64Array = NO_VALUES;
  private missing: Uint8Array = NO_FLAGS;
  private featureMap: Int32Array | undefined;
  private context: EvalContext | undefined;
  private readonly strategy: number;

  constructor(
    readonly table: NodeTable,
    private readonly strategyName: MissingValueStrategy,
    private readonly returnLastPrediction: boolean,
    private readonly resolver: SplitResolver | undefined,
    /** The tree's top node: 0, unless the table holds a whole forest. */
    private readonly root = 0,
  ) {
    this.strategy = STRATEGY_CODES[strategyName];
  }

  /**
   * The same walk over the tree whose top node is `root` in `table`, a forest's table of
   * several trees. Split resolvers number their nodes per tree, so a walker with one stays
   * alone.
   */
  within(table: NodeTable, root: number): NodeWalker {
    if (this.resolver) throw new Error('A walker that resolves splits cannot join a forest.');
    return new NodeWalker(table, this.strategyName, this.returnLastPrediction, undefined, root);
  }

  /**
   * The node that scores the record, the table's `count` for the null prediction, or
   * VIRTUAL_RESULT. `featureMap` translates the table's feature numbers into positions of `x`.
   */
  walk(
    x: Float64Array,
    missing: Uint8Array,
    featureMap: Int32Array | undefined,
    context: EvalContext,
  ): number {
    this.x = x;
    this.missing = missing;
    this.featureMap = featureMap;
    this.context = context;
    this.missingLevels = 0;
    const { table, root } = this;
    if (this.evaluate(root) !== TRUE) return table.count;
    const { childStart, children } = table;
    let node = root;
    for (;;) {
      const start = childStart[node];
      const end = childStart[node + 1];
      if (start === end) return node;
      let next = -1;
      let unknown = false;
      for (let index = start; index < end && next < 0; index++) {
        const child = children[index];
        const truth = this.evaluate(child);
        if (truth === TRUE) next = child;
        else if (truth === UNKNOWN) {
          switch (this.strategy) {
            case 1:
              return node;
            case 2:
              return table.count;
            case 3:
              next = this.defaultChildOf(node);
              this.missingLevels++;
              break;
            case 4:
            case 5:
              unknown = true;
              break;
          }
        }
      }
      if (next >= 0) {
        node = next;
        continue;
      }
      if (unknown && this.resolver) return this.resolver.resolve(this, node);
      return this.returnLastPrediction && table.hasScore[node] ? node : table.count;
    }
  }

  /** The truth of a node's own predicate for the record being walked. */
  evaluate(node: number): Truth {
    const { op, operand, threshold } = this.table;
    const code = op[node];
    switch (code) {
      case OP_TRUE:
        return TRUE;
      case OP_FALSE:
        return FALSE;
      case OP_GENERAL:
        return this.table.closures[operand[node]](this.context as EvalContext);
      case OP_SURROGATE:
        return this.evaluateSurrogate(operand[node]);
    }
    const feature = this.featureMap ? this.featureMap[operand[node]] : operand[node];
    if (this.missing[feature]) return UNKNOWN;
    const v = this.x[feature];
    const t = threshold[node];
    let result: boolean;
    switch (code) {
      case OP_LESS_OR_EQUAL:
        result = v <= t;
        break;
      case OP_LESS_THAN:
        result = v < t;
        break;
      case OP_GREATER_OR_EQUAL:
        result = v >= t;
        break;
      case OP_GREATER_THAN:
        result = v > t;
        break;
      case OP_EQUAL:
        result = v === t;
        break;
      case OP_NOT_EQUAL:
        result = v !== t;
        break;
      default:
        throw new Error(`unreachable: predicate code ${code}`);
    }
    return result ? TRUE : FALSE;
  }

  /** The first part that is not unknown decides; deciding by a fallback counts as missing handling. */
  private evaluateSurrogate(index: number): Truth {
    const parts = this.table.surrogates[index];
    const context = this.context as EvalContext;
    for (let part = 0; part < parts.length; part++) {
      const truth = parts[part](context);
      if (truth !== UNKNOWN) {
        if (part > 0) this.missingLevels++;
        return truth;
      }
    }
    return UNKNOWN;
  }

  private defaultChildOf(node: number): number {
    const child = this.table.defaultChild[node];
    if (child < 0)
      throw evaluationError(
        `TreeModel: node ${this.table.ids?.[node] ?? node - this.root + 1} needs a defaultChild for a missing value.`,
      );
    return child;
  }
}
