import { invalidPmml, unsupported } from '../errors';
import type { ExpressionCompiler } from '../expressions/compile-expression';
import type { DataFieldDef } from '../fields/data-dictionary';
import type { FieldScope } from '../fields/field-scope';
import {
  compileTopLevelInput,
  isTargetUsage,
  nestedMiningField,
  readMiningSchema,
  type MiningFieldSpec,
} from '../fields/mining-schema';
import { compileOutputs } from '../output/compile-output';
import type { XmlElement } from '../xml/xml-element';
import { defineDerivedFields } from './derived-fields';
import { MODEL_COMPILERS } from './model-registry';
import {
  FUNCTION_NAMES,
  MODEL_ELEMENTS,
  type CompiledModelElement,
  type MathContext,
  type ModelElementName,
  type TargetInfo,
} from './model-types';
import { compileTargetProcessing } from './targets';

/** What stays the same for every model element of one document. */
export interface DocumentEnv {
  readonly expressions: ExpressionCompiler;
  readonly dataFields: ReadonlyMap<string, DataFieldDef>;
}

export function isModelElement(element: XmlElement): boolean {
  return (MODEL_ELEMENTS as readonly string[]).includes(element.name);
}

function mathContextOf(element: XmlElement, inherited: MathContext): MathContext {
  return element.enumAttr('x-mathContext', ['double', 'float'] as const) ?? inherited;
}

/**
 * Builds the model's scope from its MiningSchema. For the top-level model the mining fields
 * are the DataFields themselves, with the treatments installed on their slots (so the
 * TransformationDictionary sees treated values too); nested models get their own view of the
 * enclosing scope's fields.
 */
function miningScope(
  specs: readonly MiningFieldSpec[],
  parentScope: FieldScope,
  env: DocumentEnv,
  topLevel: boolean,
): FieldScope {
  const scope = parentScope.child();
  for (const spec of specs) {
    const parentField = parentScope.lookup(spec.name);
    if (!parentField) {
      throw invalidPmml(
        `${spec.element.where}: the field "${spec.name}" is not defined in the DataDictionary or an enclosing scope.`,
      );
    }
    if (topLevel) {
      const dataField = env.dataFields.get(spec.name);
      if (dataField && !isTargetUsage(spec.usageType)) {
        scope.layout.define(parentField.slot, compileTopLevelInput(spec, dataField, parentField));
      }
      scope.define(spec.opType ? { ...parentField, opType: spec.opType } : parentField);
    } else {
      scope.define(
        isTargetUsage(spec.usageType) ? parentField : nestedMiningField(spec, parentField, scope),
      );
    }
  }
  return scope;
}

function targetInfos(specs: readonly MiningFieldSpec[], scope: FieldScope): TargetInfo[] {
  return specs
    .filter((spec) => isTargetUsage(spec.usageType))
    .map((spec) => {
      const field = scope.resolve(spec.name, spec.element.where);
      return { field, spec, categories: field.categories ?? [] };
    });
}

export function compileModelElement(
  element: XmlElement,
  parentScope: FieldScope,
  env: DocumentEnv,
  options: { topLevel: boolean; mathContext: MathContext },
): CompiledModelElement {
  const modelType = element.name as ModelElementName;
  const compiler = MODEL_COMPILERS.get(modelType);
  if (!compiler) throw unsupported(`${element.where}: ${modelType} is not supported.`);
  if (element.attr('isScorable') === 'false') {
    throw unsupported(`${element.where}: the model is marked isScorable="false".`);
  }
  const functionName = element.enumAttr('functionName', FUNCTION_NAMES);
  if (!functionName)
    throw invalidPmml(`${element.where}: the required attribute "functionName" is missing.`);
  const mathContext = mathContextOf(element, options.mathContext);
  const miningFields = readMiningSchema(element);
  const scope = miningScope(miningFields, parentScope, env, options.topLevel);
  defineDerivedFields(element.child('LocalTransformations'), scope, env.expressions);
  const targets = targetInfos(miningFields, scope);
  const targetProcessing = compileTargetProcessing(
    element.child('Targets'),
    targets[0],
    mathContext,
  );
  const primary = targets[0]
    ? {
        ...targets[0],
        categories:
          targets[0].categories.length > 0 ? targets[0].categories : targetProcessing.categories,
      }
    : undefined;

  const core = compiler({
    element,
    modelType,
    functionName,
    scope,
    target: primary,
    targets: primary ? [primary, ...targets.slice(1)] : targets,
    mathContext,
    expressions: env.expressions,
    compileNested: (nested, nestedScope) =>
      compileModelElement(nested, nestedScope, env, { topLevel: false, mathContext }),
  });
  const postProcessing = core.appliesRescaleConstant
    ? compileTargetProcessing(element.child('Targets'), targets[0], mathContext, {
        withoutRescaleConstant: true,
      })
    : targetProcessing;
  const outputs = compileOutputs(element.child('Output'), {
    scope,
    expressions: env.expressions,
    core,
    targets,
    targetProcessing: postProcessing,
  });

  return {
    element,
    modelType,
    functionName,
    modelName: element.attr('modelName'),
    scope,
    miningFields,
    targets,
    outputs: core.nestedOutputs ? [...core.nestedOutputs, ...outputs] : outputs,
    mathContext,
    core,
    evaluate(context) {
      const prediction = postProcessing.apply(core.evaluate(context));
      for (const output of outputs) context.set(output.slot, output.compute(prediction, context));
      return prediction;
    },
  };
}
