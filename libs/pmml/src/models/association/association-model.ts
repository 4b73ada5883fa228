import type { ModelCompileEnv, ModelCore, OutputComputer } from '../../model/model-types';
import type { Prediction } from '../../model/prediction';
import { readMiningSchema } from '../../fields/mining-schema';
import { readRuleCatalog } from './rule-catalog';
import { createRuleMatcher } from './rule-matcher';
import { compileRuleOutput, rankedRulesOf, refuseTargetFeature } from './rule-outputs';
import { compileItemReader } from './transaction-items';

/** Features that read a predicted value, which association rules do not have. */
const TARGET_FEATURES: ReadonlySet<string> = new Set([
  'predictedValue',
  'predictedDisplayValue',
  'probability',
  'residual',
  'standardError',
  'clusterId',
  'clusterAffinity',
  'entityAffinity',
  'affinity',
  'reasonCode',
]);

/**
 * AssociationModel: finds which rules' antecedent and consequent itemsets are in the record's
 * items (see transaction-items.ts for how a transaction is given); the output fields then pick
 * rules by algorithm and rank, as PMML 4.4 and JPMML define. The model predicts no value.
 */
export function compileAssociationModel(env: ModelCompileEnv): ModelCore {
  const { element, scope } = env;
  const catalog = readRuleCatalog(element);
  const readItems = compileItemReader(
    catalog.items,
    readMiningSchema(element),
    scope,
    element.where,
  );
  const matcher = createRuleMatcher(catalog, readItems);
  const rankedRules = rankedRulesOf(catalog);

  return {
    evaluate(context): Prediction {
      matcher.match(context);
      return { value: null };
    },
    outputFeature(field, feature): OutputComputer | undefined {
      if (TARGET_FEATURES.has(feature)) refuseTargetFeature(field, feature);
      return compileRuleOutput(field, feature, catalog, matcher.matches, rankedRules);
    },
  };
}
