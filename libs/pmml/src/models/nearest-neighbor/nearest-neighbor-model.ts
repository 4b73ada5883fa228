import { invalidPmml, unsupported } from '../../errors';
import type { ModelCompileEnv, ModelCore, TargetInfo } from '../../model/model-types';
import type { Prediction } from '../../model/prediction';
import type { Value } from '../../values/value';
import type { XmlElement } from '../../xml/xml-element';
import { checkReference, compileComparedField } from '../clustering/compared-fields';
import {
  compileMeasure,
  readComparisonMeasure,
  type ComparisonMeasureSpec,
} from '../clustering/comparison-measure';
import { winningEntityFeature } from '../clustering/entity-ranking';
import { selectBest } from './neighbor-selection';
import {
  CATEGORICAL_METHODS,
  CONTINUOUS_METHODS,
  categoricalScorer,
  continuousScorer,
  type TargetScorer,
} from './target-scoring';
import { loadTrainingInstances } from './training-instances';

const RANKED_FEATURES = ['entityId', 'affinity'];
const AFFINITY_FEATURES = ['affinity', 'entityAffinity', 'clusterAffinity'];

/** How many neighbours to rank: k, or more when an OutputField asks for a further rank. */
function rankedCount(element: XmlElement, neighbours: number): number {
  const fields = element.child('Output')?.childrenNamed('OutputField') ?? [];
  let count = neighbours;
  for (const field of fields) {
    if (RANKED_FEATURES.includes(field.attr('feature') ?? '')) {
      count = Math.max(count, field.integerAttr('rank', 1));
    }
  }
  return count;
}

/** Whether an OutputField asks for the affinity of a named instance (value attribute). */
function needsEveryAffinity(element: XmlElement): boolean {
  const fields = element.child('Output')?.childrenNamed('OutputField') ?? [];
  return fields.some(
    (field) => AFFINITY_FEATURES.includes(field.attr('feature') ?? '') && field.has('value'),
  );
}

function targetScorer(
  env: ModelCompileEnv,
  target: TargetInfo,
  column: readonly Value[],
  measure: ComparisonMeasureSpec,
  neighbours: number,
): TargetScorer {
  const { element } = env;
  const threshold = element.numberAttr('threshold', 0.001);
  const where = `${element.where}, target "${target.field.name}"`;
  if (target.field.opType === 'continuous') {
    const method = element.enumAttr('continuousScoringMethod', CONTINUOUS_METHODS, 'average');
    if (method === 'weightedAverage' && measure.kind === 'similarity') {
      throw unsupported(`${element.where}: weightedAverage needs a distance measure.`);
    }
    return continuousScorer(method, column, threshold, neighbours, where);
  }
  const method = element.enumAttr('categoricalScoringMethod', CATEGORICAL_METHODS, 'majorityVote');
  if (method === 'weightedMajorityVote' && measure.kind === 'similarity') {
    throw unsupported(`${element.where}: weightedMajorityVote needs a distance measure.`);
  }
  return categoricalScorer(method, column, threshold, where);
}

/**
 * NearestNeighborModel: ranks the training instances by the ComparisonMeasure over the
 * KNNInputs and predicts each target from the k nearest (ties by row order). The training
 * inputs are encoded once into a flat Float64Array; scoring allocates only the result.
 */
export function compileNearestNeighborModel(env: ModelCompileEnv): ModelCore {
  const { element, scope, targets } = env;
  if (env.mathContext === 'float') {
    throw unsupported(`${element.where}: x-mathContext="float" is not supported for k-NN.`);
  }
  const neighbours = element.integerAttr('numberOfNeighbors');
  if (neighbours === undefined || neighbours < 1) {
    throw invalidPmml(`${element.where}: numberOfNeighbors must be 1 or more.`);
  }
  const instanceIdVariable = element.attr('instanceIdVariable');
  if (targets.length === 0 && instanceIdVariable === undefined) {
    throw invalidPmml(`${element.where}: a k-NN model without targets needs instanceIdVariable.`);
  }
  const measureSpec = readComparisonMeasure(element.requiredChild('ComparisonMeasure'));
  const inputs = element
    .requiredChild('KNNInputs')
    .childrenNamed('KNNInput')
    .map((input) => compileComparedField(input, scope, measureSpec));
  if (inputs.length === 0)
    throw invalidPmml(`${element.where}: at least one KNNInput is required.`);

  const training = element.requiredChild('TrainingInstances');
  const instances = loadTrainingInstances(training, scope, instanceIdVariable, [
    ...inputs.map((input) => input.field),
    ...targets.map((target) => target.field),
  ]);
  const rowCount = instances.rowCount;
  if (rowCount < neighbours) {
    throw invalidPmml(
      `${element.where}: numberOfNeighbors is ${neighbours} but there are ${rowCount} training instances.`,
    );
  }
  const count = inputs.length;
  const references = new Float64Array(rowCount * count);
  inputs.forEach((input, position) => {
    instances.columns[position].forEach((value, row) => {
      const code = input.encoder.reference(value);
      checkReference(code, input, measureSpec, `${training.where}, row ${row + 1}`);
      references[row * count + position] = code;
    });
  });
  const scorers = targets.map((target, index) =>
    targetScorer(env, target, instances.columns[count + index], measureSpec, neighbours),
  );
  const otherTargetNames = targets.slice(1).map((target) => target.field.name);

  const measure = compileMeasure(measureSpec, inputs);
  const slots = Int32Array.from(inputs, (input) => input.field.slot);
  const encoders = inputs.map((input) => input.encoder);
  const { ids } = instances;
  const record = new Float64Array(count);
  const affinities = new Float64Array(rowCount);
  const order = new Int32Array(Math.min(rankedCount(element, neighbours), rowCount));
  const keepEveryAffinity = needsEveryAffinity(element);

  return {
    evaluate(context): Prediction {
      for (let i = 0; i < count; i++) record[i] = encoders[i].encode(context.get(slots[i]));
      const adjustment = measure.adjustment(record);
      for (let row = 0; row < rowCount; row++) {
        affinities[row] = measure.affinity(record, references, row * count, adjustment);
      }
      const ranked = selectBest(affinities, measure.better, order);
      const rankedIds = new Array<Value>(ranked);
      const rankedAffinities = new Array<number>(ranked);
      for (let i = 0; i < ranked; i++) {
        rankedIds[i] = ids[order[i]];
        rankedAffinities[i] = affinities[order[i]];
      }
      const prediction: Prediction = {
        value: scorers.length > 0 ? scorers[0](order, neighbours, affinities) : rankedIds[0],
        entityId: rankedIds[0],
        ranked: { ids: rankedIds, affinities: rankedAffinities },
      };
      if (scorers.length > 1) {
        const others = new Map<string, Value>();
        for (let i = 1; i < scorers.length; i++) {
          others.set(otherTargetNames[i - 1], scorers[i](order, neighbours, affinities));
        }
        prediction.otherTargets = others;
      }
      if (keepEveryAffinity) prediction.affinities = { labels: ids, values: affinities.slice() };
      return prediction;
    },
    outputFeature: (field, feature) =>
      winningEntityFeature(
        field,
        feature,
        (prediction) => prediction.ranked?.affinities[0] ?? null,
      ),
  };
}
