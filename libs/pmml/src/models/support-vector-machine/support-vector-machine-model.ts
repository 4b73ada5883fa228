import { invalidPmml, unsupported } from '../../errors';
import type { ModelCompileEnv, ModelCore } from '../../model/model-types';
import { compileDecisionFunctions } from './decision-functions';
import { readKernel } from './kernels';
import { compileClassifier } from './svm-classification';
import { compileVectorFields, readVectorInstances } from './vector-dictionary';

/**
 * SupportVectorMachineModel: the record becomes a vector over the VectorFields, every
 * SupportVectorMachine computes Σ αᵢ·K(x, vᵢ) + b, and classification combines those decision
 * values one against all or one against one. A missing vector field gives no prediction.
 */
export function compileSupportVectorMachineModel(env: ModelCompileEnv): ModelCore {
  const { element, scope, functionName } = env;
  if (functionName !== 'classification' && functionName !== 'regression') {
    throw invalidPmml(`${element.where}: functionName must be classification or regression.`);
  }
  if (env.mathContext === 'float') {
    throw unsupported(
      `${element.where}: x-mathContext="float" is not supported for SupportVectorMachineModel.`,
    );
  }
  const dictionary = element.requiredChild('VectorDictionary');
  const fields = compileVectorFields(dictionary, scope, env.expressions);
  const machines = element.childrenNamed('SupportVectorMachine');
  if (machines.length === 0)
    throw invalidPmml(`${element.where}: at least one SupportVectorMachine is required.`);
  const decisionFunctions = compileDecisionFunctions(
    element,
    machines,
    readKernel(element),
    readVectorInstances(dictionary, fields.dimension),
    fields.dimension,
  );
  const input = new Float64Array(fields.dimension);
  const decisions = new Float64Array(machines.length);

  if (functionName === 'regression') {
    if (machines.length !== 1) {
      throw invalidPmml(
        `${element.where}: a regression model needs exactly one SupportVectorMachine.`,
      );
    }
    return {
      evaluate(context) {
        if (!fields.read(context, input)) return null;
        decisionFunctions.evaluate(input, decisions);
        return { value: decisions[0] };
      },
    };
  }

  const { classify, labels } = compileClassifier({
    model: element,
    machines,
    dataType: env.target?.field.dataType ?? 'string',
    targetCategories: env.target?.categories ?? [],
  });
  return {
    categories: labels,
    evaluate(context) {
      if (!fields.read(context, input)) return null;
      decisionFunctions.evaluate(input, decisions);
      return classify(decisions);
    },
  };
}
