import { invalidPmml, unsupported } from '../../errors';
import { findExpression } from '../../expressions/compile-expression';
import type { FieldScope } from '../../fields/field-scope';
import type { XmlElement } from '../../xml/xml-element';

/** What one NeuralOutput says about its target field. */
export type OutputMapping =
  /** Classification: the neuron's output is the probability of `category`. */
  | { readonly kind: 'category'; readonly category: string }
  /** Regression: the neuron's output is the target value itself. */
  | { readonly kind: 'identity' }
  /** Regression: the neuron's output is the normalised target; LinearNorm points to undo. */
  | { readonly kind: 'denormalize'; readonly origs: Float64Array; readonly norms: Float64Array };

export interface NeuralOutputSpec {
  readonly element: XmlElement;
  readonly field: string;
  readonly neuron: number;
  readonly mapping: OutputMapping;
}

function localDerivedField(network: XmlElement, name: string): XmlElement | undefined {
  return network
    .child('LocalTransformations')
    ?.childrenNamed('DerivedField')
    .find((field) => field.attr('name') === name);
}

/**
 * The expression that relates a NeuralOutput to its target: the DerivedField's own, or, when
 * that is a FieldRef to another DerivedField, the referenced field's expression (as JPMML).
 */
function outputExpression(output: XmlElement, network: XmlElement, scope: FieldScope): XmlElement {
  const derived = output.requiredChild('DerivedField');
  const expression = findExpression(derived);
  if (!expression) throw invalidPmml(`${derived.where}: an expression element is required.`);
  if (expression.name !== 'FieldRef') return expression;
  const name = expression.requiredAttr('field');
  const field = scope.resolve(name, expression.where);
  if (field.origin !== 'derived') return expression;
  const referenced = localDerivedField(network, name);
  const inner = referenced && findExpression(referenced);
  if (!inner) {
    throw unsupported(
      `${expression.where}: the NeuralOutput refers to the DerivedField "${name}" outside the model's LocalTransformations.`,
    );
  }
  return inner;
}

function readLinearNorms(expression: XmlElement): { origs: Float64Array; norms: Float64Array } {
  const points = expression.childrenNamed('LinearNorm');
  if (points.length < 2)
    throw invalidPmml(`${expression.where}: at least two LinearNorm elements are required.`);
  const norms = Float64Array.from(points, (point) => point.requiredNumberAttr('norm'));
  for (let i = 1; i < norms.length; i++) {
    if (!(norms[i] > norms[i - 1]))
      throw unsupported(
        `${expression.where}: denormalising needs LinearNorm norm values that increase.`,
      );
  }
  return { origs: Float64Array.from(points, (point) => point.requiredNumberAttr('orig')), norms };
}

function mappingOf(expression: XmlElement): OutputMapping {
  switch (expression.name) {
    case 'NormDiscrete':
      return { kind: 'category', category: expression.requiredAttr('value') };
    case 'NormContinuous':
      return { kind: 'denormalize', ...readLinearNorms(expression) };
    case 'FieldRef':
      return { kind: 'identity' };
    default:
      throw unsupported(
        `${expression.where}: a NeuralOutput must be a FieldRef, NormContinuous or NormDiscrete, not ${expression.name}.`,
      );
  }
}

/** Reads NeuralOutputs: which neuron feeds which target field, and how. */
export function readOutputs(
  network: XmlElement,
  scope: FieldScope,
  indexOf: ReadonlyMap<string, number>,
): NeuralOutputSpec[] {
  const outputs = network.requiredChild('NeuralOutputs').childrenNamed('NeuralOutput');
  if (outputs.length === 0)
    throw invalidPmml(`${network.where}: NeuralOutputs needs at least one NeuralOutput.`);
  return outputs.map((element) => {
    const id = element.requiredAttr('outputNeuron');
    const neuron = indexOf.get(id);
    if (neuron === undefined)
      throw invalidPmml(`${element.where}: outputNeuron "${id}" is not a neuron of the network.`);
    const expression = outputExpression(element, network, scope);
    return {
      element,
      field: expression.requiredAttr('field'),
      neuron,
      mapping: mappingOf(expression),
    };
  });
}

/**
 * Undoes a NormContinuous: maps a normalised value back through the LinearNorm segment that
 * contains it, extrapolating from the outer segments beyond the ends.
 */
export function denormalize(value: number, origs: Float64Array, norms: Float64Array): number {
  const last = norms.length - 1;
  let index = 0;
  if (value > norms[last]) index = last - 1;
  else while (index < last - 1 && value > norms[index + 1]) index++;
  return (
    ((value - norms[index]) / (norms[index + 1] - norms[index])) *
      (origs[index + 1] - origs[index]) +
    origs[index]
  );
}
