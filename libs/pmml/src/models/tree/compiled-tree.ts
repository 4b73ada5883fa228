import type { EvalContext } from '../../fields/eval-context';
import { NEEDS_FULL_WALK, walkGraph, type DecisionGraph } from './decision-graph';
import type { NodeTable } from './node-table';
import type { NodeWalker } from './node-walker';

/**
 * A tree ready to score: the decision graph answers records whose inputs are present along
 * their path; the node walker, with the full missing-value logic, answers the others.
 */
export class CompiledTree {
  constructor(
    readonly table: NodeTable,
    readonly graph: DecisionGraph | undefined,
    readonly walker: NodeWalker,
  ) {}

  /**
   * The result for the record whose numeric inputs are in `x` and `missing` (in the table's
   * feature order): a node number, the table's `count` (null prediction) or VIRTUAL_RESULT.
   */
  evaluate(x: Float64Array, missing: Uint8Array, context: EvalContext): number {
    if (this.graph) {
      const result = walkGraph(this.graph, x, this.table.closures, context);
      if (result !== NEEDS_FULL_WALK) {
        this.walker.missingLevels = 0;
        return result;
      }
    }
    return this.walker.walk(x, missing, undefined, context);
  }
}
