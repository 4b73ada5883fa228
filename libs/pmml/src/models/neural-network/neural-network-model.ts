import { invalidPmml, unsupported } from '../../errors';
import type { ModelCompileEnv, ModelCore, TargetInfo } from '../../model/model-types';
import type { Prediction } from '../../model/prediction';
import { parseValueOrText } from '../../values/parse-value';
import type { DataType, Value } from '../../values/value';
import { forwardPass } from './forward-pass';
import { compileInputs } from './neural-inputs';
import { compileLayers } from './neural-layers';
import { createNetworkHeap } from './network-heap';
import { denormalize, readOutputs, type NeuralOutputSpec } from './neural-outputs';

/** How one target field's value is read from the output neurons. */
type TargetReader = (values: Float64Array) => Prediction;

interface CompiledTarget {
  readonly name: string;
  readonly reader: TargetReader;
  /** Classification: the categories, in NeuralOutput order. */
  readonly labels?: readonly Value[];
}

function regressionReader(name: string, outputs: readonly NeuralOutputSpec[]): TargetReader {
  if (outputs.length !== 1) {
    throw invalidPmml(
      `${outputs[1].element.where}: the regression target "${name}" needs exactly one NeuralOutput.`,
    );
  }
  const { neuron, mapping, element } = outputs[0];
  if (mapping.kind === 'category') {
    throw invalidPmml(
      `${element.where}: a NormDiscrete NeuralOutput needs functionName="classification".`,
    );
  }
  if (mapping.kind === 'identity') return (values) => ({ value: values[neuron] });
  const { origs, norms } = mapping;
  return (values) => ({ value: denormalize(values[neuron], origs, norms) });
}

function classificationReader(
  outputs: readonly NeuralOutputSpec[],
  dataType: DataType,
  neuronIds: readonly string[],
): { reader: TargetReader; labels: Value[] } {
  const labels: Value[] = [];
  for (const { mapping, element } of outputs) {
    if (mapping.kind !== 'category') {
      throw invalidPmml(
        `${element.where}: a classification NeuralOutput must be a NormDiscrete of the target.`,
      );
    }
    const label = parseValueOrText(mapping.category, dataType);
    if (labels.includes(label))
      throw invalidPmml(`${element.where}: the category "${mapping.category}" is mapped twice.`);
    labels.push(label);
  }
  const neurons = Int32Array.from(outputs, (output) => output.neuron);
  const count = neurons.length;
  const reader: TargetReader = (values) => {
    // A plain array: far cheaper to allocate per record than a Float64Array.
    const probabilities = new Array<number>(count);
    let best = 0;
    for (let i = 0; i < count; i++) {
      probabilities[i] = values[neurons[i]];
      if (probabilities[i] > probabilities[best]) best = i;
    }
    return {
      value: labels[best],
      probabilities: { labels, values: probabilities },
      entityId: neuronIds[neurons[best]],
    };
  };
  return { reader, labels };
}

function targetNames(env: ModelCompileEnv, outputs: readonly NeuralOutputSpec[]): string[] {
  if (env.targets.length > 0) return env.targets.map((target) => target.field.name);
  return [...new Set(outputs.map((output) => output.field))];
}

/**
 * NeuralNetwork: the inputs are evaluated into a flat activation buffer, the layers run over
 * it as weight matrices (a WebAssembly SIMD kernel for dense layers), and the NeuralOutputs
 * turn output neurons into target values (denormalised for regression, one probability per
 * category for classification).
 */
export function compileNeuralNetwork(env: ModelCompileEnv): ModelCore {
  const { element, scope, functionName } = env;
  if (functionName !== 'classification' && functionName !== 'regression') {
    throw invalidPmml(`${element.where}: functionName must be classification or regression.`);
  }
  if (env.mathContext === 'float')
    throw unsupported(
      `${element.where}: x-mathContext="float" is not supported for NeuralNetwork.`,
    );
  const inputs = compileInputs(element, scope, env.expressions);
  const { layers, indexOf, size } = compileLayers(element, inputs.ids);
  const neuronIds: string[] = [];
  for (const [id, index] of indexOf) neuronIds[index] = id;
  const outputs = readOutputs(element, scope, indexOf);

  const byTarget = targetNames(env, outputs).map((name): CompiledTarget => {
    const own = outputs.filter((output) => output.field === name);
    if (own.length === 0)
      throw invalidPmml(`${element.where}: no NeuralOutput refers to the target "${name}".`);
    const target: TargetInfo | undefined = env.targets.find((info) => info.field.name === name);
    if (functionName === 'regression') return { name, reader: regressionReader(name, own) };
    const dataType = target?.field.dataType ?? 'string';
    return { name, ...classificationReader(own, dataType, neuronIds) };
  });
  const primary = byTarget[0];
  const others = byTarget.slice(1);
  const network = createNetworkHeap(layers, size);
  const values = network.heap;

  return {
    categories: primary.labels,
    evaluate(context) {
      if (!inputs.read(context, values)) return null;
      forwardPass(layers, network);
      const prediction = primary.reader(values);
      if (others.length > 0) {
        prediction.otherTargets = new Map(
          others.map((other) => [other.name, other.reader(values).value]),
        );
      }
      return prediction;
    },
  };
}
