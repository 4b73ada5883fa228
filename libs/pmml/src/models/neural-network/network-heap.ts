import type { CompiledLayer } from './neural-layers';
import { createWasmHeap, type DenseKernel } from './wasm-dense-kernel';

/**
 * The memory of one compiled network: the activation of every neural entity, then the blocked
 * weights and padded biases of every dense layer, in one Float64Array (WebAssembly memory when
 * available), with the dense kernel that works on it.
 */
export interface NetworkHeap {
  /** Activations at [0, size); dense weights and biases after them. */
  readonly heap: Float64Array;
  readonly dense: DenseKernel;
  /** Byte offsets of each layer's blocked weights and biases (dense layers only). */
  readonly weightsAt: Int32Array;
  readonly biasAt: Int32Array;
}

/**
 * The block kernel in JavaScript, for runtimes without WebAssembly SIMD: the same layout and
 * the same order of operations, four accumulators per block of neurons. The `| 0` on indexes
 * tells the optimiser they stay small integers.
 */
function javaScriptDenseKernel(heap: Float64Array): DenseKernel {
  return (weightsByte, biasByte, inputsByte, outputsByte, blocks, width, floor) => {
    let w = weightsByte >> 3;
    let bias = biasByte >> 3;
    let out = outputsByte >> 3;
    const from = inputsByte >> 3;
    const end = (from + width) | 0;
    for (let block = 0; block < blocks; block = (block + 1) | 0) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let j = from; j < end; j = (j + 1) | 0) {
        const x = heap[j];
        s0 += heap[w] * x;
        s1 += heap[(w + 1) | 0] * x;
        s2 += heap[(w + 2) | 0] * x;
        s3 += heap[(w + 3) | 0] * x;
        w = (w + 4) | 0;
      }
      heap[out] = Math.max(s0 + heap[bias], floor);
      heap[(out + 1) | 0] = Math.max(s1 + heap[(bias + 1) | 0], floor);
      heap[(out + 2) | 0] = Math.max(s2 + heap[(bias + 2) | 0], floor);
      heap[(out + 3) | 0] = Math.max(s3 + heap[(bias + 3) | 0], floor);
      out = (out + 4) | 0;
      bias = (bias + 4) | 0;
    }
  };
}

/**
 * Lays out the heap for `size` activations and the dense layers. The block kernel writes whole
 * blocks of four, so up to three padding results land after a layer's last neuron: in the
 * next layer's slots, which that layer overwrites later, or in three spare slots at the end.
 */
export function createNetworkHeap(
  layers: readonly CompiledLayer[],
  size: number,
  useWebAssembly = true,
): NetworkHeap {
  const weightsAt = new Int32Array(layers.length);
  const biasAt = new Int32Array(layers.length);
  let doubles = size + 3;
  layers.forEach((layer, index) => {
    if (layer.denseSourceCount === 0) return;
    weightsAt[index] = doubles * 8;
    doubles += layer.blockedWeights.length;
    biasAt[index] = doubles * 8;
    doubles += layer.bias.length;
  });
  const wasm = useWebAssembly ? createWasmHeap(doubles) : undefined;
  const heap = wasm?.heap ?? new Float64Array(doubles);
  layers.forEach((layer, index) => {
    if (layer.denseSourceCount === 0) return;
    heap.set(layer.blockedWeights, weightsAt[index] / 8);
    heap.set(layer.bias, biasAt[index] / 8);
  });
  return { heap, dense: wasm?.dense ?? javaScriptDenseKernel(heap), weightsAt, biasAt };
}
