import { invalidPmml } from '../../errors';
import type {
  CompiledModelElement,
  CompiledOutputField,
  ModelCompileEnv,
} from '../../model/model-types';
import { MODEL_ELEMENTS } from '../../model/model-types';
import {
  compilePredicate,
  findPredicate,
  type CompiledPredicate,
} from '../../predicates/compile-predicate';
import type { XmlElement } from '../../xml/xml-element';

/** What scoring needs of a segment: nothing that would keep the document alive. */
export interface SegmentEvaluator {
  /** The Segment's id, or its 1-based position. */
  readonly id: string;
  /** The Segment's predicate; undefined for <True/>. */
  readonly predicate: CompiledPredicate | undefined;
  readonly weight: number;
  /** The slot of the VariableWeight field (a pmml4s extension to the weight), if any. */
  readonly variableWeightSlot: number | undefined;
  readonly evaluate: CompiledModelElement['evaluate'];
  /** The name of the model's first target, if it has one. */
  readonly targetName: string | undefined;
}

/** A compiled Segment, with its model for the MiningModel compiler to inspect. */
export interface CompiledSegment extends SegmentEvaluator {
  readonly model: CompiledModelElement;
  /** The model's own OutputFields (without those it exposes from its own segments). */
  readonly ownOutputs: readonly CompiledOutputField[];
}

/** The part of a segment that scoring keeps. */
export function forScoring(segment: CompiledSegment): SegmentEvaluator {
  const { id, predicate, weight, variableWeightSlot, evaluate, targetName } = segment;
  return { id, predicate, weight, variableWeightSlot, evaluate, targetName };
}

const MODEL_ELEMENT_NAMES: ReadonlySet<string> = new Set(MODEL_ELEMENTS);

function segmentModel(segment: XmlElement): XmlElement {
  const model = segment.children.find((child) => MODEL_ELEMENT_NAMES.has(child.name));
  if (!model) throw invalidPmml(`${segment.where}: a model element is required.`);
  return model;
}

/**
 * Compiles the Segments in order, each model in a child scope of the MiningModel's scope. In a
 * modelChain the OutputFields of each segment become fields of the MiningModel's scope, so that
 * the predicates and models of later segments (and the MiningModel's own outputs) can use them.
 */
export function compileSegments(
  env: ModelCompileEnv,
  segmentation: XmlElement,
  chain: boolean,
): CompiledSegment[] {
  const elements = segmentation.childrenNamed('Segment');
  if (elements.length === 0)
    throw invalidPmml(`${segmentation.where}: at least one Segment is required.`);
  return elements.map((element, index) => {
    const predicateElement = findPredicate(element);
    const predicate =
      predicateElement.name === 'True' ? undefined : compilePredicate(predicateElement, env.scope);
    const model = env.compileNested(segmentModel(element), env.scope.child());
    const ownOutputs = model.outputs.slice(model.core.nestedOutputs?.length ?? 0);
    if (chain) {
      for (const output of ownOutputs) {
        env.scope.define({
          name: output.name,
          dataType: output.dataType,
          opType: output.opType,
          slot: output.slot,
          origin: 'output',
        });
      }
    }
    const weight = element.numberAttr('weight', 1);
    if (!(weight >= 0)) throw invalidPmml(`${element.where}: weight ${weight} is negative.`);
    return {
      id: element.attr('id') ?? String(index + 1),
      predicate,
      weight,
      variableWeightSlot: variableWeightSlot(element, model),
      evaluate: model.evaluate,
      targetName: model.targets[0]?.field.name,
      model,
      ownOutputs,
    };
  });
}

function variableWeightSlot(segment: XmlElement, model: CompiledModelElement): number | undefined {
  const variableWeight = segment.child('VariableWeight');
  if (!variableWeight) return undefined;
  const name = variableWeight.requiredAttr('field');
  const field = model.scope.lookup(name);
  if (!field) throw invalidPmml(`${variableWeight.where}: the field "${name}" is not defined.`);
  return field.slot;
}
