import type { EvalContext } from '../../fields/eval-context';
import type { RuleCatalog } from './rule-catalog';
import type { ItemReader } from './transaction-items';

/** Per rule, whether its antecedent and its consequent itemsets are in the current record. */
export interface RuleMatches {
  readonly antecedent: Uint8Array;
  readonly consequent: Uint8Array;
}

/**
 * Matches the record's items against every rule. The flags are buffers owned by the model and
 * rewritten for each record: the output fields read them right after the model evaluates.
 */
export function createRuleMatcher(
  catalog: RuleCatalog,
  readItems: ItemReader,
): { readonly matches: RuleMatches; match(context: EvalContext): void } {
  const { itemsets, rules } = catalog;
  const active = new Uint8Array(catalog.items.length);
  const itemsetPresent = new Uint8Array(itemsets.length);
  const antecedents = Int32Array.from(rules, (rule) => rule.antecedent);
  const consequents = Int32Array.from(rules, (rule) => rule.consequent);
  const matches = {
    antecedent: new Uint8Array(rules.length),
    consequent: new Uint8Array(rules.length),
  };

  const contains = (itemset: Int32Array): number => {
    for (let index = 0; index < itemset.length; index++) if (!active[itemset[index]]) return 0;
    return 1;
  };

  return {
    matches,
    match(context) {
      active.fill(0);
      readItems(context, active);
      for (let index = 0; index < itemsets.length; index++) {
        itemsetPresent[index] = contains(itemsets[index]);
      }
      for (let rule = 0; rule < antecedents.length; rule++) {
        matches.antecedent[rule] = itemsetPresent[antecedents[rule]];
        matches.consequent[rule] = itemsetPresent[consequents[rule]];
      }
    },
  };
}
