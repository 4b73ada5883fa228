import { pmmlDocument } from '../../testing/pmml-document';

/** Test helper: a TreeModel over the given fields; the target `y` is declared for you. */
export function treeDocument(options: {
  functionName?: 'regression' | 'classification';
  attributes?: string;
  dataFields: string;
  miningFields: string;
  nodes: string;
  output?: string;
}): string {
  const classification = options.functionName === 'classification';
  const target = classification
    ? `<DataField name="y" optype="categorical" dataType="string"><Value value="yes"/><Value value="no"/></DataField>`
    : `<DataField name="y" optype="continuous" dataType="double"/>`;
  return pmmlDocument({
    dataDictionary: `${target}${options.dataFields}`,
    model: `<TreeModel functionName="${options.functionName ?? 'regression'}" ${options.attributes ?? ''}>
      <MiningSchema><MiningField name="y" usageType="target"/>${options.miningFields}</MiningSchema>
      ${options.output ? `<Output>${options.output}</Output>` : ''}
      ${options.nodes}
    </TreeModel>`,
  });
}

/** ScoreDistributions with record counts (and confidences equal to the shares). */
export function distribution(yes: number, no: number): string {
  const total = yes + no;
  return `<ScoreDistribution value="yes" recordCount="${yes}" confidence="${yes / total}"/>
    <ScoreDistribution value="no" recordCount="${no}" confidence="${no / total}"/>`;
}

/**
 * A small classification tree: the root (yes 60, no 40) splits on outlook into node 2
 * ("sunny": yes 50, no 20), which splits on temp into node 3 (< 80: yes 45, no 5) and node 4
 * (>= 80: yes 5, no 15), and node 5 (overcast or rain: yes 10, no 20). Default children:
 * 1 → 2 → 3.
 */
export const GOLF_NODES = `
  <Node id="1" score="yes" recordCount="100" defaultChild="2"><True/>${distribution(60, 40)}
    <Node id="2" score="yes" recordCount="70" defaultChild="3">
      <SimplePredicate field="outlook" operator="equal" value="sunny"/>${distribution(50, 20)}
      <Node id="3" score="yes" recordCount="50">
        <SimplePredicate field="temp" operator="lessThan" value="80"/>${distribution(45, 5)}
      </Node>
      <Node id="4" score="no" recordCount="20">
        <SimplePredicate field="temp" operator="greaterOrEqual" value="80"/>${distribution(5, 15)}
      </Node>
    </Node>
    <Node id="5" score="no" recordCount="30">
      <SimpleSetPredicate field="outlook" booleanOperator="isIn">
        <Array type="string">overcast rain</Array>
      </SimpleSetPredicate>${distribution(10, 20)}
    </Node>
  </Node>`;

export const GOLF_FIELDS = `
  <DataField name="outlook" optype="categorical" dataType="string"/>
  <DataField name="temp" optype="continuous" dataType="double"/>`;

export const GOLF_OUTPUTS = `
  <OutputField name="p_yes" feature="probability" value="yes"/>
  <OutputField name="c_yes" feature="confidence" value="yes"/>
  <OutputField name="node" feature="entityId"/>`;

/** The golf tree as a classification TreeModel with the given TreeModel attributes. */
export function golfTree(attributes: string): string {
  return treeDocument({
    functionName: 'classification',
    attributes,
    dataFields: GOLF_FIELDS,
    miningFields: '<MiningField name="outlook"/><MiningField name="temp"/>',
    nodes: GOLF_NODES,
    output: GOLF_OUTPUTS,
  });
}
