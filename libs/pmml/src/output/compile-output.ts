import { invalidPmml, unsupported } from '../errors';
import { findExpression, type ExpressionCompiler } from '../expressions/compile-expression';
import type { FieldScope } from '../fields/field-scope';
import { castValue, parseValueOrText } from '../values/parse-value';
import { DATA_TYPES, OP_TYPES, defaultOpType, type DataType, type Value } from '../values/value';
import type { XmlElement } from '../xml/xml-element';
import type {
  CompiledOutputField,
  ModelCore,
  OutputComputer,
  TargetInfo,
} from '../model/model-types';
import { scoreOf, type Prediction } from '../model/prediction';
import type { TargetProcessing } from '../model/targets';

export interface OutputCompileEnv {
  readonly scope: FieldScope;
  readonly expressions: ExpressionCompiler;
  readonly core: ModelCore;
  readonly targets: readonly TargetInfo[];
  readonly targetProcessing: TargetProcessing;
}

function rankOf(field: XmlElement): number {
  const rank = field.integerAttr('rank', 1);
  if (rank < 1) throw invalidPmml(`${field.where}: rank must be 1 or more.`);
  return rank;
}

/** The prediction an OutputField reads: the model's, a segment's (segmentId) or none. */
function predictionFor(field: XmlElement): (prediction: Prediction | null) => Prediction | null {
  const segmentId = field.attr('segmentId');
  if (segmentId === undefined) return (prediction) => prediction;
  return (prediction) => prediction?.segments?.get(segmentId) ?? null;
}

function targetValueOf(
  prediction: Prediction,
  targetName: string | undefined,
  primary: string | undefined,
): Value {
  if (targetName === undefined || targetName === primary) return prediction.value;
  return prediction.otherTargets?.get(targetName) ?? null;
}

function genericFeature(field: XmlElement, feature: string, env: OutputCompileEnv): OutputComputer {
  const primary = env.targets[0]?.field.name;
  const targetName = field.attr('targetField');
  const rank = rankOf(field);
  const valueText = field.attr('value');
  const targetField = env.targets.find((target) => target.field.name === (targetName ?? primary));
  const label: Value =
    valueText === undefined
      ? null
      : targetField
        ? parseValueOrText(valueText, targetField.field.dataType)
        : valueText;

  switch (feature) {
    case 'predictedValue':
      return (prediction) => (prediction ? targetValueOf(prediction, targetName, primary) : null);
    case 'predictedDisplayValue':
      return (prediction) => {
        if (!prediction) return null;
        if (prediction.displayValue !== undefined) return prediction.displayValue;
        const value = targetValueOf(prediction, targetName, primary);
        if (value === null) return null;
        return (
          env.targetProcessing.displayValue(value) ??
          targetField?.field.displayValues?.get(value) ??
          (typeof value === 'string' ? value : String(value))
        );
      };
    case 'probability':
    case 'confidence':
      return (prediction) => {
        if (!prediction) return null;
        const scores =
          feature === 'confidence'
            ? (prediction.confidences ?? prediction.probabilities)
            : prediction.probabilities;
        return scoreOf(scores, label ?? prediction.value);
      };
    case 'residual': {
      if (!targetField)
        throw invalidPmml(`${field.where}: feature "residual" needs a target field.`);
      const actualSlot = targetField.field.slot;
      return (prediction, context) => {
        const actual = context.get(actualSlot);
        if (!prediction || actual === null) return null;
        if (prediction.probabilities) {
          const probability = scoreOf(prediction.probabilities, label ?? actual);
          if (probability === null) return null;
          return (label === null || label === actual ? 1 : 0) - probability;
        }
        const predicted = prediction.value;
        return typeof predicted === 'number' && typeof actual === 'number'
          ? actual - predicted
          : null;
      };
    }
    case 'affinity':
    case 'entityAffinity':
    case 'clusterAffinity':
      return (prediction) => {
        if (!prediction) return null;
        if (label !== null && prediction.affinities) return scoreOf(prediction.affinities, label);
        if (prediction.ranked) return prediction.ranked.affinities[rank - 1] ?? null;
        if (prediction.affinities && prediction.entityId !== undefined)
          return scoreOf(prediction.affinities, prediction.entityId);
        return null;
      };
    case 'entityId':
    case 'clusterId':
      return (prediction) => {
        if (!prediction) return null;
        if (prediction.ranked) return prediction.ranked.ids[rank - 1] ?? null;
        if (rank > 1) return null;
        if (prediction.entityId !== undefined) return prediction.entityId;
        return feature === 'clusterId' ? prediction.value : null;
      };
    case 'standardError':
      return (prediction) => prediction?.standardError ?? null;
    case 'warning':
      return (prediction) => prediction?.warning ?? null;
    case 'reasonCode':
      return (prediction) => prediction?.reasonCodes?.[rank - 1] ?? null;
    default:
      throw unsupported(
        `${field.where}: the output feature "${feature}" is not supported for this model.`,
      );
  }
}

/**
 * Compiles a model's Output element. Fields are defined in the model scope in document order,
 * so an expression can read the outputs before it.
 */
export function compileOutputs(
  output: XmlElement | undefined,
  env: OutputCompileEnv,
): CompiledOutputField[] {
  if (!output) return [];
  const compiled: CompiledOutputField[] = [];
  for (const field of output.childrenNamed('OutputField')) {
    const name = field.requiredAttr('name');
    const feature = field.attr('feature') ?? 'predictedValue';
    const expression = findExpression(field);
    const from = predictionFor(field);
    let compute: OutputComputer;
    let dataType: DataType | undefined = field.enumAttr('dataType', DATA_TYPES);
    if (
      feature === 'transformedValue' ||
      feature === 'decision' ||
      (expression && feature === 'predictedValue' && !field.has('feature'))
    ) {
      if (expression) {
        const compiledExpression = env.expressions.compile(expression, env.scope);
        const evaluate = compiledExpression.evaluate;
        compute = (_prediction, context) => evaluate(context);
        dataType ??= compiledExpression.dataType;
      } else {
        const predicted = genericFeature(field, 'predictedValue', env);
        compute = (prediction, context) => predicted(from(prediction), context);
      }
    } else {
      const special = env.core.outputFeature?.(field, feature);
      const computer = special ?? genericFeature(field, feature, env);
      compute = field.has('segmentId')
        ? (prediction, context) => computer(from(prediction), context)
        : computer;
    }
    if (dataType !== undefined) {
      const type = dataType;
      const raw = compute;
      compute = (prediction, context) => {
        const value = raw(prediction, context);
        if (
          value === null ||
          (type === 'double' && typeof value === 'number') ||
          (type === 'string' && typeof value === 'string')
        )
          return value;
        return castValue(value, type);
      };
    }
    const resolvedType: DataType = dataType ?? 'double';
    const opType = field.enumAttr('optype', OP_TYPES) ?? defaultOpType(resolvedType);
    const slot = env.scope.layout.allocate();
    env.scope.define({ name, dataType: resolvedType, opType, slot, origin: 'output' });
    compiled.push({
      name,
      slot,
      isFinalResult: field.booleanAttr('isFinalResult', true),
      feature,
      dataType: resolvedType,
      opType,
      compute,
    });
  }
  return compiled;
}
