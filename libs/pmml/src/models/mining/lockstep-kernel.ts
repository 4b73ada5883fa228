import { LANES, type ForestLayout } from './forest-layout';

/**
 * The lockstep walk of a narrow ForestLayout as a small WebAssembly function: V8 bounds-checks
 * every typed-array access in JavaScript, WebAssembly does not, which makes the walk about a
 * third faster.
 *
 * walk(groups, entries, x, groupTrees, groupRoots, groupDepths, leafResult, out, shift, mask),
 * addresses in bytes: for each group, eight walkers start at the entries in groupRoots
 * (addresses), take groupDepths steps `d = entries + 8 · ((link >>> shift) + (x[link & mask] <=
 * threshold))`, with the float32 threshold at d and the link at d + 4, and then store
 * leafResult[entry] at out[tree] for each of the group's trees.
 */
export interface LockstepKernel {
  /** The numeric inputs, in the forest's feature order (write them before `run`). */
  readonly x: Float64Array;
  /** The result of every tree that takes part in the lockstep walk (after `run`). */
  readonly out: Int32Array;
  run(): void;
}

/** The part of the WebAssembly API used here (the global is not in this project's typings). */
interface WasmApi {
  Memory: new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer };
  Module: new (bytes: Uint8Array) => object;
  Instance: new (
    module: object,
    imports: Record<string, Record<string, unknown>>,
  ) => { readonly exports: Record<string, unknown> };
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
) => void;

// Locals: the ten parameters, then the step counter, the current link and one entry per lane.
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
const STEP = 10;
const LINK = 11;
const LANE = 12;

const I32 = 0x7f;
const BLOCK = [0x02, 0x40];
const LOOP = [0x03, 0x40];
const END = 0x0b;
const BR = 0x0c;
const BR_IF = 0x0d;
const I32_EQZ = 0x45;
const I32_ADD = 0x6a;
const I32_SUB = 0x6b;
const I32_AND = 0x71;
const I32_SHL = 0x74;
const I32_SHR_U = 0x76;
const F64_LE = 0x65;
const F64_PROMOTE_F32 = 0xbb;
const get = (local: number): number[] => [0x20, local];
const set = (local: number): number[] => [0x21, local];
/** i32.const for 0..63 (one-byte signed LEB128). */
const small = (value: number): number[] => [0x41, value];
const i32Load = (offset: number): number[] => [0x28, 2, offset];
const f32Load = [0x2a, 2, 0];
const f64Load = [0x2b, 3, 0];
const i32Store = [0x36, 2, 0];
const lanes = (code: (lane: number) => number[]): number[] =>
  Array.from({ length: LANES }, (_, lane) => code(lane)).flat();
const decrement = (local: number, by: number): number[] => [
  ...get(local),
  ...small(by),
  I32_SUB,
  ...set(local),
];
const increment = (local: number, by: number): number[] => [
  ...get(local),
  ...small(by),
  I32_ADD,
  ...set(local),
];

/** One step of one lane: d = entries + 8 · ((link >>> shift) + (x[link & mask] <= t)). */
const step = (lane: number): number[] => [
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
  ...f64Load,
  ...get(LANE + lane),
  ...f32Load,
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

/** out[groupTrees[lane]] = leafResult[(d - entries) / 8] */
const store = (lane: number): number[] => [
  ...get(OUT),
  ...get(GROUP_TREES),
  ...i32Load(4 * lane),
  ...small(2),
  I32_SHL,
  I32_ADD,
  ...get(LEAF_RESULT),
  ...get(LANE + lane),
  ...get(ENTRIES),
  I32_SUB,
  ...small(1),
  I32_SHR_U,
  I32_ADD,
  ...i32Load(0),
  ...i32Store,
];

const WALK_BODY = [
  // locals: 2 + LANES × i32
  1,
  2 + LANES,
  I32,
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
  ...lanes(step),
  ...decrement(STEP, 1),
  BR,
  0,
  END,
  END,
  ...lanes(store),
  ...increment(GROUP_ROOTS, 4 * LANES),
  ...increment(GROUP_TREES, 4 * LANES),
  ...increment(GROUP_DEPTHS, 4),
  ...decrement(GROUPS, 1),
  BR,
  0,
  END,
  END,
  END,
];

function leb128(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (rest !== 0);
  return bytes;
}

const section = (id: number, content: readonly number[]): number[] => [
  id,
  ...leb128(content.length),
  ...content,
];
const name = (text: string): number[] => [text.length, ...Array.from(text, (c) => c.charCodeAt(0))];

const MODULE_BYTES = new Uint8Array([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
  // type 0: (i32 × 10) -> ()
  ...section(1, [1, 0x60, 10, ...Array<number>(10).fill(I32), 0]),
  // import env.memory, at least 1 page
  ...section(2, [1, ...name('env'), ...name('memory'), 0x02, 0x00, 1]),
  ...section(3, [1, 0]),
  ...section(7, [1, ...name('walk'), 0x00, 0]),
  ...section(10, [1, ...leb128(WALK_BODY.length), ...WALK_BODY]),
]);

const PAGE_BYTES = 65536;

let compiled: object | null | undefined;

/** The compiled module, or null where WebAssembly is unavailable. */
function kernelModule(api: WasmApi | undefined): object | null {
  if (compiled === undefined) {
    try {
      compiled = api ? new api.Module(MODULE_BYTES) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/**
 * The lockstep walk of a narrow layout in WebAssembly memory (a copy of its entries, groups
 * and leaf results), or undefined for a wide layout or without WebAssembly.
 */
export function createLockstepKernel(
  layout: ForestLayout,
  featureCount: number,
  treeCount: number,
): LockstepKernel | undefined {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  const module = kernelModule(api);
  if (!api || !module || !layout.narrow) return undefined;
  const groups = layout.groupDepths.length;
  const entries = layout.leafResult.length;
  // Regions, 8-byte aligned: entries, x, groupTrees, groupRoots, groupDepths, leafResult, out.
  const sizes = [
    8 * entries,
    8 * Math.max(1, featureCount),
    4 * groups * LANES,
    4 * groups * LANES,
  ];
  sizes.push(4 * groups, 4 * entries, 4 * treeCount);
  const offsets: number[] = [];
  let total = 0;
  for (const size of sizes) {
    offsets.push(total);
    total += Math.ceil(size / 8) * 8;
  }
  const memory = new api.Memory({ initial: Math.max(1, Math.ceil(total / PAGE_BYTES)) });
  const walk = new api.Instance(module, { env: { memory } }).exports.walk as WalkFunction;
  const { buffer } = memory;
  const [entryAt, xAt, treesAt, rootsAt, depthsAt, leavesAt, outAt] = offsets;
  new Uint8Array(buffer, entryAt, 8 * entries).set(
    new Uint8Array(layout.narrowLinks.buffer, 0, 8 * entries),
  );
  new Int32Array(buffer, treesAt, groups * LANES).set(layout.groupTrees);
  new Int32Array(buffer, rootsAt, groups * LANES).set(
    Array.from(layout.groupTrees, (tree) => entryAt + 8 * layout.roots[tree]),
  );
  new Int32Array(buffer, depthsAt, groups).set(layout.groupDepths);
  new Int32Array(buffer, leavesAt, entries).set(layout.leafResult);
  const { shift, featureMask } = layout;
  return {
    x: new Float64Array(buffer, xAt, Math.max(1, featureCount)),
    out: new Int32Array(buffer, outAt, treeCount),
    run: () =>
      walk(groups, entryAt, xAt, treesAt, rootsAt, depthsAt, leavesAt, outAt, shift, featureMask),
  };
}
