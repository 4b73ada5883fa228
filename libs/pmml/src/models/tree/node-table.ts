import { invalidPmml, unsupported } from '../../errors';
import type { FieldScope } from '../../fields/field-scope';
import { PREDICATE_ELEMENTS, type CompiledPredicate } from '../../predicates/compile-predicate';
import type { DataType } from '../../values/value';
import type { XmlElement } from '../../xml/xml-element';
import type { OutcomeReader } from './node-outcomes';
import { NodePredicates } from './node-predicates';
import { FeatureRegistry } from './numeric-inputs';

/**
 * A tree's Nodes in flat arrays, numbered in depth-first order (JPMML's implicit node ids are
 * these numbers plus one). Index `count` stands for "no node": the null prediction.
 */
export interface NodeTable {
  readonly count: number;
  /** Per node: its predicate as an OP_* code, operand (feature or closure index) and threshold. */
  readonly op: Uint8Array;
  readonly operand: Int32Array;
  readonly threshold: Float64Array;
  /** The children of node n are `children[childStart[n]]` to `children[childStart[n + 1] - 1]`. */
  readonly childStart: Int32Array;
  readonly children: Int32Array;
  /** The node named by defaultChild, or -1. */
  readonly defaultChild: Int32Array;
  readonly hasScore: Uint8Array;
  /** Node ids as written, when any node has one. */
  readonly ids: readonly (string | undefined)[] | undefined;
  readonly closures: readonly CompiledPredicate[];
  readonly surrogates: readonly (readonly CompiledPredicate[])[];
  /** The slot of each numeric feature the predicates compare, and its field's data type. */
  readonly featureSlots: Int32Array;
  readonly featureTypes: readonly DataType[];
}

const EMBEDDED_MODELS: ReadonlySet<string> = new Set(['Regression', 'DecisionTree']);

class NodeTableReader {
  private readonly predicates: NodePredicates;
  private readonly hasScore: number[] = [];
  private readonly ids: (string | undefined)[] = [];
  private readonly defaultChildIds: (string | undefined)[] = [];
  private readonly childLists: number[][] = [];
  private anyId = false;

  constructor(
    scope: FieldScope,
    private readonly outcomes: OutcomeReader,
    private readonly features: FeatureRegistry,
  ) {
    this.predicates = new NodePredicates(scope, features);
  }

  read(element: XmlElement): number {
    const index = this.hasScore.length;
    let predicate: XmlElement | undefined;
    const scoreDistributions: XmlElement[] = [];
    const childElements: XmlElement[] = [];
    for (const child of element.children) {
      if (child.name === 'Node') childElements.push(child);
      else if (child.name === 'ScoreDistribution') scoreDistributions.push(child);
      else if (predicate === undefined && PREDICATE_ELEMENTS.has(child.name)) predicate = child;
      else if (EMBEDDED_MODELS.has(child.name))
        throw unsupported(`${child.where}: models embedded in tree nodes are not supported.`);
    }
    if (!predicate) throw invalidPmml(`${element.where}: a predicate element is required.`);
    const id = element.attr('id');
    if (id !== undefined) this.anyId = true;
    this.ids.push(id);
    this.hasScore.push(element.has('score') ? 1 : 0);
    this.defaultChildIds.push(element.attr('defaultChild'));
    this.predicates.add(predicate);
    this.outcomes.add(element, scoreDistributions);
    const children: number[] = [];
    this.childLists.push(children);
    for (const child of childElements) children.push(this.read(child));
    return index;
  }

  finish(): NodeTable {
    const count = this.hasScore.length;
    const childStart = new Int32Array(count + 2);
    let total = 0;
    for (let node = 0; node < count; node++) {
      childStart[node] = total;
      total += this.childLists[node].length;
    }
    childStart[count] = total;
    childStart[count + 1] = total;
    const children = new Int32Array(total);
    for (let node = 0; node < count; node++) children.set(this.childLists[node], childStart[node]);
    const { predicates } = this;
    return {
      count,
      op: Uint8Array.from(predicates.ops),
      operand: Int32Array.from(predicates.operands),
      threshold: Float64Array.from(predicates.thresholds),
      childStart,
      children,
      defaultChild: this.resolveDefaultChildren(),
      hasScore: Uint8Array.from(this.hasScore),
      ids: this.anyId ? this.ids : undefined,
      closures: predicates.closures,
      surrogates: predicates.surrogates,
      featureSlots: this.features.slots,
      featureTypes: this.features.types,
    };
  }

  private resolveDefaultChildren(): Int32Array {
    const result = new Int32Array(this.hasScore.length).fill(-1);
    this.defaultChildIds.forEach((wanted, node) => {
      if (wanted === undefined) return;
      const match = this.childLists[node].find((child) => this.ids[child] === wanted);
      // "Only Nodes which are immediate children of the respective Node can be referenced."
      if (match === undefined)
        throw invalidPmml(
          `Node ${this.ids[node] ?? node + 1}: defaultChild "${wanted}" is not one of its children.`,
        );
      result[node] = match;
    });
    return result;
  }
}

/** Reads the Node hierarchy under `root` (the TreeModel's top Node). */
export function readNodeTable(
  root: XmlElement,
  scope: FieldScope,
  outcomes: OutcomeReader,
): NodeTable {
  const reader = new NodeTableReader(scope, outcomes, new FeatureRegistry());
  reader.read(root);
  return reader.finish();
}

/** The entity id of a node: its id attribute, else its 1-based depth-first position. */
export function nodeEntityId(table: NodeTable, node: number): string {
  return table.ids?.[node] ?? String(node + 1);
}
