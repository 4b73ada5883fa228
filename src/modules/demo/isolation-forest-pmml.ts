import {
  averagePathLength,
  type IsolationForest,
  type IsolationNode,
} from './isolation-forest-trainer';
import { PMML_PROLOGUE, pmmlHeader, pmmlNumber, xmlText } from './pmml-text';

export interface ForestDocumentOptions {
  modelName: string;
  /** The Header description, e.g. the estimator and its parameters. */
  description: string;
}

// Written as JPMML-SkLearn writes an IsolationForest (see ../shared/pmml-bench/README.md):
// a regression MiningModel averaging one TreeModel per tree, whose leaf scores are already
// depth + c(leaf size), and Output expressions that turn the average into scikit-learn's
// decision_function and predict. Unlike JPMML, the inputs are doubles: this trainer splits in
// double precision, where scikit-learn's trees compare float32 inputs.

function outputLines(forest: IsolationForest): string[] {
  const normalizer = averagePathLength(forest.sampleSize);
  return [
    '\t\t<Output>',
    '\t\t\t<OutputField name="rawAnomalyScore" optype="continuous" dataType="double" feature="predictedValue" isFinalResult="false"/>',
    '\t\t\t<OutputField name="normalizedAnomalyScore" optype="continuous" dataType="double" feature="transformedValue" isFinalResult="false">',
    '\t\t\t\t<Apply function="/">',
    '\t\t\t\t\t<FieldRef field="rawAnomalyScore"/>',
    `\t\t\t\t\t<Constant dataType="double">${pmmlNumber(normalizer)}</Constant>`,
    '\t\t\t\t</Apply>',
    '\t\t\t</OutputField>',
    '\t\t\t<OutputField name="decisionFunction" optype="continuous" dataType="double" feature="transformedValue">',
    '\t\t\t\t<Apply function="-">',
    `\t\t\t\t\t<Constant dataType="double">${pmmlNumber(-forest.offset)}</Constant>`,
    '\t\t\t\t\t<Apply function="pow">',
    '\t\t\t\t\t\t<Constant dataType="double">2.0</Constant>',
    '\t\t\t\t\t\t<Apply function="*">',
    '\t\t\t\t\t\t\t<Constant dataType="integer">-1</Constant>',
    '\t\t\t\t\t\t\t<FieldRef field="normalizedAnomalyScore"/>',
    '\t\t\t\t\t\t</Apply>',
    '\t\t\t\t\t</Apply>',
    '\t\t\t\t</Apply>',
    '\t\t\t</OutputField>',
    '\t\t\t<OutputField name="outlier" optype="categorical" dataType="boolean" feature="decision">',
    '\t\t\t\t<Decisions businessProblem="Is this sample an outlier?">',
    '\t\t\t\t\t<Decision value="true" description="Outlier"/>',
    '\t\t\t\t\t<Decision value="false" description="Not outlier"/>',
    '\t\t\t\t</Decisions>',
    '\t\t\t\t<Apply function="lessOrEqual">',
    '\t\t\t\t\t<FieldRef field="decisionFunction"/>',
    '\t\t\t\t\t<Constant dataType="double">0.0</Constant>',
    '\t\t\t\t</Apply>',
    '\t\t\t</OutputField>',
    '\t\t\t<OutputField name="predict(outlier)" optype="categorical" dataType="integer" feature="transformedValue">',
    '\t\t\t\t<Apply function="if">',
    '\t\t\t\t\t<FieldRef field="outlier"/>',
    '\t\t\t\t\t<Constant dataType="integer">-1</Constant>',
    '\t\t\t\t\t<Constant dataType="integer">1</Constant>',
    '\t\t\t\t</Apply>',
    '\t\t\t\t<Value value="-1"/>',
    '\t\t\t\t<Value value="1"/>',
    '\t\t\t</OutputField>',
    '\t\t</Output>',
  ];
}

function usedFeatures(node: IsolationNode, used: Set<number>): Set<number> {
  if (node.kind === 'split') {
    used.add(node.feature);
    usedFeatures(node.left, used);
    usedFeatures(node.right, used);
  }
  return used;
}

/**
 * A tree node the JPMML way (multiSplit): the left branches along the chain of right branches
 * become this node's children, each with its `<=` predicate, tried in order; a record that
 * takes none of them ends in the chain's last right leaf, whose score is this node's own
 * (noTrueChildStrategy="returnLastPrediction").
 */
function nodeLines(
  node: IsolationNode,
  predicate: string,
  features: readonly string[],
  indent: string,
  lines: string[],
): void {
  const lefts: Extract<IsolationNode, { kind: 'split' }>[] = [];
  let last = node;
  while (last.kind === 'split') {
    lefts.push(last);
    last = last.right;
  }
  lines.push(`${indent}<Node score="${pmmlNumber(last.pathLength)}">`, `${indent}\t${predicate}`);
  for (const split of lefts) {
    const field = xmlText(features[split.feature]);
    const condition = `<SimplePredicate field="${field}" operator="lessOrEqual" value="${pmmlNumber(split.threshold)}"/>`;
    nodeLines(split.left, condition, features, `${indent}\t`, lines);
  }
  lines.push(`${indent}</Node>`);
}

function segmentLines(tree: IsolationNode, id: number, features: readonly string[]): string[] {
  const used = [...usedFeatures(tree, new Set())].sort((a, b) => a - b);
  const lines = [
    `\t\t\t<Segment id="${id}">`,
    '\t\t\t\t<True/>',
    '\t\t\t\t<TreeModel functionName="regression" missingValueStrategy="nullPrediction" noTrueChildStrategy="returnLastPrediction" splitCharacteristic="multiSplit">',
    '\t\t\t\t\t<MiningSchema>',
    ...used.map((feature) => `\t\t\t\t\t\t<MiningField name="${xmlText(features[feature])}"/>`),
    '\t\t\t\t\t</MiningSchema>',
  ];
  nodeLines(tree, '<True/>', features, '\t\t\t\t\t', lines);
  lines.push('\t\t\t\t</TreeModel>', '\t\t\t</Segment>');
  return lines;
}

/**
 * The PMML 4.4 document of a trained forest, with the outputs rawAnomalyScore,
 * normalizedAnomalyScore, decisionFunction, outlier and predict(outlier). A missing input
 * takes the training median, as a scikit-learn pipeline with SimpleImputer(median) does.
 */
export function isolationForestPmml(
  forest: IsolationForest,
  options: ForestDocumentOptions,
): string {
  const { features } = forest;
  const lines = [
    ...PMML_PROLOGUE,
    ...pmmlHeader(options.description),
    `\t<DataDictionary numberOfFields="${features.length}">`,
    ...features.map(
      (name) => `\t\t<DataField name="${xmlText(name)}" optype="continuous" dataType="double"/>`,
    ),
    '\t</DataDictionary>',
    `\t<MiningModel modelName="${xmlText(options.modelName)}" functionName="regression" algorithmName="IsolationForest">`,
    '\t\t<MiningSchema>',
    ...features.map(
      (name, index) =>
        `\t\t\t<MiningField name="${xmlText(name)}" missingValueReplacement="${pmmlNumber(forest.medians[index])}" missingValueTreatment="asMedian"/>`,
    ),
    '\t\t</MiningSchema>',
    ...outputLines(forest),
    '\t\t<Segmentation multipleModelMethod="average" missingPredictionTreatment="returnMissing">',
    ...forest.trees.flatMap((tree, index) => segmentLines(tree, index + 1, features)),
    '\t\t</Segmentation>',
    '\t</MiningModel>',
    '</PMML>',
  ];
  return `${lines.join('\n')}\n`;
}
