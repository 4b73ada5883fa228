import { invalidPmml } from '../../errors';
import type { XmlElement } from '../../xml/xml-element';

export const MULTIPLE_MODEL_METHODS = [
  'majorityVote',
  'weightedMajorityVote',
  'average',
  'weightedAverage',
  'median',
  'weightedMedian',
  'max',
  'sum',
  'weightedSum',
  'selectFirst',
  'selectAll',
  'modelChain',
] as const;
export type MultipleModelMethod = (typeof MULTIPLE_MODEL_METHODS)[number];

const MISSING_PREDICTION_TREATMENTS = ['returnMissing', 'skipSegment', 'continue'] as const;
export type MissingPredictionTreatment = (typeof MISSING_PREDICTION_TREATMENTS)[number];

/** PMML 4.3 spelled two methods with an extension prefix. */
const LEGACY_METHODS: Readonly<Record<string, MultipleModelMethod>> = {
  'x-weightedMedian': 'weightedMedian',
  'x-weightedSum': 'weightedSum',
};

export interface SegmentationOptions {
  readonly method: MultipleModelMethod;
  readonly treatment: MissingPredictionTreatment;
  readonly missingThreshold: number;
}

export function readSegmentationOptions(segmentation: XmlElement): SegmentationOptions {
  const text = segmentation.requiredAttr('multipleModelMethod');
  const method =
    LEGACY_METHODS[text] ?? segmentation.enumAttr('multipleModelMethod', MULTIPLE_MODEL_METHODS);
  if (!method) throw invalidPmml(`${segmentation.where}: multipleModelMethod is missing.`);
  const treatment = segmentation.enumAttr(
    'missingPredictionTreatment',
    MISSING_PREDICTION_TREATMENTS,
    'continue',
  );
  const missingThreshold = segmentation.numberAttr('missingThreshold', 1);
  if (!(missingThreshold >= 0 && missingThreshold <= 1))
    throw invalidPmml(
      `${segmentation.where}: missingThreshold ${missingThreshold} is not in [0, 1].`,
    );
  if (treatment === 'skipSegment' && method === 'modelChain')
    throw invalidPmml(
      `${segmentation.where}: missingPredictionTreatment "skipSegment" cannot be used with modelChain.`,
    );
  return { method, treatment, missingThreshold };
}
