import { invalidPmml, unsupported } from '../../errors';
import type { ModelCompileEnv, ModelCore, OutputComputer } from '../../model/model-types';
import type { Prediction } from '../../model/prediction';
import { compileCharacteristics } from './characteristics';
import { compileReasonCodes, type ReasonCodeRanker } from './reason-codes';

/**
 * Scorecard: the score is initialScore plus, for each Characteristic, the partial score of its
 * first Attribute whose predicate is true. A Characteristic without a matching Attribute, or a
 * ComplexPartialScore that is missing, makes the record unscorable (the spec's "invalid
 * value"). Reason codes are ranked only when an output asks for them, so a scorecard without
 * reason codes or baselines scores as long as nobody requests its codes.
 */
export function compileScorecard(env: ModelCompileEnv): ModelCore {
  const { element, scope, expressions } = env;
  if (env.functionName !== 'regression') {
    throw unsupported(
      `${element.where}: functionName "${env.functionName}" is not supported for Scorecard.`,
    );
  }
  const initialScore = element.numberAttr('initialScore', 0);
  const useReasonCodes = element.booleanAttr('useReasonCodes', true);
  const characteristics = compileCharacteristics(element, scope, expressions);
  const count = characteristics.length;
  let reasonCodes: ReasonCodeRanker | undefined;

  return {
    evaluate(context): Prediction {
      const ranker = reasonCodes;
      ranker?.start();
      let score = initialScore;
      for (let index = 0; index < count; index++) {
        const characteristic = characteristics[index];
        const attribute = characteristic.matchingAttribute(context);
        const partialScore = characteristic.partialScore(attribute, context);
        score += partialScore;
        ranker?.add(index, attribute, partialScore);
      }
      return ranker ? { value: score, reasonCodes: ranker.ranking() } : { value: score };
    },
    outputFeature(field, feature): OutputComputer | undefined {
      if (feature !== 'reasonCode') return undefined;
      if (!useReasonCodes) {
        throw invalidPmml(
          `${field.where}: a reasonCode output needs useReasonCodes="true" on the Scorecard.`,
        );
      }
      reasonCodes ??= compileReasonCodes(element, characteristics);
      return undefined;
    },
  };
}
