import { invalidPmml } from '../../errors';
import { accurateExp } from '../../math/accurate-exp';
import type { XmlElement } from '../../xml/xml-element';

export type Kernel =
  | { readonly kind: 'linear' }
  | {
      readonly kind: 'polynomial';
      readonly gamma: number;
      readonly coef0: number;
      readonly degree: number;
    }
  | { readonly kind: 'radialBasis'; readonly gamma: number }
  | { readonly kind: 'sigmoid'; readonly gamma: number; readonly coef0: number };

const KERNEL_ELEMENTS = [
  'LinearKernelType',
  'PolynomialKernelType',
  'RadialBasisKernelType',
  'SigmoidKernelType',
];

export function readKernel(model: XmlElement): Kernel {
  const element = model.children.find((child) => KERNEL_ELEMENTS.includes(child.name));
  if (!element) {
    throw invalidPmml(
      `${model.where}: a kernel element (${KERNEL_ELEMENTS.join(', ')}) is required.`,
    );
  }
  switch (element.name) {
    case 'LinearKernelType':
      return { kind: 'linear' };
    case 'PolynomialKernelType':
      return {
        kind: 'polynomial',
        gamma: element.numberAttr('gamma', 1),
        coef0: element.numberAttr('coef0', 1),
        degree: element.numberAttr('degree', 1),
      };
    case 'RadialBasisKernelType':
      return { kind: 'radialBasis', gamma: element.numberAttr('gamma', 1) };
    default:
      return {
        kind: 'sigmoid',
        gamma: element.numberAttr('gamma', 1),
        coef0: element.numberAttr('coef0', 1),
      };
  }
}

function dot(input: Float64Array, vectors: Float64Array, offset: number): number {
  let sum = 0;
  for (let i = 0; i < input.length; i++) sum += input[i] * vectors[offset + i];
  return sum;
}

function squaredDistance(input: Float64Array, vectors: Float64Array, offset: number): number {
  let sum = 0;
  for (let i = 0; i < input.length; i++) {
    const difference = input[i] - vectors[offset + i];
    sum += difference * difference;
  }
  return sum;
}

/**
 * K(input, v) for every support vector v packed row by row in `vectors`, into `out`. The
 * formulas follow the PMML specification in the reference engine's order of operations:
 * linear ⟨x,v⟩, polynomial (γ⟨x,v⟩ + c)^d, radial basis exp(−γ‖x − v‖²), sigmoid
 * tanh(γ⟨x,v⟩ + c).
 */
export function evaluateKernel(
  kernel: Kernel,
  input: Float64Array,
  vectors: Float64Array,
  out: Float64Array,
): void {
  const dimension = input.length;
  const count = out.length;
  switch (kernel.kind) {
    case 'linear':
      for (let v = 0; v < count; v++) out[v] = dot(input, vectors, v * dimension);
      return;
    case 'polynomial': {
      const { gamma, coef0, degree } = kernel;
      for (let v = 0; v < count; v++)
        out[v] = Math.pow(dot(input, vectors, v * dimension) * gamma + coef0, degree);
      return;
    }
    case 'radialBasis': {
      const { gamma } = kernel;
      for (let v = 0; v < count; v++)
        out[v] = accurateExp(-squaredDistance(input, vectors, v * dimension) * gamma);
      return;
    }
    case 'sigmoid': {
      const { gamma, coef0 } = kernel;
      for (let v = 0; v < count; v++)
        out[v] = Math.tanh(dot(input, vectors, v * dimension) * gamma + coef0);
      return;
    }
  }
}
