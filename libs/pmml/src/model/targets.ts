import { invalidPmml } from '../errors';
import { parseValueOrText } from '../values/parse-value';
import type { Value } from '../values/value';
import type { XmlElement } from '../xml/xml-element';
import type { MathContext, TargetInfo } from './model-types';
import { bestLabel, type Prediction } from './prediction';

const CAST_INTEGER = ['round', 'ceiling', 'floor'] as const;

/** Targets post-processing of one target field. */
export interface TargetProcessing {
  /** Categories declared by TargetValue elements, in order. */
  readonly categories: readonly Value[];
  displayValue(value: Value): string | undefined;
  /** Rescales, clamps and casts a regression value; for a null prediction, the default or priors. */
  apply(prediction: Prediction | null): Prediction | null;
}

function findTarget(
  targets: XmlElement | undefined,
  target: TargetInfo | undefined,
): XmlElement | undefined {
  if (!targets) return undefined;
  const all = targets.childrenNamed('Target');
  const name = target?.field.name;
  return (
    all.find((element) => element.attr('field') === name) ??
    all.find((element) => !element.has('field'))
  );
}

function roundHalfUp(value: number): number {
  // Java's Math.round: halves go up (towards positive infinity).
  return Math.floor(value + 0.5);
}

export function compileTargetProcessing(
  targetsElement: XmlElement | undefined,
  target: TargetInfo | undefined,
  mathContext: MathContext,
  options: { readonly withoutRescaleConstant?: boolean } = {},
): TargetProcessing {
  const element = findTarget(targetsElement, target);
  const dataType = target?.field.dataType ?? 'double';
  const targetValues = element?.childrenNamed('TargetValue') ?? [];
  const typed = (text: string): Value => parseValueOrText(text, dataType);
  const categories = targetValues
    .filter((tv) => tv.has('value'))
    .map((tv) => typed(tv.attr('value') as string));
  const displays = new Map<Value, string>();
  for (const tv of targetValues) {
    const display = tv.attr('displayValue');
    if (display !== undefined && tv.has('value'))
      displays.set(typed(tv.attr('value') as string), display);
  }
  const priors = targetValues
    .filter((tv) => tv.has('priorProbability'))
    .map((tv) => ({
      label: typed(tv.requiredAttr('value')),
      probability: tv.requiredNumberAttr('priorProbability'),
    }));
  const defaultText = targetValues.find((tv) => tv.has('defaultValue'))?.attr('defaultValue');
  const defaultValue = defaultText === undefined ? null : typed(defaultText);

  const factor = element?.numberAttr('rescaleFactor', 1) ?? 1;
  const constant = options.withoutRescaleConstant
    ? 0
    : (element?.numberAttr('rescaleConstant', 0) ?? 0);
  const min = element?.numberAttr('min');
  const max = element?.numberAttr('max');
  const cast = element?.enumAttr('castInteger', CAST_INTEGER);
  if (min !== undefined && max !== undefined && min > max) {
    throw invalidPmml(`${element?.where}: min ${min} is greater than max ${max}.`);
  }
  const float = mathContext === 'float';
  const rescales =
    factor !== 1 || constant !== 0 || min !== undefined || max !== undefined || cast !== undefined;

  const processNumber = (input: number): number => {
    let value = input;
    if (min !== undefined && value < min) value = min;
    if (max !== undefined && value > max) value = max;
    if (float) {
      value = Math.fround(
        Math.fround(Math.fround(value) * Math.fround(factor)) + Math.fround(constant),
      );
    } else {
      value = value * factor + constant;
    }
    if (cast === 'round') value = roundHalfUp(value);
    else if (cast === 'ceiling') value = Math.ceil(value);
    else if (cast === 'floor') value = Math.floor(value);
    return value;
  };

  const priorScores =
    priors.length > 0
      ? {
          labels: priors.map((prior) => prior.label),
          values: Float64Array.from(priors, (prior) => prior.probability),
        }
      : undefined;

  return {
    categories,
    displayValue: (value) => (value === null ? undefined : displays.get(value)),
    apply: (prediction) => {
      if (prediction === null) {
        if (priorScores) return { value: bestLabel(priorScores), probabilities: priorScores };
        return defaultValue === null ? null : { value: defaultValue };
      }
      if (rescales && typeof prediction.value === 'number')
        prediction.value = processNumber(prediction.value);
      return prediction;
    },
  };
}
