import { invalidPmml, unsupported } from '../../errors';
import type { OutputComputer } from '../../model/model-types';
import type { Value } from '../../values/value';
import type { XmlElement } from '../../xml/xml-element';
import { RULE_MEASURES, type RuleCatalog, type RuleMeasure } from './rule-catalog';
import type { RuleMatches } from './rule-matcher';

const ALGORITHMS = ['recommendation', 'exclusiveRecommendation', 'ruleAssociation'] as const;
type Algorithm = (typeof ALGORITHMS)[number];
const RANK_ORDERS = ['descending', 'ascending'] as const;
const RULE_FEATURES = ['antecedent', 'consequent', 'rule', 'ruleId', ...RULE_MEASURES] as const;
type RuleFeature = (typeof RULE_FEATURES)[number];

/** Output features that select a rule; older PMML names a rule feature as the feature itself. */
const FEATURE_RULE_FEATURES: ReadonlyMap<string, RuleFeature | undefined> = new Map([
  ['ruleValue', undefined],
  ['entityId', 'ruleId'],
  ['antecedent', 'antecedent'],
  ['consequent', 'consequent'],
  ['rule', 'rule'],
  ['ruleId', 'ruleId'],
  ['confidence', 'confidence'],
  ['support', 'support'],
  ['lift', 'lift'],
  ['leverage', 'leverage'],
]);

/** Rule indices sorted for a rank basis and order; equal values keep document order. */
export type RankedRules = (basis: RuleMeasure, order: 'descending' | 'ascending') => Int32Array;

export function rankedRulesOf(catalog: RuleCatalog): RankedRules {
  const cache = new Map<string, Int32Array>();
  return (basis, order) => {
    const key = `${basis} ${order}`;
    let ranked = cache.get(key);
    if (!ranked) {
      const values = catalog.rules.map((rule) => rule.measures[basis] as number);
      const sign = order === 'descending' ? -1 : 1;
      ranked = Int32Array.from(
        catalog.rules
          .map((_, index) => index)
          .sort((a, b) => (values[a] < values[b] ? -sign : values[a] > values[b] ? sign : 0)),
      );
      cache.set(key, ranked);
    }
    return ranked;
  };
}

type RawRuleValue = Value | readonly string[];

/**
 * A rule feature's value, as JPMML gives it: `rule` is written `{a,b}->{c}`; the antecedent
 * and consequent are item lists, which this engine's scalar values carry as JSON arrays.
 */
function featureValues(catalog: RuleCatalog, feature: RuleFeature): RawRuleValue[] {
  const itemsOf = (itemset: number): string[] =>
    Array.from(catalog.itemsets[itemset], (item) => catalog.itemValues[item]);
  return catalog.rules.map((rule) => {
    switch (feature) {
      case 'ruleId':
        return rule.id;
      case 'antecedent':
        return itemsOf(rule.antecedent);
      case 'consequent':
        return itemsOf(rule.consequent);
      case 'rule':
        return `{${itemsOf(rule.antecedent).join(',')}}->{${itemsOf(rule.consequent).join(',')}}`;
      default:
        return rule.measures[feature] ?? null;
    }
  });
}

function asValue(raw: RawRuleValue): Value {
  return Array.isArray(raw) ? JSON.stringify(raw) : (raw as Value);
}

/** Whether a rule is selected by an algorithm, from its antecedent and consequent flags. */
function selector(algorithm: Algorithm, matches: RuleMatches): (rule: number) => boolean {
  const { antecedent, consequent } = matches;
  switch (algorithm) {
    case 'recommendation':
      return (rule) => antecedent[rule] === 1;
    case 'exclusiveRecommendation':
      return (rule) => antecedent[rule] === 1 && consequent[rule] === 0;
    case 'ruleAssociation':
      return (rule) => antecedent[rule] === 1 && consequent[rule] === 1;
  }
}

function checkBasis(catalog: RuleCatalog, basis: RuleMeasure, field: XmlElement): void {
  const lacking = catalog.rules.find((rule) => rule.measures[basis] === undefined);
  if (lacking) {
    throw invalidPmml(
      `${field.where}: rankBasis "${basis}" needs the attribute "${basis}" on every AssociationRule; ${lacking.element.where} has none.`,
    );
  }
}

/**
 * An association output field: the rules its `algorithm` selects for the record, ranked by
 * `rankBasis` in `rankOrder` (ties in document order), give the `rank`-th rule's feature; with
 * isMultiValued="1", the features of the first `rank` rules (all for rank 0) as a JSON array.
 * Undefined for features that do not select rules.
 */
export function compileRuleOutput(
  field: XmlElement,
  feature: string,
  catalog: RuleCatalog,
  matches: RuleMatches,
  rankedRules: RankedRules,
): OutputComputer | undefined {
  if (!FEATURE_RULE_FEATURES.has(feature)) return undefined;
  const ruleFeature =
    FEATURE_RULE_FEATURES.get(feature) ??
    field.enumAttr('ruleFeature', RULE_FEATURES, 'consequent');
  const algorithm = field.enumAttr('algorithm', ALGORITHMS, 'exclusiveRecommendation');
  const basis = field.enumAttr('rankBasis', RULE_MEASURES, 'confidence');
  const order = field.enumAttr('rankOrder', RANK_ORDERS, 'descending');
  const multiValued = field.enumAttr('isMultiValued', ['0', '1'] as const, '0') === '1';
  const rank = field.integerAttr('rank', 1);
  if (rank < (multiValued ? 0 : 1)) {
    throw invalidPmml(`${field.where}: rank ${rank} is out of range.`);
  }
  checkBasis(catalog, basis, field);
  const ranked = rankedRules(basis, order);
  const isSelected = selector(algorithm, matches);
  const values = featureValues(catalog, ruleFeature);

  if (!multiValued) {
    const single = values.map(asValue);
    return (prediction) => {
      if (!prediction) return null;
      let seen = 0;
      for (let index = 0; index < ranked.length; index++) {
        const rule = ranked[index];
        if (isSelected(rule) && ++seen === rank) return single[rule];
      }
      return null;
    };
  }
  const limit = rank === 0 ? Infinity : rank;
  return (prediction) => {
    if (!prediction) return null;
    const selected: RawRuleValue[] = [];
    for (let index = 0; index < ranked.length && selected.length < limit; index++) {
      const rule = ranked[index];
      if (isSelected(rule)) selected.push(values[rule]);
    }
    return JSON.stringify(selected);
  };
}

/** Features an association model cannot give: it predicts no target value. */
export function refuseTargetFeature(field: XmlElement, feature: string): never {
  throw unsupported(
    `${field.where}: the output feature "${feature}" is not supported for an AssociationModel (it has no predicted value).`,
  );
}
