import { invalidPmml, unsupported } from '../../errors';
import type { EvalContext } from '../../fields/eval-context';
import type { ModelCompileEnv, ModelCore } from '../../model/model-types';
import type { Prediction } from '../../model/prediction';
import type { Value } from '../../values/value';
import { CompiledTree } from './compiled-tree';
import { buildDecisionGraph } from './decision-graph';
import { LabelSet } from './label-set';
import { ClassDistributionsReader, RegressionScores } from './node-outcomes';
import { readNodeTable } from './node-table';
import { MISSING_VALUE_STRATEGIES, NodeWalker, type SplitResolver } from './node-walker';
import { NumericInputs } from './numeric-inputs';
import {
  AggregateNodesResolver,
  VirtualDistribution,
  WeightedConfidenceResolver,
} from './split-resolvers';
import {
  ClassificationTreePredictions,
  RegressionTreePredictions,
  type TreePredictions,
} from './tree-predictions';

const NO_TRUE_CHILD_STRATEGIES = ['returnNullPrediction', 'returnLastPrediction'] as const;
const SPLIT_CHARACTERISTICS = ['binarySplit', 'multiSplit'] as const;

/**
 * A compiled TreeModel. A MiningModel reads `tree` and `predictions` directly to score many
 * trees over inputs it gathers once.
 */
export class TreeModelCore implements ModelCore {
  /** Made at the first evaluation: a tree scored inside a forest never needs its own. */
  private inputs: NumericInputs | undefined;

  constructor(
    readonly tree: CompiledTree,
    readonly predictions: TreePredictions,
    readonly categories: readonly Value[] | undefined,
    /** Whether a walk may end in a made-up distribution (weightedConfidence, aggregateNodes). */
    readonly hasVirtualResults: boolean,
  ) {}

  evaluate(context: EvalContext): Prediction | null {
    const { tree } = this;
    const inputs = (this.inputs ??= new NumericInputs(tree.table.featureSlots));
    inputs.read(context);
    const result = tree.evaluate(inputs.values, inputs.missing, context);
    return this.predictions.predictionFor(result, tree.walker.missingLevels);
  }
}

/**
 * TreeModel: regression and classification trees with every missingValueStrategy and
 * noTrueChildStrategy. Nodes are compiled into flat arrays; see CompiledTree.
 */
export function compileTreeModel(env: ModelCompileEnv): ModelCore {
  const { element, scope, functionName } = env;
  const strategy = element.enumAttr('missingValueStrategy', MISSING_VALUE_STRATEGIES, 'none');
  const noTrueChild = element.enumAttr(
    'noTrueChildStrategy',
    NO_TRUE_CHILD_STRATEGIES,
    'returnNullPrediction',
  );
  element.enumAttr('splitCharacteristic', SPLIT_CHARACTERISTICS);
  const penalty = element.numberAttr('missingValuePenalty', 1);
  if (!(penalty >= 0 && penalty <= 1))
    throw invalidPmml(`${element.where}: missingValuePenalty ${penalty} is not in [0, 1].`);
  const root = element.requiredChild('Node');
  const float = env.mathContext === 'float';
  const returnLast = noTrueChild === 'returnLastPrediction';

  if (functionName === 'regression') {
    const scores = new RegressionScores(float);
    const table = readNodeTable(root, scope, scores);
    const walker = new NodeWalker(table, strategy, returnLast, undefined);
    const tree = new CompiledTree(table, buildDecisionGraph(table, returnLast), walker);
    return new TreeModelCore(
      tree,
      new RegressionTreePredictions(table, scores.finish()),
      undefined,
      false,
    );
  }
  if (functionName !== 'classification') {
    throw unsupported(
      `${element.where}: a TreeModel with functionName "${functionName}" is not supported.`,
    );
  }
  const labels = new LabelSet(env.target?.field.dataType ?? 'string', env.target?.categories);
  const reader = new ClassDistributionsReader(labels, float, strategy === 'aggregateNodes');
  const table = readNodeTable(root, scope, reader);
  const distributions = reader.finish();
  const virtual =
    strategy === 'weightedConfidence' || strategy === 'aggregateNodes'
      ? new VirtualDistribution(labels.size)
      : undefined;
  let resolver: SplitResolver | undefined;
  if (virtual && strategy === 'weightedConfidence')
    resolver = new WeightedConfidenceResolver(distributions, virtual);
  else if (virtual) resolver = new AggregateNodesResolver(distributions, virtual);
  const walker = new NodeWalker(table, strategy, returnLast, resolver);
  const tree = new CompiledTree(table, buildDecisionGraph(table, returnLast), walker);
  return new TreeModelCore(
    tree,
    new ClassificationTreePredictions(table, distributions, penalty, virtual),
    labels.labels,
    resolver !== undefined,
  );
}
