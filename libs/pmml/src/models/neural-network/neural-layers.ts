import { invalidPmml, unsupported } from '../../errors';
import type { XmlElement } from '../../xml/xml-element';
import {
  ACTIVATION_FUNCTIONS,
  NORMALIZATION_METHODS,
  type ActivationFunction,
  type NormalizationMethod,
} from './activation';

/**
 * One NeuralLayer compiled to flat arrays over the network's activation buffer, where every
 * neural entity (inputs first, then neurons layer by layer) has one index.
 *
 * When every neuron connects to exactly one contiguous range of sources, in order (the usual
 * fully connected layer), the layer is dense: `denseSourceStart`, `denseSourceCount` and the
 * block-interleaved `blockedWeights` feed the block kernel (see network-heap.ts). Otherwise the
 * connections are compressed rows (`rowStart`, `sources`, `weights`), which radial basis
 * layers always use. Both keep the document's connection order, so sums are accumulated in
 * the same order as the reference engine.
 */
export interface CompiledLayer {
  readonly start: number;
  readonly count: number;
  readonly activation: ActivationFunction;
  readonly normalization: NormalizationMethod;
  readonly threshold: number;
  /** Slope of a leaky rectifier below 0 (JPMML's x-leakage); NaN for the plain rectifier. */
  readonly leakage: number;
  readonly denseSourceStart: number;
  /** 0 when the layer uses the compressed rows. */
  readonly denseSourceCount: number;
  readonly rowStart: Int32Array;
  readonly sources: Int32Array;
  /** Connection weights, row by row in document order. */
  readonly weights: Float64Array;
  /**
   * Dense layers: the weights of each block of four neurons interleaved by source
   * (w[n0][0], w[n1][0], w[n2][0], w[n3][0], w[n0][1], ...), for the four-neuron kernel; the
   * last block is padded with zero rows.
   */
  readonly blockedWeights: Float64Array;
  /** Number of blocks of four neurons (dense layers). */
  readonly blocks: number;
  /** One bias per neuron, padded with zeros to whole blocks. */
  readonly bias: Float64Array;
  /** Radial basis only: −2·width² of each neuron. */
  readonly rbfDenominator: Float64Array;
  /** Radial basis only: fan-in · ln(altitude) of each neuron (0 when altitude is 1). */
  readonly rbfOffset: Float64Array;
}

export interface CompiledLayers {
  readonly layers: readonly CompiledLayer[];
  /** Buffer index of every neural entity id (inputs and neurons). */
  readonly indexOf: ReadonlyMap<string, number>;
  readonly size: number;
}

interface NetworkDefaults {
  readonly activation: ActivationFunction | undefined;
  readonly normalization: NormalizationMethod;
  readonly threshold: number;
  readonly leakage: number | undefined;
  readonly width: number | undefined;
  readonly altitude: number;
}

function networkDefaults(network: XmlElement): NetworkDefaults {
  return {
    activation: network.enumAttr('activationFunction', ACTIVATION_FUNCTIONS),
    normalization: network.enumAttr('normalizationMethod', NORMALIZATION_METHODS, 'none'),
    threshold: network.numberAttr('threshold', 0),
    leakage: network.numberAttr('x-leakage'),
    width: network.numberAttr('width'),
    altitude: network.numberAttr('altitude', 1),
  };
}

interface Connection {
  readonly source: number;
  readonly weight: number;
}

function readConnections(
  neuron: XmlElement,
  indexOf: ReadonlyMap<string, number>,
  layerStart: number,
): Connection[] {
  return neuron.childrenNamed('Con').map((con) => {
    const from = con.requiredAttr('from');
    const source = indexOf.get(from);
    if (source === undefined)
      throw invalidPmml(`${con.where}: "from" refers to the unknown neuron or input "${from}".`);
    if (source >= layerStart) {
      throw unsupported(
        `${con.where}: "from" refers to "${from}" of the same or a later layer; only earlier layers are supported.`,
      );
    }
    return { source, weight: con.requiredNumberAttr('weight') };
  });
}

/** The contiguous source range every neuron connects to in order, if there is one. */
function denseRange(rows: readonly Connection[][]): { start: number; count: number } | undefined {
  const first = rows[0];
  if (!first || first.length === 0) return undefined;
  const start = first[0].source;
  const count = first.length;
  for (const row of rows) {
    if (row.length !== count) return undefined;
    for (let j = 0; j < count; j++) if (row[j].source !== start + j) return undefined;
  }
  return { start, count };
}

/**
 * Row-major weights interleaved by blocks of four neurons (see `blockedWeights`). The last
 * block is padded with zero rows, so every neuron goes through the block kernel.
 */
function interleaveBlocks(weights: Float64Array, count: number, width: number): Float64Array {
  const blocks = Math.ceil(count / 4);
  const blocked = new Float64Array(blocks * 4 * width);
  for (let neuron = 0; neuron < count; neuron++) {
    const block = Math.floor(neuron / 4);
    for (let j = 0; j < width; j++)
      blocked[(block * width + j) * 4 + (neuron % 4)] = weights[neuron * width + j];
  }
  return blocked;
}

function paddedBias(neurons: readonly XmlElement[]): Float64Array {
  const bias = new Float64Array(Math.ceil(neurons.length / 4) * 4);
  neurons.forEach((neuron, index) => (bias[index] = neuron.numberAttr('bias', 0)));
  return bias;
}

function compileLayer(
  layer: XmlElement,
  network: XmlElement,
  defaults: NetworkDefaults,
  indexOf: Map<string, number>,
  start: number,
): CompiledLayer {
  const activation =
    layer.enumAttr('activationFunction', ACTIVATION_FUNCTIONS) ?? defaults.activation;
  if (activation === undefined) {
    throw invalidPmml(
      `${network.where}: the required attribute "activationFunction" is missing (no NeuralLayer sets its own).`,
    );
  }
  const neurons = layer.childrenNamed('Neuron');
  if (neurons.length === 0)
    throw invalidPmml(`${layer.where}: a NeuralLayer needs at least one Neuron.`);
  neurons.forEach((neuron, index) => {
    const id = neuron.requiredAttr('id');
    if (indexOf.has(id))
      throw invalidPmml(`${neuron.where}: the id "${id}" is used more than once.`);
    indexOf.set(id, start + index);
  });
  const rows = neurons.map((neuron) => readConnections(neuron, indexOf, start));

  const radial = activation === 'radialBasis';
  const dense = radial ? undefined : denseRange(rows);
  const rowStart = new Int32Array(neurons.length + 1);
  rows.forEach((row, index) => (rowStart[index + 1] = rowStart[index] + row.length));
  const flat = rows.flat();
  const weights = Float64Array.from(flat, (connection) => connection.weight);
  const altitude = layer.numberAttr('altitude') ?? defaults.altitude;
  const layerWidth = layer.numberAttr('width') ?? defaults.width;

  return {
    start,
    count: neurons.length,
    activation,
    normalization:
      layer.enumAttr('normalizationMethod', NORMALIZATION_METHODS) ?? defaults.normalization,
    threshold: layer.numberAttr('threshold') ?? defaults.threshold,
    leakage: layer.numberAttr('x-leakage') ?? defaults.leakage ?? NaN,
    denseSourceStart: dense?.start ?? 0,
    denseSourceCount: dense?.count ?? 0,
    rowStart,
    sources: Int32Array.from(flat, (connection) => connection.source),
    weights,
    blockedWeights: dense
      ? interleaveBlocks(weights, neurons.length, dense.count)
      : new Float64Array(0),
    blocks: Math.ceil(neurons.length / 4),
    bias: paddedBias(neurons),
    rbfDenominator: Float64Array.from(neurons, (neuron) => {
      if (!radial) return 0;
      const width = neuron.numberAttr('width') ?? layerWidth;
      if (width === undefined) {
        throw invalidPmml(
          `${neuron.where}: a radialBasis neuron needs a width (on the Neuron, its NeuralLayer or the NeuralNetwork).`,
        );
      }
      return width * width * -2;
    }),
    rbfOffset: Float64Array.from(rows, (row) =>
      radial && altitude !== 1 ? Math.log(altitude) * row.length : 0,
    ),
  };
}

/**
 * Compiles the NeuralLayers. `inputIds` are the NeuralInput ids, which take the first buffer
 * indexes. Connections may only come from inputs and neurons of earlier layers.
 */
export function compileLayers(network: XmlElement, inputIds: readonly string[]): CompiledLayers {
  const indexOf = new Map<string, number>();
  inputIds.forEach((id, index) => {
    if (indexOf.has(id))
      throw invalidPmml(`${network.where}: the NeuralInput id "${id}" is used more than once.`);
    indexOf.set(id, index);
  });
  const defaults = networkDefaults(network);
  const elements = network.childrenNamed('NeuralLayer');
  if (elements.length === 0)
    throw invalidPmml(`${network.where}: a NeuralNetwork needs at least one NeuralLayer.`);
  let start = inputIds.length;
  const layers = elements.map((element) => {
    const layer = compileLayer(element, network, defaults, indexOf, start);
    start += layer.count;
    return layer;
  });
  return { layers, indexOf, size: start };
}
