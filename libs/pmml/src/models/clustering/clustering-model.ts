import { invalidPmml, unsupported } from '../../errors';
import type { ModelCompileEnv, ModelCore } from '../../model/model-types';
import type { Prediction } from '../../model/prediction';
import { arrayTokens, numberArray } from '../../values/parse-array';
import type { Value } from '../../values/value';
import type { XmlElement } from '../../xml/xml-element';
import {
  checkReference,
  compileComparedField,
  referenceFromText,
  type ComparedField,
} from './compared-fields';
import {
  compileMeasure,
  readComparisonMeasure,
  type ComparisonMeasureSpec,
} from './comparison-measure';
import { LazyRanking, affinityOfEntity, winningEntityFeature } from './entity-ranking';

const MODEL_CLASSES = ['centerBased', 'distributionBased'] as const;

/** The clusters' identities and centres, as flat arrays. */
interface ClusterTable {
  /** The id attribute, or the 1-based position as text (PMML's implicit id, as JPMML). */
  readonly ids: readonly Value[];
  readonly names: readonly (string | undefined)[];
  /** Centre coordinates, one cluster after another. */
  readonly centres: Float64Array;
}

function readClusters(
  element: XmlElement,
  fields: readonly ComparedField[],
  measure: ComparisonMeasureSpec,
  modelClass: (typeof MODEL_CLASSES)[number],
): ClusterTable {
  const clusters = element.childrenNamed('Cluster');
  if (clusters.length === 0)
    throw invalidPmml(`${element.where}: at least one Cluster is required.`);
  const count = fields.length;
  const centres = new Float64Array(clusters.length * count);
  const ids: string[] = [];
  clusters.forEach((cluster, index) => {
    const array = cluster.child('Array');
    if (!array) {
      if (modelClass === 'distributionBased') {
        throw unsupported(
          `${cluster.where}: a distribution-based cluster without a centre Array has no scoring procedure in PMML.`,
        );
      }
      throw invalidPmml(`${cluster.where}: a center-based Cluster needs its centre Array.`);
    }
    const tokens = arrayTokens(array);
    if (tokens.length !== count) {
      throw invalidPmml(
        `${array.where}: the centre has ${tokens.length} coordinates for ${count} center fields.`,
      );
    }
    tokens.forEach((token, field) => {
      const code = referenceFromText(fields[field], token);
      checkReference(code, fields[field], measure, array.where);
      centres[index * count + field] = code;
    });
    const id = cluster.attr('id') ?? String(index + 1);
    if (ids.includes(id))
      throw invalidPmml(`${cluster.where}: the cluster id "${id}" is used twice.`);
    ids.push(id);
  });
  return { ids, names: clusters.map((cluster) => cluster.attr('name')), centres };
}

function readMissingValueWeights(element: XmlElement, count: number): Float64Array | undefined {
  const weights = element.child('MissingValueWeights');
  if (!weights) return undefined;
  const values = numberArray(weights.requiredChild('Array'));
  if (values.length !== count) {
    throw invalidPmml(`${weights.where}: ${values.length} weights for ${count} center fields.`);
  }
  return values;
}

/**
 * ClusteringModel: the record goes to the cluster whose centre is nearest (distance measures)
 * or most similar (similarity measures); the first cluster wins ties. The prediction is the
 * cluster's id, with every cluster's affinity for the ranking outputs.
 */
export function compileClusteringModel(env: ModelCompileEnv): ModelCore {
  const { element, scope } = env;
  if (env.functionName !== 'clustering') {
    throw unsupported(`${element.where}: a ClusteringModel must have functionName="clustering".`);
  }
  if (element.child('Targets')) {
    throw invalidPmml(`${element.where}: a ClusteringModel has no target, so no Targets.`);
  }
  if (element.child('CenterFields')) {
    throw unsupported(
      `${element.where}: CenterFields (PMML 3) is not supported; mark center fields with ClusteringField isCenterField.`,
    );
  }
  if (env.mathContext === 'float') {
    throw unsupported(`${element.where}: x-mathContext="float" is not supported for clustering.`);
  }
  const modelClass = element.enumAttr('modelClass', MODEL_CLASSES);
  if (!modelClass) throw invalidPmml(`${element.where}: the attribute "modelClass" is required.`);
  const measureSpec = readComparisonMeasure(element.requiredChild('ComparisonMeasure'));
  const clusteringFields = element.childrenNamed('ClusteringField');
  if (clusteringFields.length === 0) {
    throw invalidPmml(`${element.where}: at least one ClusteringField is required.`);
  }
  const fields = clusteringFields
    .filter(
      (field) => field.enumAttr('isCenterField', ['true', 'false'] as const, 'true') === 'true',
    )
    .map((field) => compileComparedField(field, scope, measureSpec));
  if (fields.length === 0) {
    throw invalidPmml(`${element.where}: no ClusteringField is a center field.`);
  }
  const { ids, names, centres } = readClusters(element, fields, measureSpec, modelClass);
  const measure = compileMeasure(
    measureSpec,
    fields,
    readMissingValueWeights(element, fields.length),
  );

  const count = fields.length;
  const clusterCount = ids.length;
  const slots = Int32Array.from(fields, (field) => field.field.slot);
  const encoders = fields.map((field) => field.encoder);
  const record = new Float64Array(count);

  return {
    evaluate(context): Prediction {
      for (let i = 0; i < count; i++) record[i] = encoders[i].encode(context.get(slots[i]));
      const adjustment = measure.adjustment(record);
      const values = new Float64Array(clusterCount);
      let best = 0;
      for (let cluster = 0; cluster < clusterCount; cluster++) {
        values[cluster] = measure.affinity(record, centres, cluster * count, adjustment);
        if (measure.better(values[cluster], values[best])) best = cluster;
      }
      return {
        value: ids[best],
        entityId: ids[best],
        displayValue: names[best],
        affinities: { labels: ids, values },
        ranked: new LazyRanking(ids, values, measure.kind),
      };
    },
    outputFeature(field, feature) {
      // JPMML's display value of a cluster is its name, and nothing when it has none.
      if (feature === 'predictedDisplayValue') {
        return (prediction) => (prediction ? (prediction.displayValue ?? null) : null);
      }
      return winningEntityFeature(field, feature, affinityOfEntity);
    },
  };
}
