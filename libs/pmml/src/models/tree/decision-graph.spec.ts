import { buildDecisionGraph } from './decision-graph';
import type { NodeTable } from './node-table';
import { OP_GREATER_THAN, OP_LESS_OR_EQUAL, OP_TRUE } from './node-predicates';

/** A root (True) whose children are leaves with the given predicates on feature 0. */
function split(children: readonly { op: number; threshold: number }[]): NodeTable {
  const count = children.length + 1;
  return {
    count,
    op: Uint8Array.of(OP_TRUE, ...children.map((child) => child.op)),
    operand: new Int32Array(count),
    threshold: Float64Array.of(NaN, ...children.map((child) => child.threshold)),
    // The root's children are 1 .. count - 1; the leaves have none.
    childStart: Int32Array.of(0, ...Array<number>(count).fill(count - 1)),
    children: Int32Array.from(children, (_, index) => index + 1),
    defaultChild: new Int32Array(count).fill(-1),
    hasScore: new Uint8Array(count).fill(1),
    ids: undefined,
    closures: [],
    surrogates: [],
    featureSlots: Int32Array.of(0),
    featureTypes: ['double'],
  };
}

describe('buildDecisionGraph', () => {
  it('skips the second half of a split written as x <= t, then x > t', () => {
    const graph = buildDecisionGraph(
      split([
        { op: OP_LESS_OR_EQUAL, threshold: 1 },
        { op: OP_GREATER_THAN, threshold: 1 },
      ]),
      false,
    );
    if (!graph) throw new Error('no graph');
    // The root decides x <= 1: node 1 when true, node 2 (result -3) at once when false.
    expect(graph.yes[graph.root]).toBe(-2);
    expect(graph.no[graph.root]).toBe(-3);
  });

  it('keeps a second decision whose outcome the first one leaves open', () => {
    const graph = buildDecisionGraph(
      split([
        { op: OP_LESS_OR_EQUAL, threshold: 1 },
        { op: OP_GREATER_THAN, threshold: 2 },
      ]),
      false,
    );
    if (!graph) throw new Error('no graph');
    const second = graph.no[graph.root];
    expect(second).toBeGreaterThanOrEqual(0);
    expect(graph.threshold[second]).toBe(2);
  });
});
