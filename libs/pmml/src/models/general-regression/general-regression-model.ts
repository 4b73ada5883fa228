import { invalidPmml } from '../../errors';
import type { ModelCompileEnv, ModelCore } from '../../model/model-types';
import { compileClassification } from './classification';
import { compileCoxRegression } from './cox-regression';
import { compileLinearRegression } from './linear-regression';
import { readModelParts } from './model-parts';

const MODEL_TYPES = [
  'regression',
  'generalLinear',
  'multinomialLogistic',
  'generalizedLinear',
  'ordinalMultinomial',
  'CoxRegression',
] as const;

/**
 * GeneralRegressionModel: a linear predictor per target category, Σ beta × parameter value,
 * where a parameter's value comes from its PPMatrix row (factor indicators or contrast codes
 * times covariate powers). The modelType decides how predictors become the prediction.
 */
export function compileGeneralRegressionModel(env: ModelCompileEnv): ModelCore {
  const { element, functionName } = env;
  const modelType = element.enumAttr('modelType', MODEL_TYPES);
  if (modelType === undefined)
    throw invalidPmml(`${element.where}: the required attribute "modelType" is missing.`);
  const parts = readModelParts(
    element,
    env.scope,
    env.target?.field.dataType ?? 'string',
    env.mathContext === 'float',
  );
  const classification = functionName === 'classification';
  if (!classification && functionName !== 'regression') {
    throw invalidPmml(`${element.where}: functionName must be regression or classification.`);
  }
  switch (modelType) {
    case 'regression':
    case 'generalLinear':
    case 'CoxRegression':
      if (classification) {
        throw invalidPmml(
          `${element.where}: modelType "${modelType}" cannot have functionName "classification".`,
        );
      }
      return modelType === 'CoxRegression'
        ? compileCoxRegression(parts)
        : compileLinearRegression(parts, false);
    case 'generalizedLinear':
      return classification
        ? compileClassification(parts, modelType, env.target)
        : compileLinearRegression(parts, true);
    case 'multinomialLogistic':
    case 'ordinalMultinomial':
      if (!classification) {
        throw invalidPmml(
          `${element.where}: modelType "${modelType}" needs functionName "classification".`,
        );
      }
      return compileClassification(parts, modelType, env.target);
  }
}
