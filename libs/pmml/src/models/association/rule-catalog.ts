import { invalidPmml } from '../../errors';
import type { XmlElement } from '../../xml/xml-element';

export const RULE_MEASURES = ['support', 'confidence', 'lift', 'leverage', 'affinity'] as const;
export type RuleMeasure = (typeof RULE_MEASURES)[number];

export interface AssociationRuleInfo {
  readonly element: XmlElement;
  /** The entity id: the `id` attribute, else the rule's 1-based position. */
  readonly id: string;
  readonly antecedent: number;
  readonly consequent: number;
  readonly measures: Readonly<Record<RuleMeasure, number | undefined>>;
}

/** Items, Itemsets and AssociationRules of a model, with references resolved to indices. */
export interface RuleCatalog {
  readonly items: readonly XmlElement[];
  readonly itemValues: readonly string[];
  /** The item indices of each Itemset, in the order of its ItemRefs. */
  readonly itemsets: readonly Int32Array[];
  readonly rules: readonly AssociationRuleInfo[];
}

function indexById(elements: readonly XmlElement[], kind: string): Map<string, number> {
  const index = new Map<string, number>();
  elements.forEach((element, position) => {
    const id = element.requiredAttr('id');
    if (index.has(id)) throw invalidPmml(`${element.where}: the ${kind} id "${id}" is used twice.`);
    index.set(id, position);
  });
  return index;
}

function reference(index: Map<string, number>, element: XmlElement, attribute: string): number {
  const id = element.requiredAttr(attribute);
  const position = index.get(id);
  if (position === undefined) {
    throw invalidPmml(`${element.where}: ${attribute} "${id}" refers to nothing defined.`);
  }
  return position;
}

export function readRuleCatalog(model: XmlElement): RuleCatalog {
  const items = model.childrenNamed('Item');
  const itemIndex = indexById(items, 'Item');
  const itemsetElements = model.childrenNamed('Itemset');
  const itemsetIndex = indexById(itemsetElements, 'Itemset');
  const itemsets = itemsetElements.map((itemset) =>
    Int32Array.from(itemset.childrenNamed('ItemRef'), (ref) =>
      reference(itemIndex, ref, 'itemRef'),
    ),
  );
  const ruleElements = model.childrenNamed('AssociationRule');
  const ids = new Set<string>();
  const rules = ruleElements.map((element, position): AssociationRuleInfo => {
    const id = element.attr('id') ?? String(position + 1);
    if (ids.has(id)) throw invalidPmml(`${element.where}: the rule id "${id}" is used twice.`);
    ids.add(id);
    return {
      element,
      id,
      antecedent: reference(itemsetIndex, element, 'antecedent'),
      consequent: reference(itemsetIndex, element, 'consequent'),
      measures: {
        support: element.requiredNumberAttr('support'),
        confidence: element.requiredNumberAttr('confidence'),
        lift: element.numberAttr('lift'),
        leverage: element.numberAttr('leverage'),
        affinity: element.numberAttr('affinity'),
      },
    };
  });
  return {
    items,
    itemValues: items.map((item) => item.requiredAttr('value')),
    itemsets,
    rules,
  };
}
