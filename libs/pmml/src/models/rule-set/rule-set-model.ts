import { invalidPmml, unsupported } from '../../errors';
import type { ModelCompileEnv, ModelCore, OutputComputer } from '../../model/model-types';
import { scoreOf, type CategoryScores, type Prediction } from '../../model/prediction';
import type { Value } from '../../values/value';
import type { XmlElement } from '../../xml/xml-element';
import { compileRuleProgram } from './rule-program';
import { CRITERIA, createRuleSelector } from './rule-selection';
import { readScoreDistribution, typedCategory } from './score-distribution';

interface DefaultPrediction {
  readonly value: Value;
  readonly confidences: CategoryScores | undefined;
  readonly probabilities: CategoryScores | undefined;
}

function readDefault(ruleSet: XmlElement, env: ModelCompileEnv): DefaultPrediction | undefined {
  const text = ruleSet.attr('defaultScore');
  if (text === undefined) return undefined;
  const dataType = env.target?.field.dataType ?? 'string';
  const value = typedCategory(text, dataType, ruleSet.where);
  const confidence = ruleSet.numberAttr('defaultConfidence');
  return {
    value,
    confidences: confidence === undefined ? undefined : { labels: [value], values: [confidence] },
    probabilities: readScoreDistribution(ruleSet, dataType),
  };
}

/**
 * RuleSetModel: the rules that fire (SimpleRules whose predicate and enclosing CompoundRule
 * predicates are all true) are combined by the first RuleSelectionMethod, as JPMML does. When
 * no rule fires, the prediction is the RuleSet's defaultScore with its defaultConfidence, or
 * missing without a defaultScore. The entityId is the winning rule's id; the probabilities are
 * the winning rule's ScoreDistribution. A regression rule set predicts the winning score as a
 * number.
 */
export function compileRuleSetModel(env: ModelCompileEnv): ModelCore {
  const { element, scope, functionName } = env;
  if (functionName !== 'classification' && functionName !== 'regression') {
    throw unsupported(
      `${element.where}: functionName "${functionName}" is not supported for RuleSetModel.`,
    );
  }
  const ruleSet = element.requiredChild('RuleSet');
  const methods = ruleSet.childrenNamed('RuleSelectionMethod');
  if (methods.length === 0) {
    throw invalidPmml(`${ruleSet.where}: at least one RuleSelectionMethod is required.`);
  }
  const criterion = methods[0].enumAttr('criterion', CRITERIA);
  if (!criterion) {
    throw invalidPmml(`${methods[0].where}: the required attribute "criterion" is missing.`);
  }
  const scoreType = env.target?.field.dataType ?? 'string';
  const program = compileRuleProgram(ruleSet, scope, scoreType);
  const select = createRuleSelector(criterion, program);
  const fallback = readDefault(ruleSet, env);
  const fired = new Int32Array(program.rules.length);

  return {
    categories: env.target?.categories.length ? env.target.categories : undefined,
    evaluate(context): Prediction | null {
      const count = program.fire(context, fired);
      if (count === 0) {
        if (!fallback) return null;
        return {
          value: fallback.value,
          confidences: fallback.confidences,
          probabilities: fallback.probabilities,
        };
      }
      const selection = select(fired, count);
      const winner = program.rules[selection.winner];
      return {
        value: winner.score,
        confidences: { labels: selection.labels, values: selection.confidences },
        probabilities: winner.distribution,
        entityId: winner.id,
      };
    },
    outputFeature(field, feature): OutputComputer | undefined {
      if (feature !== 'ruleValue') return undefined;
      return winningRuleValue(field);
    },
  };
}

/** `ruleValue` of a rule set: a feature of the winning rule (the only ranked rule). */
function winningRuleValue(field: XmlElement): OutputComputer {
  const ruleFeature = field.attr('ruleFeature') ?? 'consequent';
  if (field.integerAttr('rank', 1) !== 1 || field.attr('isMultiValued') === '1') {
    throw unsupported(
      `${field.where}: a RuleSetModel ruleValue output has only rank 1 and a single value.`,
    );
  }
  switch (ruleFeature) {
    case 'ruleId':
      return (prediction) => prediction?.entityId ?? null;
    case 'consequent':
      return (prediction) => prediction?.value ?? null;
    case 'confidence':
      return (prediction) =>
        prediction ? scoreOf(prediction.confidences, prediction.value) : null;
    default:
      throw unsupported(
        `${field.where}: ruleFeature "${ruleFeature}" is not supported for a RuleSetModel.`,
      );
  }
}
