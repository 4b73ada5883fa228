import { accurateExp } from '../../math/accurate-exp';
import { activate, normalizeLayer } from './activation';
import type { CompiledLayer } from './neural-layers';
import type { NetworkHeap } from './network-heap';

/** Σ (x − w)² over the connections of neuron `row` (radial basis layers). */
function squaredDistance(layer: CompiledLayer, values: Float64Array, row: number): number {
  const { sources, weights } = layer;
  let sum = 0;
  for (let k = layer.rowStart[row], end = layer.rowStart[row + 1]; k < end; k++) {
    const difference = values[sources[k]] - weights[k];
    sum += difference * difference;
  }
  return sum;
}

function sparseSums(layer: CompiledLayer, values: Float64Array): void {
  const { start, count, weights, bias, rowStart, sources } = layer;
  for (let i = 0; i < count; i++) {
    let sum = 0;
    for (let k = rowStart[i], end = rowStart[i + 1]; k < end; k++)
      sum += weights[k] * values[sources[k]];
    values[start + i] = sum + bias[i];
  }
}

function radialBasis(layer: CompiledLayer, values: Float64Array): void {
  const { start, count, rbfDenominator, rbfOffset } = layer;
  for (let i = 0; i < count; i++) {
    values[start + i] = accurateExp(
      squaredDistance(layer, values, i) / rbfDenominator[i] + rbfOffset[i],
    );
  }
}

/**
 * Runs the layers over the heap's activations, whose first entries already hold the inputs.
 * Each layer writes its neurons' outputs into its own range.
 */
export function forwardPass(layers: readonly CompiledLayer[], network: NetworkHeap): void {
  const values = network.heap;
  for (let l = 0; l < layers.length; l++) {
    const layer = layers[l];
    const end = layer.start + layer.count;
    if (layer.activation === 'radialBasis') {
      radialBasis(layer, values);
    } else if (layer.denseSourceCount > 0) {
      // The kernel applies a plain rectifier itself, as max(sum, 0).
      const rectified = layer.activation === 'rectifier' && Number.isNaN(layer.leakage);
      network.dense(
        network.weightsAt[l],
        network.biasAt[l],
        layer.denseSourceStart * 8,
        layer.start * 8,
        layer.blocks,
        layer.denseSourceCount,
        rectified ? 0 : -Infinity,
      );
      if (!rectified)
        activate(layer.activation, values, layer.start, end, layer.threshold, layer.leakage);
    } else {
      sparseSums(layer, values);
      activate(layer.activation, values, layer.start, end, layer.threshold, layer.leakage);
    }
    if (layer.normalization !== 'none')
      normalizeLayer(layer.normalization, values, layer.start, end);
  }
}
