import { pmmlDocument } from '../../testing/pmml-document';

/**
 * A regression stump on x: `low` when x <= split, `high` otherwise. The root scores `root`;
 * with the default strategies a missing x predicts nothing.
 */
export function stump(split: number, low: number, high: number, attributes = '', root = 0): string {
  return `<TreeModel functionName="regression" ${attributes}>
    <MiningSchema><MiningField name="x"/></MiningSchema>
    <Node score="${root}"><True/>
      <Node score="${low}"><SimplePredicate field="x" operator="lessOrEqual" value="${split}"/></Node>
      <Node score="${high}"><SimplePredicate field="x" operator="greaterThan" value="${split}"/></Node>
    </Node>
  </TreeModel>`;
}

/** A classification stump on x with the given yes/no record counts on either side. */
export function classStump(split: number, low: [number, number], high: [number, number]): string {
  const node = (score: string, [yes, no]: [number, number], predicate: string): string =>
    `<Node score="${score}">${predicate}
      <ScoreDistribution value="yes" recordCount="${yes}"/>
      <ScoreDistribution value="no" recordCount="${no}"/>
    </Node>`;
  return `<TreeModel functionName="classification">
    <MiningSchema><MiningField name="x"/></MiningSchema>
    <Node score="yes"><True/>
      ${node(low[0] >= low[1] ? 'yes' : 'no', low, `<SimplePredicate field="x" operator="lessOrEqual" value="${split}"/>`)}
      ${node(high[0] >= high[1] ? 'yes' : 'no', high, `<SimplePredicate field="x" operator="greaterThan" value="${split}"/>`)}
    </Node>
  </TreeModel>`;
}

/** A Segment with a predicate (True by default) and optional attributes (id, weight). */
export function segment(model: string, attributes = '', predicate = '<True/>'): string {
  return `<Segment ${attributes}>${predicate}${model}</Segment>`;
}

/** A MiningModel over x (and the string field s) with a target y and the given segments. */
export function miningDocument(options: {
  functionName: 'regression' | 'classification';
  segmentation: string;
  segments: readonly string[];
  output?: string;
  targets?: string;
  attributes?: string;
}): string {
  const target =
    options.functionName === 'classification'
      ? `<DataField name="y" optype="categorical" dataType="string"><Value value="yes"/><Value value="no"/></DataField>`
      : `<DataField name="y" optype="continuous" dataType="double"/>`;
  return pmmlDocument({
    dataDictionary: `${target}
      <DataField name="x" optype="continuous" dataType="double"/>
      <DataField name="s" optype="categorical" dataType="string"/>`,
    model: `<MiningModel functionName="${options.functionName}" ${options.attributes ?? ''}>
      <MiningSchema>
        <MiningField name="y" usageType="target"/><MiningField name="x"/><MiningField name="s"/>
      </MiningSchema>
      ${options.output ? `<Output>${options.output}</Output>` : ''}
      ${options.targets ? `<Targets>${options.targets}</Targets>` : ''}
      <Segmentation ${options.segmentation}>${options.segments.join('')}</Segmentation>
    </MiningModel>`,
  });
}

/** A regression tree that always predicts `value`. */
export function constant(value: number): string {
  return `<TreeModel functionName="regression">
    <MiningSchema/><Node score="${value}"><True/></Node>
  </TreeModel>`;
}
