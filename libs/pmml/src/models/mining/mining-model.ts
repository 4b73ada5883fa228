import { invalidPmml, unsupported } from '../../errors';
import { defineDerivedFields } from '../../model/derived-fields';
import type { ModelCompileEnv, ModelCore } from '../../model/model-types';
import type { XmlElement } from '../../xml/xml-element';
import { LabelSet } from '../tree/label-set';
import { boostingIntercept } from './boosting-intercept';
import { DistributionCombiner, type DistributionMethod } from './combine-distributions';
import type { ValueMethod } from './combine-values';
import { VoteCounter } from './combine-votes';
import { CombiningCore, type Combination, type SegmentSource } from './combining-core';
import { ExposedOutputs } from './exposed-outputs';
import { SegmentResults, type SegmentYield } from './segment-results';
import { SegmentRunner } from './segment-runner';
import {
  readSegmentationOptions,
  type MultipleModelMethod,
  type SegmentationOptions,
} from './segmentation-options';
import { compileSegments, forScoring, type CompiledSegment } from './segments';
import { SequentialCore } from './sequential-core';
import { TreeForest } from './tree-forest';

const VALUE_METHODS: ReadonlySet<MultipleModelMethod> = new Set([
  'average',
  'weightedAverage',
  'median',
  'weightedMedian',
  'sum',
  'weightedSum',
]);
const VOTE_METHODS: ReadonlySet<MultipleModelMethod> = new Set([
  'majorityVote',
  'weightedMajorityVote',
]);
const DISTRIBUTION_METHODS: ReadonlySet<MultipleModelMethod> = new Set([
  'average',
  'weightedAverage',
  'median',
  'max',
]);

/** What each segment must yield for the method, or undefined when the pairing is invalid. */
function yieldFor(functionName: string, method: MultipleModelMethod): SegmentYield | undefined {
  if (functionName === 'regression' && VALUE_METHODS.has(method)) return 'value';
  if (
    (functionName === 'classification' || functionName === 'clustering') &&
    VOTE_METHODS.has(method)
  )
    return 'label';
  if (functionName === 'classification' && DISTRIBUTION_METHODS.has(method)) return 'distribution';
  return undefined;
}

function asksForSegments(element: XmlElement): boolean {
  const output = element.child('Output');
  return !!output?.childrenNamed('OutputField').some((field) => field.has('segmentId'));
}

function combinationFor(
  env: ModelCompileEnv,
  yields: SegmentYield,
  options: SegmentationOptions,
): Combination {
  const { method, treatment, missingThreshold } = options;
  const float = env.mathContext === 'float';
  switch (yields) {
    case 'value':
      return {
        kind: 'value',
        method: method as ValueMethod,
        start: method === 'sum' ? (boostingIntercept(env) ?? 0) : 0,
      };
    case 'label':
      return { kind: 'label', counter: new VoteCounter(treatment, missingThreshold, float) };
    case 'distribution':
      return {
        kind: 'distribution',
        combiner: new DistributionCombiner(
          method as DistributionMethod,
          treatment,
          missingThreshold,
          float,
        ),
      };
  }
}

function compileCombining(
  env: ModelCompileEnv,
  segments: readonly CompiledSegment[],
  options: SegmentationOptions,
  keepPredictions: boolean,
): ModelCore {
  const yields = yieldFor(env.functionName, options.method);
  if (!yields) {
    throw invalidPmml(
      `${env.element.where}: multipleModelMethod "${options.method}" cannot combine ${env.functionName} models.`,
    );
  }
  const labels =
    yields === 'value'
      ? undefined
      : new LabelSet(env.target?.field.dataType ?? 'string', env.target?.categories);
  for (const segment of segments) {
    for (const label of segment.model.core.categories ?? []) labels?.indexOfValue(label);
  }
  const results = new SegmentResults(segments.length);
  // A double sum or average of complete results reads the total only.
  const treeValues =
    env.mathContext === 'float' || (options.method !== 'sum' && options.method !== 'average');
  const forest = keepPredictions
    ? undefined
    : TreeForest.build(segments, yields, labels, treeValues);
  let source: SegmentSource;
  if (forest) {
    segments.forEach((segment, index) => (results.weights[index] = segment.weight));
    source = forest;
  } else {
    source = new SegmentRunner(
      segments.map(forScoring),
      yields,
      labels,
      keepPredictions,
      options.treatment === 'returnMissing',
    );
  }
  return new CombiningCore(
    source,
    results,
    combinationFor(env, yields, options),
    options.treatment,
    options.missingThreshold,
    env.mathContext === 'float',
    labels,
  );
}

/**
 * MiningModel with a Segmentation: every multipleModelMethod, segment predicates and weights,
 * missingPredictionTreatment and missingThreshold, nested segmentations and model chains.
 * Ensembles of plain trees are scored as one TreeForest.
 */
export function compileMiningModel(env: ModelCompileEnv): ModelCore {
  const { element } = env;
  const embedded = element.children.find(
    (child) => child.name === 'Regression' || child.name === 'DecisionTree',
  );
  if (embedded)
    throw unsupported(
      `${embedded.where}: model composition with embedded models is not supported.`,
    );
  const segmentation = element.child('Segmentation');
  if (!segmentation) throw invalidPmml(`${element.where}: the Segmentation element is missing.`);
  const options = readSegmentationOptions(segmentation);
  defineDerivedFields(segmentation.child('LocalTransformations'), env.scope, env.expressions);
  const segments = compileSegments(env, segmentation, options.method === 'modelChain');
  const keepPredictions = asksForSegments(element);
  const { method } = options;
  if (method === 'selectFirst' || method === 'selectAll' || method === 'modelChain') {
    return new SequentialCore(
      method,
      segments.map(forScoring),
      options.treatment,
      env.targets,
      new ExposedOutputs(method, segments, env.scope.layout),
      keepPredictions,
    );
  }
  return compileCombining(env, segments, options, keepPredictions);
}
