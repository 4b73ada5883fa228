import { parseXml } from '../../xml/parse-xml';
import { forwardPass } from './forward-pass';
import { compileLayers, type CompiledLayers } from './neural-layers';
import { createNetworkHeap } from './network-heap';
import { createWasmHeap } from './wasm-dense-kernel';

const INPUT_IDS = ['x1', 'x2', 'x3'];

/** A fully connected layer: neuron `prefix`k has weight (k + 1)·(j + 1)/7 − 1 on source j. */
function denseLayer(
  prefix: string,
  count: number,
  sources: readonly string[],
  attributes: string,
): string {
  const neurons = Array.from({ length: count }, (_, k) => {
    const cons = sources
      .map((source, j) => `<Con from="${source}" weight="${((k + 1) * (j + 1)) / 7 - 1}"/>`)
      .join('');
    return `<Neuron id="${prefix}${k}" bias="${k / 3 - 0.5}">${cons}</Neuron>`;
  });
  return `<NeuralLayer ${attributes}>${neurons.join('')}</NeuralLayer>`;
}

function compile(layers: string): CompiledLayers {
  const network = parseXml(
    `<NeuralNetwork activationFunction="identity">${layers}</NeuralNetwork>`,
  );
  return compileLayers(network, INPUT_IDS);
}

function run(compiled: CompiledLayers, useWebAssembly: boolean, inputs: number[]): number[] {
  const network = createNetworkHeap(compiled.layers, compiled.size, useWebAssembly);
  network.heap.set(inputs);
  forwardPass(compiled.layers, network);
  return Array.from(network.heap.subarray(0, compiled.size));
}

describe('network heap', () => {
  it('has WebAssembly SIMD in this runtime, so the fast kernel is the one in use', () => {
    expect(createWasmHeap(16)).toBeDefined();
  });

  it('computes a dense rectifier layer in the WebAssembly kernel', () => {
    const compiled = compile(`<NeuralLayer activationFunction="rectifier">
      <Neuron id="a" bias="1"><Con from="x1" weight="3"/><Con from="x2" weight="0"/><Con from="x3" weight="0"/></Neuron>
      <Neuron id="b" bias="0.5"><Con from="x1" weight="-1"/><Con from="x2" weight="0"/><Con from="x3" weight="0"/></Neuron>
    </NeuralLayer>`);
    expect(run(compiled, true, [2, 5, 5])).toEqual([2, 5, 5, 7, 0]);
  });

  it('gives bit for bit the same activations with the JavaScript kernel as with WebAssembly', () => {
    const layer1 = Array.from({ length: 6 }, (_, k) => `h${k}`);
    const layer2 = Array.from({ length: 5 }, (_, k) => `o${k}`);
    const compiled = compile(
      denseLayer('h', layer1.length, INPUT_IDS, 'activationFunction="rectifier"') +
        denseLayer('g', 4, layer1, 'activationFunction="tanh"') +
        denseLayer('o', layer2.length, ['g0', 'g1', 'g2', 'g3'], 'normalizationMethod="softmax"'),
    );
    for (const inputs of [
      [0.3, -1.7, 2.9],
      [-4, 0.001, 1e3],
    ]) {
      const fast = run(compiled, true, inputs);
      expect(run(compiled, false, inputs)).toEqual(fast);
      expect(fast.slice(-5).reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 15);
    }
  });
});
