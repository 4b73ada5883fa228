import { invalidPmml } from '../../errors';
import type { EvalContext } from '../../fields/eval-context';
import {
  MODEL_ELEMENTS,
  type CompiledModelElement,
  type ModelCompileEnv,
  type ModelCore,
} from '../../model/model-types';
import type { Prediction } from '../../model/prediction';
import { numberArray } from '../../values/parse-array';
import type { XmlElement } from '../../xml/xml-element';

const ALGORITHM_TYPES = ['iforest', 'ocsvm', 'clusterMeanDist', 'other'] as const;

/** H(i) ≈ ln(i) + γ, the approximation of the harmonic number the PMML spec gives. */
const EULER_GAMMA = 0.5772156649;

type AnomalyScore = (context: EvalContext) => number | null;

function wrappedModel(element: XmlElement): XmlElement {
  const models = element.children.filter((child) =>
    (MODEL_ELEMENTS as readonly string[]).includes(child.name),
  );
  if (models.length !== 1) {
    throw invalidPmml(`${element.where}: exactly one model element is required inside.`);
  }
  return models[0];
}

function numericValue(prediction: Prediction | null): number | null {
  const value = prediction?.value;
  return typeof value === 'number' ? value : null;
}

/**
 * Isolation forest: the wrapped model gives the average path length E(h(x)); the score is
 * 2^(−E(h(x)) / c(n)) with c(n) = 2·H(n − 1) − 2(n − 1)/n and n the sampleDataSize.
 */
function isolationForestScore(element: XmlElement, nested: CompiledModelElement): AnomalyScore {
  const size = element.requiredNumberAttr('sampleDataSize');
  if (!(size > 1)) {
    throw invalidPmml(`${element.where}: sampleDataSize must be greater than 1, not ${size}.`);
  }
  const averagePathLength = 2 * (Math.log(size - 1) + EULER_GAMMA) - (2 * (size - 1)) / size;
  return (context) => {
    const pathLength = numericValue(nested.evaluate(context));
    return pathLength === null ? null : Math.pow(2, -(pathLength / averagePathLength));
  };
}

/** Clustering mean distance: the affinity to the winning cluster over that cluster's mean distance. */
function clusterMeanDistanceScore(
  element: XmlElement,
  modelElement: XmlElement,
  nested: CompiledModelElement,
): AnomalyScore {
  if (modelElement.name !== 'ClusteringModel') {
    throw invalidPmml(`${element.where}: algorithmType="clusterMeanDist" wraps a ClusteringModel.`);
  }
  const distancesElement = element.child('MeanClusterDistances');
  if (!distancesElement) {
    throw invalidPmml(
      `${element.where}: algorithmType="clusterMeanDist" needs MeanClusterDistances.`,
    );
  }
  const meanDistances = numberArray(distancesElement.requiredChild('Array'));
  const clusterCount = modelElement.childrenNamed('Cluster').length;
  if (meanDistances.length !== clusterCount) {
    throw invalidPmml(
      `${distancesElement.where}: ${meanDistances.length} mean distances for ${clusterCount} clusters.`,
    );
  }
  return (context) => {
    const prediction = nested.evaluate(context);
    const affinities = prediction?.affinities;
    if (!prediction || !affinities) return null;
    const { labels, values } = affinities;
    for (let index = 0; index < labels.length; index++) {
      if (labels[index] === prediction.entityId) return values[index] / meanDistances[index];
    }
    return null;
  };
}

/**
 * AnomalyDetectionModel (PMML 4.4): wraps one model and turns its prediction into an anomaly
 * score, normalised as the algorithmType says (pmml4s semantics). ocsvm and other pass the
 * wrapped model's value through.
 */
export function compileAnomalyDetectionModel(env: ModelCompileEnv): ModelCore {
  const { element } = env;
  const algorithmType = element.enumAttr('algorithmType', ALGORITHM_TYPES);
  if (!algorithmType) {
    throw invalidPmml(`${element.where}: the attribute "algorithmType" is required.`);
  }
  const modelElement = wrappedModel(element);
  const nested = env.compileNested(modelElement, env.scope);
  let score: AnomalyScore;
  switch (algorithmType) {
    case 'iforest':
      score = isolationForestScore(element, nested);
      break;
    case 'clusterMeanDist':
      score = clusterMeanDistanceScore(element, modelElement, nested);
      break;
    case 'ocsvm':
    case 'other':
      score = (context) => numericValue(nested.evaluate(context));
      break;
  }
  return {
    evaluate(context) {
      const value = score(context);
      return value === null ? null : { value };
    },
  };
}
