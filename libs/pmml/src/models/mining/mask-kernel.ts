import {
  BLOCK,
  BR,
  BR_IF,
  END,
  F64,
  F64_ADD,
  F64_GE,
  F64_LT,
  F64_MUL,
  F64_NE,
  F64_SUB,
  F64_ZERO,
  f64Load,
  f64Store,
  get,
  I32,
  I32_ADD,
  I32_AND,
  I32_CTZ,
  I32_EQZ,
  I32_GE_U,
  I32_GT_S,
  I32_LE_U,
  I32_LT_S,
  I32_MUL,
  I32_OR,
  I32_SHL,
  I32_SHR_U,
  I32_SUB,
  I32_TRUNC_SAT_F64_S,
  i32Const,
  i32Load,
  i32Store,
  IF,
  increment,
  instantiateKernel,
  kernelModuleBytes,
  LOOP,
  SELECT,
  set,
  small,
  tee,
  unsignedLeb128,
  V128_AND,
  v128Load,
  v128Store,
  whileBelow,
} from '../../wasm/wasm-assembler';
import type { DecisionGraph } from '../tree/decision-graph';
import type { ForestTree } from './forest-layout';
import type { LockstepKernel } from './lockstep-kernel';

/**
 * A forest of small trees scored by bit masks instead of walks (QuickScorer, Lucchese et al.,
 * SIGIR 2015), in WebAssembly.
 *
 * Each tree's results are numbered left to right, the "x <= t" side first; a tree holds a
 * 32-bit word with one bit per result, all set at first. A decision that is false for the
 * record (t < x) rules out every result on its true side, so its mask clears their bits.
 * Once every false decision has been applied, the tree's result is its lowest set bit: the
 * decisions on the path to it never clear it, and for any result left of it, the decision
 * where their paths part is false and clears it.
 *
 * Per feature, the decisions are sorted by threshold, so the false ones for a value x are a
 * prefix: a bucket lookup and a short scan find its length k. The masks of every prefix that
 * is a multiple of CHECKPOINT long are stored combined as one row over all trees, ANDed into
 * the words with SIMD, 64 bytes a step; only the last k mod CHECKPOINT decisions are applied
 * one by one. A record costs a search and a row per feature plus one lookup per tree, where a
 * walk costs a dependent load per level of every tree: on the benchmark's gradient boosting
 * model (300 trees of depth 4) about 1 µs a record instead of 2.
 *
 * It gives the same results as the lockstep walk (and the same LockstepKernel interface) for
 * records whose inputs are all numbers, with exact float64 thresholds.
 */

/**
 * Decisions per stored prefix row: longer spans save memory, shorter ones single steps. At 32,
 * the benchmark's 300-tree model fits four WebAssembly pages instead of six, for about 8
 * more single steps a feature.
 */
const CHECKPOINT_SHIFT = 5;
const CHECKPOINT = 1 << CHECKPOINT_SHIFT;
/** Results a tree may have: the bits of a mask word. */
const MAX_RESULTS = 32;
/** Rows are processed 64 bytes (four vectors) at a time, so they are padded to that. */
const ROW_ALIGN = 64;

type RunFunction = (...addresses: number[]) => void;

/**
 * Per feature, 48 bytes: the smallest finite threshold and the bucket scale (float64), the
 * first and end decision, the address of its first row and of its bucket table, and its
 * last bucket number. A value's bucket, (x - smallest) · scale, gives a decision close to
 * where x falls among the thresholds; a short scan from there finds the exact place, so
 * rounding in the bucket arithmetic costs steps, never correctness.
 */
const INFO_BYTES = 48;
const INFO_SCALE = 8;
const INFO_START = 16;
const INFO_END = 20;
const INFO_ROW = 24;
const INFO_BUCKETS = 28;
const INFO_LAST_BUCKET = 32;

// Parameters, then locals.
const FEATURES = 0;
const X = 1;
const INFO = 2;
const THRESHOLDS = 3;
const DECISIONS = 4;
const ROW_BYTES = 5;
const WORDS = 6;
const TREES = 7;
const RESULTS = 8;
const OUT = 9;
const RESULT_SCORES = 10;
const VALUES = 11;
const SUM = 12;
const PARAMETERS = 13;
const FEATURE = 13;
const LOW = 14;
const HIGH = 15;
const MIDDLE = 16;
const BASE = 17;
const AT = 18;
const ROW = 19;
const WORDS_END = 20;
const VALUE = 21;
const TOTAL = 22;

/** local · 2^shift */
const scaled = (local: number, shift: number): number[] => [
  ...get(local),
  ...small(shift),
  I32_SHL,
];
/** local += by, for any by */
const advance = (local: number, by: number): number[] => [
  ...get(local),
  ...i32Const(by),
  I32_ADD,
  ...set(local),
];

/**
 * Writes words[AT] for AT in [0, rowBytes), from `vector(offset)`: four vectors of 16 bytes
 * per step.
 */
const overWords = (vector: (offset: number) => readonly number[]): number[] => [
  ...small(0),
  ...set(AT),
  ...whileBelow(
    AT,
    ROW_BYTES,
    [0, 16, 32, 48]
      .flatMap((offset) => [
        ...get(WORDS),
        ...get(AT),
        I32_ADD,
        ...vector(offset),
        ...v128Store(offset),
      ])
      .concat(advance(AT, ROW_ALIGN)),
  ),
];
const at = (local: number, offset: number): number[] => [
  ...get(local),
  ...get(AT),
  I32_ADD,
  ...v128Load(offset),
];

/** LOW = the first decision of the feature whose threshold is not below VALUE. */
const SEARCH = [
  ...get(VALUE),
  ...get(INFO),
  ...f64Load(),
  F64_SUB,
  ...get(INFO),
  ...f64Load(INFO_SCALE),
  F64_MUL,
  ...I32_TRUNC_SAT_F64_S,
  ...set(LOW),
  // clamp the bucket to [0, last]
  ...get(LOW),
  ...small(0),
  ...get(LOW),
  ...small(0),
  I32_GT_S,
  SELECT,
  ...set(LOW),
  ...get(LOW),
  ...get(INFO),
  ...i32Load(INFO_LAST_BUCKET),
  ...get(LOW),
  ...get(INFO),
  ...i32Load(INFO_LAST_BUCKET),
  I32_LT_S,
  SELECT,
  ...set(LOW),
  ...get(INFO),
  ...i32Load(INFO_BUCKETS),
  ...scaled(LOW, 2),
  I32_ADD,
  ...i32Load(),
  ...set(LOW),
  // forward while threshold < x
  ...BLOCK,
  ...LOOP,
  ...get(LOW),
  ...get(HIGH),
  I32_GE_U,
  BR_IF,
  1,
  ...get(THRESHOLDS),
  ...scaled(LOW, 3),
  I32_ADD,
  ...f64Load(),
  ...get(VALUE),
  F64_GE,
  BR_IF,
  1,
  ...increment(LOW, 1),
  BR,
  0,
  END,
  END,
  // back while the threshold before is not below x
  ...BLOCK,
  ...LOOP,
  ...get(LOW),
  ...get(BASE),
  I32_LE_U,
  BR_IF,
  1,
  ...get(THRESHOLDS),
  ...scaled(LOW, 3),
  I32_ADD,
  ...small(8),
  I32_SUB,
  ...f64Load(),
  ...get(VALUE),
  F64_LT,
  BR_IF,
  1,
  ...get(LOW),
  ...small(1),
  I32_SUB,
  ...set(LOW),
  BR,
  0,
  END,
  END,
];

/**
 * How a tree's word is read and written: 16 bits for trees of up to 16 results, else 32; and
 * how a single decision is stored and applied (words[word] &= mask, the decision at MIDDLE).
 */
interface WordCodes {
  readonly load: (offset: number) => number[];
  readonly store: (offset: number) => number[];
  /** log2 of the word's bytes */
  readonly shift: number;
  /** results a tree may have: the word's bits */
  readonly bits: number;
  /** log2 of a stored decision's bytes */
  readonly decisionShift: number;
  /** A decision's stored words (i32), from its tree's byte offset and its mask. */
  readonly decision: (byteOffset: number, mask: number) => number[];
  readonly applyDecision: readonly number[];
}

const load16 = (offset: number): number[] => [0x2f, 1, ...unsignedLeb128(offset)];
const store16 = (offset: number): number[] => [0x3b, 1, ...unsignedLeb128(offset)];

/** The local that holds a packed decision: ROW, free once the feature's row is applied. */
const PACKED = ROW;

/** A 16-bit word's decision is one i32: the word's byte offset above the mask. */
const WORD_16: WordCodes = {
  load: load16,
  store: store16,
  shift: 1,
  bits: 16,
  decisionShift: 2,
  decision: (byteOffset, mask) => [(byteOffset << 16) | (mask & 0xffff)],
  applyDecision: [
    ...get(MIDDLE),
    ...i32Load(),
    ...set(PACKED),
    ...get(WORDS),
    ...get(PACKED),
    ...small(16),
    I32_SHR_U,
    I32_ADD,
    ...set(AT),
    ...get(AT),
    ...get(AT),
    ...load16(0),
    // The store keeps the low 16 bits: the mask.
    ...get(PACKED),
    I32_AND,
    ...store16(0),
  ],
};

/** A 32-bit word's decision is two i32: the word's byte offset, then the mask. */
const WORD_32: WordCodes = {
  load: i32Load,
  store: i32Store,
  shift: 2,
  bits: MAX_RESULTS,
  decisionShift: 3,
  decision: (byteOffset, mask) => [byteOffset, mask],
  applyDecision: [
    ...get(WORDS),
    ...get(MIDDLE),
    ...i32Load(),
    I32_ADD,
    ...set(AT),
    ...get(AT),
    ...get(AT),
    ...i32Load(),
    ...get(MIDDLE),
    ...i32Load(4),
    I32_AND,
    ...i32Store(),
  ],
};

/**
 * Applies the false decisions of the feature at INFO (its value at X) to the words. The first
 * feature's rows replace the words instead: they hold the starting words already.
 */
const applyFeature = (word: WordCodes, first: boolean): number[] => [
  ...get(X),
  ...f64Load(),
  ...set(VALUE),
  ...get(INFO),
  ...i32Load(INFO_START),
  ...set(BASE),
  ...get(INFO),
  ...i32Load(INFO_END),
  ...set(HIGH),
  ...SEARCH,
  // MIDDLE = the number of false decisions, in whole checkpoints
  ...get(LOW),
  ...get(BASE),
  I32_SUB,
  ...small(CHECKPOINT_SHIFT),
  I32_SHR_U,
  ...set(MIDDLE),
  ...get(INFO),
  ...i32Load(INFO_ROW),
  ...get(MIDDLE),
  ...get(ROW_BYTES),
  I32_MUL,
  I32_ADD,
  ...set(ROW),
  ...overWords((offset) =>
    first ? at(ROW, offset) : [...at(WORDS, offset), ...at(ROW, offset), ...V128_AND],
  ),
  // the decisions after the checkpoint, one at a time, MIDDLE and LOW now their addresses
  ...get(DECISIONS),
  ...get(BASE),
  ...scaled(MIDDLE, CHECKPOINT_SHIFT),
  I32_ADD,
  ...small(word.decisionShift),
  I32_SHL,
  I32_ADD,
  ...set(MIDDLE),
  ...get(DECISIONS),
  ...scaled(LOW, word.decisionShift),
  I32_ADD,
  ...set(LOW),
  ...whileBelow(MIDDLE, LOW, [
    ...word.applyDecision,
    ...increment(MIDDLE, 1 << word.decisionShift),
  ]),
];

/** The result bit of the tree `tree` words after AT: its word's lowest set bit, times 2^shift. */
const resultBit = (word: WordCodes, shift: number, tree = 0): number[] => [
  ...get(AT),
  ...word.load(tree << word.shift),
  I32_CTZ,
  ...small(shift),
  I32_SHL,
];

/** Trees scored per step of scoresOf; the padded tree count is a multiple of it. */
const SCORE_STEP = 4;

/**
 * Per tree, SCORE_STEP at a time: its score from its result bit (word.bits scores per tree),
 * summed in tree order, and stored in values when `values`. A padding tree scores -0, which
 * leaves every sum as it is.
 */
const scoresOf = (word: WordCodes, values: boolean): number[] => [
  ...get(WORDS),
  ...set(AT),
  ...get(RESULT_SCORES),
  ...set(BASE),
  ...get(VALUES),
  ...set(HIGH),
  ...whileBelow(AT, WORDS_END, [
    ...Array.from({ length: SCORE_STEP }, (_, tree) => [
      ...(values ? get(HIGH) : []),
      ...get(BASE),
      ...resultBit(word, 3, tree),
      I32_ADD,
      ...f64Load(8 * word.bits * tree),
      ...(values ? [...tee(VALUE), ...f64Store(8 * tree)] : set(VALUE)),
      ...get(TOTAL),
      ...get(VALUE),
      F64_ADD,
      ...set(TOTAL),
    ]).flat(),
    ...increment(AT, SCORE_STEP << word.shift),
    ...advance(BASE, 8 * word.bits * SCORE_STEP),
    ...increment(HIGH, 8 * SCORE_STEP),
  ]),
  ...get(SUM),
  ...get(TOTAL),
  ...f64Store(),
];

/** Per tree: its result number from its result bit, stored in out. */
const resultNumbersOf = (word: WordCodes): number[] => [
  ...get(WORDS),
  ...set(AT),
  ...get(RESULTS),
  ...set(BASE),
  ...get(OUT),
  ...set(HIGH),
  ...whileBelow(AT, WORDS_END, [
    ...get(HIGH),
    ...get(BASE),
    ...resultBit(word, 2),
    I32_ADD,
    ...i32Load(),
    ...i32Store(),
    ...increment(AT, 1 << word.shift),
    ...advance(BASE, 4 * word.bits),
    ...increment(HIGH, 4),
  ]),
];

const runBody = (word: WordCodes, values: boolean): number[] => [
  // locals: 8 × i32 (FEATURE .. WORDS_END), 2 × f64 (VALUE, TOTAL)
  2,
  WORDS_END - PARAMETERS + 1,
  I32,
  2,
  F64,
  ...applyFeature(word, true),
  ...small(1),
  ...set(FEATURE),
  ...increment(X, 8),
  ...increment(INFO, INFO_BYTES),
  ...whileBelow(FEATURE, FEATURES, [
    ...applyFeature(word, false),
    ...increment(FEATURE, 1),
    ...increment(X, 8),
    ...increment(INFO, INFO_BYTES),
  ]),
  ...get(WORDS),
  ...scaled(TREES, word.shift),
  I32_ADD,
  ...set(WORDS_END),
  ...F64_ZERO,
  ...set(TOTAL),
  ...get(RESULT_SCORES),
  ...IF,
  ...scoresOf(word, values),
  END,
  // Result numbers are only needed without scores, or when a tree had no score.
  ...get(RESULT_SCORES),
  I32_EQZ,
  ...get(TOTAL),
  ...get(TOTAL),
  F64_NE,
  I32_OR,
  ...IF,
  ...resultNumbersOf(word),
  END,
  END,
];

const moduleBytes = (word: WordCodes, values: boolean): Uint8Array =>
  kernelModuleBytes(Array<number>(PARAMETERS).fill(I32), 'run', runBody(word, values));
/** The module that stores every tree's score, and the one that only sums them. */
const modulesFor = (word: WordCodes): { values: Uint8Array; sum: Uint8Array } => ({
  values: moduleBytes(word, true),
  sum: moduleBytes(word, false),
});
const MODULES_16 = modulesFor(WORD_16);
const MODULES_32 = modulesFor(WORD_32);

/** One decision of a tree unfolded into results numbered left to right. */
interface MaskedDecision {
  readonly feature: number;
  readonly threshold: number;
  readonly tree: number;
  /** The tree's word without the bits of the results on the decision's true side. */
  readonly mask: number;
}

/**
 * The decisions of one tree with their masks, and its results left to right (global result
 * numbers); undefined when the tree has closures or more than MAX_RESULTS results.
 */
function unfoldTree(
  graph: DecisionGraph,
  tree: ForestTree,
  index: number,
): { decisions: MaskedDecision[]; results: number[] } | undefined {
  const decisions: MaskedDecision[] = [];
  const results: number[] = [];
  // Depth first; recursion is shallow, as a tree deeper than MAX_RESULTS is given up.
  const visit = (target: number): boolean => {
    if (target < 0) {
      results.push(tree.resultBase + (-1 - target));
      return results.length <= MAX_RESULTS;
    }
    const f = graph.feature[target];
    if (f < 0) return false;
    const first = results.length;
    if (!visit(graph.yes[target])) return false;
    const trueSide = results.length - first;
    const mask = trueSide >= 32 ? 0 : ~(((1 << trueSide) - 1) << first);
    decisions.push({
      feature: tree.featureMap[f],
      threshold: graph.threshold[target],
      tree: index,
      mask,
    });
    return visit(graph.no[target]);
  };
  return visit(graph.root) ? { decisions, results } : undefined;
}

/**
 * Buckets over the finite thresholds in [start, end): about one per threshold, each holding
 * the first decision whose threshold is not below the bucket's lower edge.
 */
function bucketsOf(
  thresholds: Float64Array,
  start: number,
  end: number,
): { smallest: number; scale: number; first: Int32Array } {
  const finite = thresholds.subarray(start, end).filter(Number.isFinite);
  const smallest = finite.length > 0 ? finite[0] : 0;
  const span = finite.length > 0 ? finite[finite.length - 1] - smallest : 0;
  const count = Math.max(1, finite.length);
  const scale = span > 0 && Number.isFinite(count / span) ? count / span : 0;
  const first = new Int32Array(count);
  let decision = start;
  for (let bucket = 0; bucket < count; bucket++) {
    const edge = scale > 0 ? smallest + bucket / scale : -Infinity;
    while (decision < end && thresholds[decision] < edge) decision++;
    first[bucket] = decision;
  }
  return { smallest, scale, first };
}

/**
 * The mask kernel for a forest whose trees all have graphs without closures and at most 32
 * results each; undefined otherwise or without WebAssembly SIMD. `scores` (every result's
 * score, for a regression forest) makes it give the trees' scores and their sum in tree order.
 */
export function createMaskKernel(
  trees: readonly ForestTree[],
  featureCount: number,
  scores?: Float64Array,
  /** Whether every tree's score is wanted, or only their sum (with scores). */
  treeValues = true,
): LockstepKernel | undefined {
  const decisions: MaskedDecision[] = [];
  const treeResults: number[][] = [];
  for (let index = 0; index < trees.length; index++) {
    const { graph } = trees[index];
    const unfolded = graph && unfoldTree(graph, trees[index], index);
    if (!unfolded) return undefined;
    decisions.push(...unfolded.decisions);
    treeResults.push(unfolded.results);
  }
  const treeCount = trees.length;
  // A 16-bit word's decision holds the word's byte offset in 16 bits.
  const word =
    treeResults.length < 1 << 15 && treeResults.every((results) => results.length <= 16)
      ? WORD_16
      : WORD_32;
  const Words = word === WORD_16 ? Int16Array : Int32Array;
  const perStep = ROW_ALIGN >> word.shift;
  const paddedTrees = Math.ceil(treeCount / perStep) * perStep;
  const rowBytes = paddedTrees << word.shift;
  const initial = new Words(paddedTrees).fill(-1);
  // A NaN threshold is never reached by "x <= t": such a decision is false for every record.
  const searched = decisions.filter((decision) => {
    if (decision.threshold === decision.threshold) return true;
    initial[decision.tree] &= decision.mask;
    return false;
  });
  searched.sort((a, b) =>
    a.feature !== b.feature
      ? a.feature - b.feature
      : a.threshold < b.threshold
        ? -1
        : +(a.threshold > b.threshold),
  );
  const features = Math.max(1, featureCount);
  const featureStart = new Int32Array(features + 1);
  for (const decision of searched) featureStart[decision.feature + 1]++;
  for (let f = 0; f < features; f++) featureStart[f + 1] += featureStart[f];
  const thresholds = Float64Array.from(searched, (decision) => decision.threshold);
  const rowFirst = new Int32Array(features);
  let rowCount = 0;
  for (let f = 0; f < features; f++) {
    rowFirst[f] = rowCount;
    rowCount += ((featureStart[f + 1] - featureStart[f]) >> CHECKPOINT_SHIFT) + 1;
  }
  const buckets = Array.from({ length: features }, (_, f) =>
    bucketsOf(thresholds, featureStart[f], featureStart[f + 1]),
  );
  const bucketCount = buckets.reduce((count, feature) => count + feature.first.length, 0);
  const decisionCount = searched.length;
  const sizes = [
    8 * features, // x
    INFO_BYTES * features, // feature records
    4 * bucketCount, // bucket tables
    8 * decisionCount, // thresholds
    (1 << word.decisionShift) * decisionCount, // decisions: word offsets and masks
    rowBytes * rowCount, // rows
    rowBytes, // words
    // Padding trees are walked too: their words are all ones, their result is bit 0.
    4 * word.bits * paddedTrees, // results
    4 * paddedTrees, // out
    scores ? 8 * word.bits * paddedTrees : 0, // result scores
    scores && treeValues ? 8 * paddedTrees : 0, // values
    8, // sum
  ];
  const offsets: number[] = [];
  let total = 0;
  for (const size of sizes) {
    offsets.push(total);
    total += Math.ceil(size / 16) * 16;
  }
  const modules = word === WORD_16 ? MODULES_16 : MODULES_32;
  const instance = instantiateKernel(treeValues ? modules.values : modules.sum, total);
  if (!instance) return undefined;
  const { buffer } = instance;
  const [
    xAt,
    infoAt,
    bucketsAt,
    thresholdsAt,
    decisionsAt,
    rowsAt,
    wordsAt,
    resultsAt,
    outAt,
    scoresAt,
    valuesAt,
    sumAt,
  ] = offsets;
  const info = new DataView(buffer, infoAt, INFO_BYTES * features);
  let bucketAt = bucketsAt;
  for (let f = 0; f < features; f++) {
    const record = INFO_BYTES * f;
    const { smallest, scale, first } = buckets[f];
    info.setFloat64(record, smallest, true);
    info.setFloat64(record + INFO_SCALE, scale, true);
    info.setInt32(record + INFO_START, featureStart[f], true);
    info.setInt32(record + INFO_END, featureStart[f + 1], true);
    info.setInt32(record + INFO_ROW, rowsAt + rowFirst[f] * rowBytes, true);
    info.setInt32(record + INFO_BUCKETS, bucketAt, true);
    info.setInt32(record + INFO_LAST_BUCKET, first.length - 1, true);
    new Int32Array(buffer, bucketAt, first.length).set(first);
    bucketAt += 4 * first.length;
  }
  new Float64Array(buffer, thresholdsAt, decisionCount).set(thresholds);
  new Int32Array(buffer, decisionsAt, decisionCount << (word.decisionShift - 2)).set(
    searched.flatMap((d) => word.decision(d.tree << word.shift, d.mask)),
  );
  const rows = new Words(buffer, rowsAt, paddedTrees * rowCount);
  for (let f = 0; f < features; f++) {
    // The first feature's rows start from the words of the decisions that are always false.
    const words = f === 0 ? initial : new Words(paddedTrees).fill(-1);
    for (let at = featureStart[f], row = rowFirst[f]; ; at++) {
      if ((at - featureStart[f]) % CHECKPOINT === 0) rows.set(words, row++ * paddedTrees);
      if (at >= featureStart[f + 1]) break;
      words[searched[at].tree] &= searched[at].mask;
    }
  }
  const results = new Int32Array(buffer, resultsAt, word.bits * paddedTrees);
  const resultScores = scores && new Float64Array(buffer, scoresAt, word.bits * paddedTrees);
  resultScores?.fill(-0, word.bits * treeCount);
  treeResults.forEach((list, tree) =>
    list.forEach((result, bit) => {
      results[tree * word.bits + bit] = result;
      if (resultScores && scores) resultScores[tree * word.bits + bit] = scores[result];
    }),
  );
  const run = instance.exports.run as RunFunction;
  return {
    x: new Float64Array(buffer, xAt, features),
    out: new Int32Array(buffer, outAt, treeCount),
    values: scores && treeValues ? new Float64Array(buffer, valuesAt, treeCount) : undefined,
    sum: scores ? new Float64Array(buffer, sumAt, 1) : undefined,
    run: () =>
      run(
        features,
        xAt,
        infoAt,
        thresholdsAt,
        decisionsAt,
        rowBytes,
        wordsAt,
        paddedTrees,
        resultsAt,
        outAt,
        scores ? scoresAt : 0,
        valuesAt,
        sumAt,
      ),
  };
}
