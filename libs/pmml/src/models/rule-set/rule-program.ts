import { invalidPmml } from '../../errors';
import type { EvalContext } from '../../fields/eval-context';
import type { FieldScope } from '../../fields/field-scope';
import type { CategoryScores } from '../../model/prediction';
import {
  TRUE,
  compilePredicate,
  findPredicate,
  type CompiledPredicate,
} from '../../predicates/compile-predicate';
import type { DataType, Value } from '../../values/value';
import type { XmlElement } from '../../xml/xml-element';
import { readScoreDistribution, typedCategory } from './score-distribution';

/** A SimpleRule as the selection methods need it. */
export interface SimpleRuleInfo {
  /** The entity id: the `id` attribute, else the rule's 1-based position among all SimpleRules. */
  readonly id: string;
  readonly score: Value;
  /** Index of the rule's score text among the distinct score texts of the RuleSet. */
  readonly scoreKey: number;
  readonly confidence: number;
  readonly weight: number;
  readonly distribution: CategoryScores | undefined;
}

/**
 * The rules of a RuleSet flattened in document order. A CompoundRule is a node whose
 * predicate, when not true, skips its whole subtree; a SimpleRule is a node that fires.
 */
export interface RuleProgram {
  readonly rules: readonly SimpleRuleInfo[];
  /** The typed score of each distinct score text, in order of first appearance. */
  readonly scoreKeys: readonly Value[];
  /** Writes the indices of the rules that fire for the record into `fired`; returns their count. */
  fire(context: EvalContext, fired: Int32Array): number;
}

const RULE_ELEMENTS: ReadonlySet<string> = new Set(['SimpleRule', 'CompoundRule']);

interface ProgramBuilder {
  readonly predicates: CompiledPredicate[];
  readonly ruleOfNode: number[];
  readonly nextOnFalse: number[];
  readonly ruleElements: XmlElement[];
}

function addRules(parent: XmlElement, scope: FieldScope, builder: ProgramBuilder): void {
  for (const rule of parent.children) {
    if (!RULE_ELEMENTS.has(rule.name)) continue;
    const node = builder.predicates.length;
    builder.predicates.push(compilePredicate(findPredicate(rule), scope));
    builder.nextOnFalse.push(node + 1);
    if (rule.name === 'SimpleRule') {
      builder.ruleOfNode.push(builder.ruleElements.length);
      builder.ruleElements.push(rule);
      continue;
    }
    builder.ruleOfNode.push(-1);
    if (!rule.children.some((child) => RULE_ELEMENTS.has(child.name))) {
      throw invalidPmml(`${rule.where}: a CompoundRule needs at least one nested rule.`);
    }
    addRules(rule, scope, builder);
    builder.nextOnFalse[node] = builder.predicates.length;
  }
}

function assignIds(elements: readonly XmlElement[]): string[] {
  const ids = elements.map((rule, index) => rule.attr('id') ?? String(index + 1));
  const seen = new Set<string>();
  ids.forEach((id, index) => {
    if (seen.has(id))
      throw invalidPmml(`${elements[index].where}: the rule id "${id}" is used twice.`);
    seen.add(id);
  });
  return ids;
}

export function compileRuleProgram(
  ruleSet: XmlElement,
  scope: FieldScope,
  scoreType: DataType,
): RuleProgram {
  const builder: ProgramBuilder = {
    predicates: [],
    ruleOfNode: [],
    nextOnFalse: [],
    ruleElements: [],
  };
  addRules(ruleSet, scope, builder);
  const ids = assignIds(builder.ruleElements);
  const keyIndex = new Map<string, number>();
  const scoreKeys: Value[] = [];
  const rules = builder.ruleElements.map((element, index): SimpleRuleInfo => {
    const text = element.requiredAttr('score');
    const score = typedCategory(text, scoreType, element.where);
    let scoreKey = keyIndex.get(text);
    if (scoreKey === undefined) {
      scoreKey = scoreKeys.length;
      keyIndex.set(text, scoreKey);
      scoreKeys.push(score);
    }
    return {
      id: ids[index],
      score,
      scoreKey,
      confidence: element.numberAttr('confidence', 1),
      weight: element.numberAttr('weight', 1),
      distribution: readScoreDistribution(element, scoreType),
    };
  });

  const predicates = builder.predicates;
  const ruleOfNode = Int32Array.from(builder.ruleOfNode);
  const nextOnFalse = Int32Array.from(builder.nextOnFalse);
  const nodeCount = predicates.length;
  return {
    rules,
    scoreKeys,
    fire(context, fired) {
      let count = 0;
      let node = 0;
      while (node < nodeCount) {
        if (predicates[node](context) !== TRUE) {
          node = nextOnFalse[node];
          continue;
        }
        const rule = ruleOfNode[node];
        if (rule >= 0) fired[count++] = rule;
        node++;
      }
      return count;
    },
  };
}
