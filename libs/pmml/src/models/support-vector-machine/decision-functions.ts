import { invalidPmml } from '../../errors';
import type { XmlElement } from '../../xml/xml-element';
import { evaluateKernel, type Kernel } from './kernels';

const REPRESENTATIONS = ['SupportVectors', 'Coefficients'] as const;

/**
 * The decision functions f(x) = Σ αᵢ·K(x, vᵢ) + b of all SupportVectorMachine elements.
 * Support vectors shared between machines (one-against-one models share most of them) are
 * stored once, and each kernel value is computed once per record.
 */
export interface DecisionFunctions {
  readonly count: number;
  /** Writes f(x) of every machine, in document order, into `out`. */
  evaluate(input: Float64Array, out: Float64Array): void;
}

interface MachineTerms {
  readonly vectorIds: readonly string[];
  readonly coefficients: Float64Array;
  readonly intercept: number;
}

function readTerms(machine: XmlElement, representation: string): MachineTerms {
  const coefficientsElement = machine.requiredChild('Coefficients');
  const coefficients = Float64Array.from(
    coefficientsElement.childrenNamed('Coefficient'),
    (coefficient) => coefficient.numberAttr('value', 0),
  );
  const intercept = coefficientsElement.numberAttr('absoluteValue', 0);
  if (representation === 'Coefficients') return { vectorIds: [], coefficients, intercept };
  const vectorIds = machine
    .requiredChild('SupportVectors')
    .childrenNamed('SupportVector')
    .map((vector) => vector.requiredAttr('vectorId'));
  if (vectorIds.length !== coefficients.length) {
    throw invalidPmml(
      `${machine.where}: ${vectorIds.length} SupportVectors but ${coefficients.length} Coefficients.`,
    );
  }
  return { vectorIds, coefficients, intercept };
}

/** svmRepresentation="Coefficients": f(x) = Σ cᵢ·xᵢ + b over the VectorFields. */
function linearFunctions(terms: readonly MachineTerms[], dimension: number): DecisionFunctions {
  const count = terms.length;
  const weights = new Float64Array(count * dimension);
  terms.forEach((term, m) => {
    if (term.coefficients.length !== dimension) {
      throw invalidPmml(
        `SupportVectorMachine ${m + 1}: ${term.coefficients.length} Coefficients but ${dimension} VectorFields.`,
      );
    }
    weights.set(term.coefficients, m * dimension);
  });
  const intercepts = Float64Array.from(terms, (term) => term.intercept);
  return {
    count,
    evaluate(input, out) {
      for (let m = 0, offset = 0; m < count; m++) {
        let sum = 0;
        for (let i = 0; i < dimension; i++, offset++) sum += weights[offset] * input[i];
        out[m] = sum + intercepts[m];
      }
    },
  };
}

function kernelFunctions(
  terms: readonly MachineTerms[],
  kernel: Kernel,
  vectors: ReadonlyMap<string, Float64Array>,
  dimension: number,
): DecisionFunctions {
  const used = new Map<string, number>();
  for (const term of terms)
    for (const id of term.vectorIds) if (!used.has(id)) used.set(id, used.size);
  const packed = new Float64Array(used.size * dimension);
  for (const [id, index] of used) {
    const vector = vectors.get(id);
    if (!vector) throw invalidPmml(`SupportVector: vectorId "${id}" is not a VectorInstance.`);
    packed.set(vector, index * dimension);
  }
  const count = terms.length;
  const termStart = new Int32Array(count + 1);
  terms.forEach((term, m) => (termStart[m + 1] = termStart[m] + term.vectorIds.length));
  const vectorIndex = Int32Array.from(
    terms.flatMap((term) => term.vectorIds),
    (id) => used.get(id) as number,
  );
  const coefficients = Float64Array.from(terms.flatMap((term) => Array.from(term.coefficients)));
  const intercepts = Float64Array.from(terms, (term) => term.intercept);
  const kernelValues = new Float64Array(used.size);
  return {
    count,
    evaluate(input, out) {
      evaluateKernel(kernel, input, packed, kernelValues);
      for (let m = 0; m < count; m++) {
        let sum = 0;
        for (let k = termStart[m], end = termStart[m + 1]; k < end; k++)
          sum += coefficients[k] * kernelValues[vectorIndex[k]];
        out[m] = sum + intercepts[m];
      }
    },
  };
}

export function compileDecisionFunctions(
  model: XmlElement,
  machines: readonly XmlElement[],
  kernel: Kernel,
  vectors: ReadonlyMap<string, Float64Array>,
  dimension: number,
): DecisionFunctions {
  const representation = model.enumAttr('svmRepresentation', REPRESENTATIONS, 'SupportVectors');
  const terms = machines.map((machine) => readTerms(machine, representation));
  if (representation === 'SupportVectors')
    return kernelFunctions(terms, kernel, vectors, dimension);
  if (kernel.kind !== 'linear') {
    throw invalidPmml(
      `${model.where}: svmRepresentation="Coefficients" needs the LinearKernelType.`,
    );
  }
  return linearFunctions(terms, dimension);
}
