import { accurateExp } from '../../math/accurate-exp';
import { evaluationError } from '../../errors';

export const ACTIVATION_FUNCTIONS = [
  'threshold',
  'logistic',
  'tanh',
  'identity',
  'exponential',
  'reciprocal',
  'square',
  'Gauss',
  'sine',
  'cosine',
  'Elliott',
  'arctan',
  'rectifier',
  'radialBasis',
] as const;
export type ActivationFunction = (typeof ACTIVATION_FUNCTIONS)[number];

export const NORMALIZATION_METHODS = ['none', 'simplemax', 'softmax'] as const;
export type NormalizationMethod = (typeof NORMALIZATION_METHODS)[number];

/**
 * Applies a (non radial basis) activation function in place to `values[start, end)`. The
 * switch sits outside the loops so each loop is a tight numeric kernel.
 */
export function activate(
  fn: ActivationFunction,
  values: Float64Array,
  start: number,
  end: number,
  threshold: number,
  leakage: number,
): void {
  switch (fn) {
    case 'identity':
    case 'radialBasis':
      return;
    case 'rectifier':
      if (Number.isNaN(leakage)) {
        for (let i = start; i < end; i++) values[i] = Math.max(values[i], 0);
      } else {
        for (let i = start; i < end; i++) if (!(values[i] > 0)) values[i] *= leakage;
      }
      return;
    case 'logistic':
      for (let i = start; i < end; i++) values[i] = 1 / (1 + accurateExp(-values[i]));
      return;
    case 'tanh':
      for (let i = start; i < end; i++) values[i] = Math.tanh(values[i]);
      return;
    case 'threshold':
      for (let i = start; i < end; i++) values[i] = values[i] > threshold ? 1 : 0;
      return;
    case 'exponential':
      for (let i = start; i < end; i++) values[i] = accurateExp(values[i]);
      return;
    case 'reciprocal':
      for (let i = start; i < end; i++) values[i] = 1 / values[i];
      return;
    case 'square':
      for (let i = start; i < end; i++) values[i] = values[i] * values[i];
      return;
    case 'Gauss':
      for (let i = start; i < end; i++) values[i] = accurateExp(-(values[i] * values[i]));
      return;
    case 'sine':
      for (let i = start; i < end; i++) values[i] = Math.sin(values[i]);
      return;
    case 'cosine':
      for (let i = start; i < end; i++) values[i] = Math.cos(values[i]);
      return;
    case 'Elliott':
      for (let i = start; i < end; i++) values[i] = values[i] / (1 + Math.abs(values[i]));
      return;
    case 'arctan':
      for (let i = start; i < end; i++) values[i] = (2 * Math.atan(values[i])) / Math.PI;
      return;
  }
}

/** Normalises the outputs of one layer, `values[start, end)`, in place. */
export function normalizeLayer(
  method: NormalizationMethod,
  values: Float64Array,
  start: number,
  end: number,
): void {
  if (method === 'softmax') {
    let max = -Infinity;
    for (let i = start; i < end; i++) if (values[i] > max) max = values[i];
    let sum = 0;
    for (let i = start; i < end; i++) {
      values[i] = accurateExp(values[i] - max);
      sum += values[i];
    }
    for (let i = start; i < end; i++) values[i] /= sum;
  } else if (method === 'simplemax') {
    let sum = 0;
    for (let i = start; i < end; i++) sum += values[i];
    if (sum === 1) return;
    if (sum === 0)
      throw evaluationError('NeuralLayer: simplemax normalisation of outputs that sum to 0.');
    for (let i = start; i < end; i++) values[i] /= sum;
  }
}
