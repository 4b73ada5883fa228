import { OP_FALSE, OP_GENERAL, OP_SURROGATE, OP_TRUE } from '../tree/node-predicates';
import type { NodeTable } from '../tree/node-table';

/**
 * The node tables of a forest's trees as one table: tree t's nodes are numbered from
 * `bases[t]` (`bases[trees]` is the node count), its feature numbers are translated into
 * the forest's by `featureMaps[t]`, and its closures and surrogates are appended to the
 * others'. Index `count` stands for the null prediction of every tree.
 *
 * A small table of its own costs each tree a dozen typed arrays and their buffers, several
 * times the nodes' data; one table keeps a 300-tree ensemble's walkers to one set of arrays.
 */
export function concatenateNodeTables(
  tables: readonly NodeTable[],
  featureMaps: readonly Int32Array[],
  featureSlots: Int32Array,
  featureTypes: NodeTable['featureTypes'],
): { table: NodeTable; bases: Int32Array } {
  const bases = new Int32Array(tables.length + 1);
  let childCount = 0;
  tables.forEach((table, tree) => {
    bases[tree + 1] = bases[tree] + table.count;
    childCount += table.children.length;
  });
  const count = bases[tables.length];
  const op = new Uint8Array(count);
  const operand = new Int32Array(count);
  const threshold = new Float64Array(count);
  const childStart = new Int32Array(count + 2);
  const children = new Int32Array(childCount);
  const defaultChild = new Int32Array(count);
  const hasScore = new Uint8Array(count);
  const closures: NodeTable['closures'][number][] = [];
  const surrogates: NodeTable['surrogates'][number][] = [];
  const anyIds = tables.some((table) => table.ids);
  const ids: (string | undefined)[] = [];
  let childBase = 0;
  tables.forEach((table, tree) => {
    const base = bases[tree];
    op.set(table.op, base);
    threshold.set(table.threshold, base);
    hasScore.set(table.hasScore, base);
    for (let node = 0; node < table.count; node++) {
      const code = table.op[node];
      const local = table.operand[node];
      operand[base + node] =
        code === OP_GENERAL
          ? local + closures.length
          : code === OP_SURROGATE
            ? local + surrogates.length
            : code === OP_TRUE || code === OP_FALSE
              ? local
              : featureMaps[tree][local];
      childStart[base + node] = childBase + table.childStart[node];
      const target = table.defaultChild[node];
      defaultChild[base + node] = target < 0 ? target : base + target;
      if (anyIds) ids.push(table.ids?.[node]);
    }
    for (let index = 0; index < table.children.length; index++) {
      children[childBase + index] = base + table.children[index];
    }
    childBase += table.children.length;
    closures.push(...table.closures);
    surrogates.push(...table.surrogates);
  });
  childStart[count] = childBase;
  childStart[count + 1] = childBase;
  return {
    table: {
      count,
      op,
      operand,
      threshold,
      childStart,
      children,
      defaultChild,
      hasScore,
      ids: anyIds ? ids : undefined,
      closures,
      surrogates,
      featureSlots,
      featureTypes,
    },
    bases,
  };
}
