import {
  BR_IF,
  END,
  F64,
  F64_ZERO,
  f64Load,
  get,
  I32,
  I32_SUB,
  increment,
  instantiateKernel,
  kernelModuleBytes,
  LOOP,
  set,
  small,
  tee,
  V128,
  v128Load,
  v128Store,
} from '../../wasm/wasm-assembler';

/**
 * The dense-layer kernel as a tiny WebAssembly SIMD function, about twice as fast as the best
 * JavaScript loop (V8 re-checks typed arrays on every access; WebAssembly does not).
 *
 * dense(weights, bias, inputs, outputs, blocks, width, floor), offsets in bytes into the
 * memory: for each block of four neurons, two f64x2 accumulators start at 0 and add
 * weight·input for every input in order, then the biases are added and each sum is stored as
 * max(sum, floor). Each lane is an ordinary IEEE double multiply and add, so every neuron gets
 * bit for bit the sum that the scalar loop computes. `floor` 0 is the rectifier, −∞ leaves the
 * sums as they are (max keeps NaN and −0 like Math.max). Weights are interleaved by block:
 * w[n0][0], w[n1][0], w[n2][0], w[n3][0], w[n0][1], ...; `blocks` and `width` must be at
 * least 1.
 */
export type DenseKernel = (
  weights: number,
  bias: number,
  inputs: number,
  outputs: number,
  blocks: number,
  width: number,
  floor: number,
) => void;

/** A Float64Array over WebAssembly memory, and the kernel that works on it. */
export interface WasmHeap {
  readonly heap: Float64Array;
  readonly dense: DenseKernel;
}

// Locals of the function: the six parameters, then the declared locals.
const WEIGHTS = 0;
const BIAS = 1;
const INPUTS = 2;
const OUTPUTS = 3;
const BLOCKS = 4;
const WIDTH = 5;
const FLOOR = 6;
const REMAINING = 7;
const INPUT = 8;
const SUM_LOW = 9;
const SUM_HIGH = 10;
const SPLAT = 11;
const FLOORS = 12;

const F64X2_SPLAT = [0xfd, 0x14];
const F64X2_ADD = [0xfd, 0xf0, 0x01];
const F64X2_MUL = [0xfd, 0xf2, 0x01];
const F64X2_MAX = [0xfd, 0xf5, 0x01];
/** local -= 1, then branch back to the enclosing loop while it is not 0. */
const countDown = (local: number): number[] => [
  ...get(local),
  ...small(1),
  I32_SUB,
  ...tee(local),
  BR_IF,
  0,
];
/** sum += weights[offset] · splat */
const multiplyAdd = (sum: number, offset: number): number[] => [
  ...get(sum),
  ...get(WEIGHTS),
  ...v128Load(offset),
  ...get(SPLAT),
  ...F64X2_MUL,
  ...F64X2_ADD,
  ...set(sum),
];
/** outputs[offset] = max(sum + bias[offset], floor) */
const storeWithBias = (sum: number, offset: number): number[] => [
  ...get(OUTPUTS),
  ...get(sum),
  ...get(BIAS),
  ...v128Load(offset),
  ...F64X2_ADD,
  ...get(FLOORS),
  ...F64X2_MAX,
  ...v128Store(offset),
];

const DENSE_BODY = [
  // locals: 2 × i32 (REMAINING, INPUT), 4 × v128 (SUM_LOW, SUM_HIGH, SPLAT, FLOORS)
  2,
  2,
  I32,
  4,
  V128,
  ...get(FLOOR),
  ...F64X2_SPLAT,
  ...set(FLOORS),
  ...LOOP,
  ...F64_ZERO,
  ...F64X2_SPLAT,
  ...set(SUM_LOW),
  ...F64_ZERO,
  ...F64X2_SPLAT,
  ...set(SUM_HIGH),
  ...get(INPUTS),
  ...set(INPUT),
  ...get(WIDTH),
  ...set(REMAINING),
  ...LOOP,
  ...get(INPUT),
  ...f64Load(),
  ...F64X2_SPLAT,
  ...set(SPLAT),
  ...multiplyAdd(SUM_LOW, 0),
  ...multiplyAdd(SUM_HIGH, 16),
  ...increment(WEIGHTS, 32),
  ...increment(INPUT, 8),
  ...countDown(REMAINING),
  END,
  ...storeWithBias(SUM_LOW, 0),
  ...storeWithBias(SUM_HIGH, 16),
  ...increment(OUTPUTS, 32),
  ...increment(BIAS, 32),
  ...countDown(BLOCKS),
  END,
  END,
];

const MODULE_BYTES = kernelModuleBytes([I32, I32, I32, I32, I32, I32, F64], 'dense', DENSE_BODY);

/**
 * A heap of `doubles` 64-bit slots in WebAssembly memory with the dense kernel bound to it,
 * or undefined when WebAssembly SIMD is not available (the caller then uses plain arrays).
 */
export function createWasmHeap(doubles: number): WasmHeap | undefined {
  const instance = instantiateKernel(MODULE_BYTES, doubles * 8);
  if (!instance) return undefined;
  return {
    heap: new Float64Array(instance.buffer, 0, doubles),
    dense: instance.exports.dense as DenseKernel,
  };
}
