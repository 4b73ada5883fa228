import {
  BLOCK,
  BR,
  BR_IF,
  decrement,
  END,
  F64,
  F64_ADD,
  F64_LE,
  F64_PROMOTE_F32,
  F64_ZERO,
  f32Load,
  f64Load,
  f64Store,
  get,
  I32,
  I32_ADD,
  I32_AND,
  I32_EQZ,
  I32_MUL,
  I32_SHL,
  I32_SHR_U,
  I32_SUB,
  i32Load,
  i32Store,
  IF,
  increment,
  instantiateKernel,
  kernelModuleBytes,
  LOOP,
  set,
  small,
  whileBelow,
} from '../../wasm/wasm-assembler';
import { LANES, type ForestLayout } from './forest-layout';

/**
 * The lockstep walk of a narrow ForestLayout as a small WebAssembly function: V8 bounds-checks
 * every typed-array access in JavaScript, WebAssembly does not, which makes the walk about a
 * third faster.
 *
 * walk(groups, entries, x, groupTrees, groupRoots, groupDepths, leafResult, out, shift, mask,
 * values, leafScores, treeCount, sum), addresses in bytes: for each group, eight walkers start
 * at the entries in groupRoots (addresses), take groupDepths steps `d = entries + 8 ·
 * ((link >>> shift) + (x[link & mask] <= threshold))`, with the float32 threshold at d and the
 * link at d + 4, and then store leafResult[entry] at out[tree] for each of the group's trees.
 * That is the narrow layout; a wide one, whose thresholds need float64 (as our own isolation
 * forest trainer writes them), takes 16-byte entries and `d = entries + 16 · (firstChild +
 * (x[feature] <= threshold))`. Walked in JavaScript instead, such forests made bench:jobs on
 * MariaDB take 9–10 s rather than 8.
 * For a regression forest (values not 0) they also store the leaf's score at values[tree],
 * and the scores of the trees 0 .. treeCount - 1 are then summed in that order into sum:
 * summing 300 scores in JavaScript took a quarter of a boosting model's time.
 */
export interface LockstepKernel {
  /** The numeric inputs, in the forest's feature order (write them before `run`). */
  readonly x: Float64Array;
  /** The result of every tree that takes part in the lockstep walk (after `run`). */
  readonly out: Int32Array;
  /** For a regression forest, every tree's score (after `run`), else undefined. */
  readonly values: Float64Array | undefined;
  /** For a regression forest, the scores' sum in tree order (after `run`). */
  readonly sum: Float64Array | undefined;
  run(): void;
}

type WalkFunction = (
  groups: number,
  entries: number,
  x: number,
  groupTrees: number,
  groupRoots: number,
  groupDepths: number,
  leafResult: number,
  out: number,
  shift: number,
  mask: number,
  values: number,
  leafScores: number,
  treeCount: number,
  sum: number,
) => void;

// Locals: the fourteen parameters, then the step counter, the current link, one entry per
// lane and the running sum.
const GROUPS = 0;
const ENTRIES = 1;
const X = 2;
const GROUP_TREES = 3;
const GROUP_ROOTS = 4;
const GROUP_DEPTHS = 5;
const LEAF_RESULT = 6;
const OUT = 7;
const SHIFT = 8;
const MASK = 9;
const VALUES = 10;
const LEAF_SCORES = 11;
const TREE_COUNT = 12;
const SUM = 13;
const STEP = 14;
const LINK = 15;
const LANE = 16;
const TOTAL = LANE + LANES;

const lanes = (code: (lane: number) => number[]): number[] =>
  Array.from({ length: LANES }, (_, lane) => code(lane)).flat();

/**
 * One step of one lane in the narrow encoding (8-byte entries: float32 threshold, then link):
 * d = entries + 8 · ((link >>> shift) + (x[link & mask] <= t)).
 */
const narrowStep = (lane: number): number[] => [
  ...get(LANE + lane),
  ...i32Load(4),
  ...set(LINK),
  ...get(X),
  ...get(LINK),
  ...get(MASK),
  I32_AND,
  ...small(3),
  I32_SHL,
  I32_ADD,
  ...f64Load(),
  ...get(LANE + lane),
  ...f32Load(),
  F64_PROMOTE_F32,
  F64_LE,
  ...get(LINK),
  ...get(SHIFT),
  I32_SHR_U,
  I32_ADD,
  ...small(3),
  I32_SHL,
  ...get(ENTRIES),
  I32_ADD,
  ...set(LANE + lane),
];

/**
 * One step of one lane in the wide encoding (16-byte entries: float64 threshold, first child,
 * feature): d = entries + 16 · (firstChild + (x[feature] <= t)).
 */
const wideStep = (lane: number): number[] => [
  ...get(X),
  ...get(LANE + lane),
  ...i32Load(12),
  ...small(3),
  I32_SHL,
  I32_ADD,
  ...f64Load(),
  ...get(LANE + lane),
  ...f64Load(),
  F64_LE,
  ...get(LANE + lane),
  ...i32Load(8),
  I32_ADD,
  ...small(4),
  I32_SHL,
  ...get(ENTRIES),
  I32_ADD,
  ...set(LANE + lane),
];

/** How entries are laid out: their size (2^shift bytes) and one step of a lane. */
interface Encoding {
  readonly shift: 3 | 4;
  readonly step: (lane: number) => number[];
}
const NARROW: Encoding = { shift: 3, step: narrowStep };
const WIDE: Encoding = { shift: 4, step: wideStep };

/** (d - entries) / entry size · 2^bytesShift: the offset of the entry's item in a table. */
const entryItem = (lane: number, encoding: Encoding, bytesShift: number): number[] => [
  ...get(LANE + lane),
  ...get(ENTRIES),
  I32_SUB,
  ...(encoding.shift > bytesShift ? [...small(encoding.shift - bytesShift), I32_SHR_U] : []),
];

/** out[groupTrees[lane]] = leafResult[entry] */
const store =
  (encoding: Encoding) =>
  (lane: number): number[] => [
    ...get(OUT),
    ...get(GROUP_TREES),
    ...i32Load(4 * lane),
    ...small(2),
    I32_SHL,
    I32_ADD,
    ...get(LEAF_RESULT),
    ...entryItem(lane, encoding, 2),
    I32_ADD,
    ...i32Load(0),
    ...i32Store(),
  ];

/** values[groupTrees[lane]] = leafScores[entry] */
const storeScore =
  (encoding: Encoding) =>
  (lane: number): number[] => [
    ...get(VALUES),
    ...get(GROUP_TREES),
    ...i32Load(4 * lane),
    ...small(3),
    I32_SHL,
    I32_ADD,
    ...get(LEAF_SCORES),
    ...entryItem(lane, encoding, 3),
    I32_ADD,
    ...f64Load(),
    ...f64Store(),
  ];

/** sum = values[0] + values[1] + … in tree order; STEP walks the addresses, LINK is the end. */
const SUM_SCORES = [
  ...F64_ZERO,
  ...set(TOTAL),
  ...get(VALUES),
  ...set(STEP),
  ...get(VALUES),
  ...get(TREE_COUNT),
  ...small(8),
  I32_MUL,
  I32_ADD,
  ...set(LINK),
  ...whileBelow(STEP, LINK, [
    ...get(TOTAL),
    ...get(STEP),
    ...f64Load(),
    F64_ADD,
    ...set(TOTAL),
    ...increment(STEP, 8),
  ]),
  ...get(SUM),
  ...get(TOTAL),
  ...f64Store(),
];

const walkBody = (encoding: Encoding): number[] => [
  // locals: 2 + LANES × i32, 1 × f64
  2,
  2 + LANES,
  I32,
  1,
  F64,
  ...BLOCK,
  ...LOOP,
  ...get(GROUPS),
  I32_EQZ,
  BR_IF,
  1,
  ...lanes((lane) => [...get(GROUP_ROOTS), ...i32Load(4 * lane), ...set(LANE + lane)]),
  ...get(GROUP_DEPTHS),
  ...i32Load(0),
  ...set(STEP),
  ...BLOCK,
  ...LOOP,
  ...get(STEP),
  I32_EQZ,
  BR_IF,
  1,
  ...lanes(encoding.step),
  ...decrement(STEP, 1),
  BR,
  0,
  END,
  END,
  ...lanes(store(encoding)),
  ...get(VALUES),
  ...IF,
  ...lanes(storeScore(encoding)),
  END,
  ...increment(GROUP_ROOTS, 4 * LANES),
  ...increment(GROUP_TREES, 4 * LANES),
  ...increment(GROUP_DEPTHS, 4),
  ...decrement(GROUPS, 1),
  BR,
  0,
  END,
  END,
  ...get(VALUES),
  ...IF,
  ...SUM_SCORES,
  END,
  END,
];

const moduleBytes = (encoding: Encoding): Uint8Array =>
  kernelModuleBytes(Array<number>(14).fill(I32), 'walk', walkBody(encoding));
const NARROW_MODULE = moduleBytes(NARROW);
const WIDE_MODULE = moduleBytes(WIDE);

/**
 * The lockstep walk of a layout in WebAssembly memory (a copy of its entries, groups and leaf
 * results, which the layout then reads too), or undefined without WebAssembly. `scores` (the
 * score of every result, for a regression forest whose trees are all walked in lockstep)
 * makes the kernel give the trees' scores and their sum too.
 */
export function createLockstepKernel(
  layout: ForestLayout,
  featureCount: number,
  treeCount: number,
  scores?: Float64Array,
): LockstepKernel | undefined {
  const encoding = layout.narrow ? NARROW : WIDE;
  const entryBytes = 1 << encoding.shift;
  const groups = layout.groupDepths.length;
  const entries = layout.leafResult.length;
  // Regions, 8-byte aligned: entries, x, groupTrees, groupRoots, groupDepths, leafResult, out.
  const sizes = [
    entryBytes * entries,
    8 * Math.max(1, featureCount),
    4 * groups * LANES,
    4 * groups * LANES,
  ];
  const scored = scores !== undefined;
  sizes.push(4 * groups, 4 * entries, 4 * treeCount);
  sizes.push(scored ? 8 * treeCount : 0, scored ? 8 * entries : 0, 8);
  const offsets: number[] = [];
  let total = 0;
  for (const size of sizes) {
    offsets.push(total);
    total += Math.ceil(size / 8) * 8;
  }
  const instance = instantiateKernel(layout.narrow ? NARROW_MODULE : WIDE_MODULE, total);
  if (!instance) return undefined;
  const walk = instance.exports.walk as WalkFunction;
  const { buffer } = instance;
  const [entryAt, xAt, treesAt, rootsAt, depthsAt, leavesAt, outAt, valuesAt, scoresAt, sumAt] =
    offsets;
  const source = layout.narrow ? layout.narrowLinks.buffer : layout.wideLinks.buffer;
  new Uint8Array(buffer, entryAt, entryBytes * entries).set(
    new Uint8Array(source, 0, entryBytes * entries),
  );
  new Int32Array(buffer, treesAt, groups * LANES).set(layout.groupTrees);
  new Int32Array(buffer, rootsAt, groups * LANES).set(
    Array.from(layout.groupTrees, (tree) => entryAt + entryBytes * layout.roots[tree]),
  );
  new Int32Array(buffer, depthsAt, groups).set(layout.groupDepths);
  new Int32Array(buffer, leavesAt, entries).set(layout.leafResult);
  if (scores) {
    new Float64Array(buffer, scoresAt, entries).set(
      Array.from(layout.leafResult, (result) => (result < 0 ? NaN : scores[result])),
    );
  }
  layout.shareEntries(buffer, entryAt, leavesAt);
  const { shift, featureMask } = layout;
  return {
    x: new Float64Array(buffer, xAt, Math.max(1, featureCount)),
    out: new Int32Array(buffer, outAt, treeCount),
    values: scored ? new Float64Array(buffer, valuesAt, treeCount) : undefined,
    sum: scored ? new Float64Array(buffer, sumAt, 1) : undefined,
    run: () =>
      walk(
        groups,
        entryAt,
        xAt,
        treesAt,
        rootsAt,
        depthsAt,
        leavesAt,
        outAt,
        shift,
        featureMask,
        scored ? valuesAt : 0,
        scoresAt,
        treeCount,
        sumAt,
      ),
  };
}
