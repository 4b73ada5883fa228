import { invalidPmml } from '../errors';
import type { FieldScope } from '../fields/field-scope';
import { valuesEqual } from '../functions/argument-conversions';
import { parseValueOrText } from '../values/parse-value';
import type { XmlElement } from '../xml/xml-element';
import type { CompiledExpression } from './expression-types';

const OUTLIER_TREATMENTS = ['asIs', 'asMissingValues', 'asExtremeValues'] as const;

/**
 * NormContinuous: piecewise linear interpolation between LinearNorm points; outside them the
 * outliers treatment extrapolates (asIs), clamps (asExtremeValues) or gives missing.
 */
export function compileNormContinuous(element: XmlElement, scope: FieldScope): CompiledExpression {
  const field = scope.resolve(element.requiredAttr('field'), element.where);
  const points = element.childrenNamed('LinearNorm').map((norm) => ({
    orig: norm.requiredNumberAttr('orig'),
    norm: norm.requiredNumberAttr('norm'),
  }));
  if (points.length < 2)
    throw invalidPmml(`${element.where}: at least two LinearNorm elements are required.`);
  for (let index = 1; index < points.length; index++) {
    if (points[index].orig <= points[index - 1].orig) {
      throw invalidPmml(`${element.where}: LinearNorm orig values must increase.`);
    }
  }
  const outliers = element.enumAttr('outliers', OUTLIER_TREATMENTS, 'asIs');
  const mapMissingTo = element.numberAttr('mapMissingTo') ?? null;
  const slot = field.slot;
  const origs = Float64Array.from(points, (point) => point.orig);
  const norms = Float64Array.from(points, (point) => point.norm);
  const last = points.length - 1;
  const segment = (x: number, index: number): number =>
    norms[index] +
    ((x - origs[index]) / (origs[index + 1] - origs[index])) * (norms[index + 1] - norms[index]);

  return {
    dataType: 'double',
    opType: 'continuous',
    evaluate: (context) => {
      const raw = context.get(slot);
      if (raw === null) return mapMissingTo;
      const x = typeof raw === 'number' ? raw : Number(raw);
      if (Number.isNaN(x)) return mapMissingTo;
      if (x < origs[0] || x > origs[last]) {
        if (outliers === 'asMissingValues') return null;
        if (outliers === 'asExtremeValues') return x < origs[0] ? norms[0] : norms[last];
        return x < origs[0] ? segment(x, 0) : segment(x, last - 1);
      }
      let index = 0;
      while (index < last - 1 && x > origs[index + 1]) index++;
      return segment(x, index);
    },
  };
}

/** NormDiscrete: 1 when the field equals the value, else 0; missing gives mapMissingTo. */
export function compileNormDiscrete(element: XmlElement, scope: FieldScope): CompiledExpression {
  const field = scope.resolve(element.requiredAttr('field'), element.where);
  const text = element.requiredAttr('value');
  const target = parseValueOrText(text, field.dataType);
  const mapMissingTo = element.numberAttr('mapMissingTo') ?? null;
  const slot = field.slot;
  return {
    dataType: 'double',
    opType: 'continuous',
    evaluate: (context) => {
      const value = context.get(slot);
      if (value === null) return mapMissingTo;
      return value === target || valuesEqual(value, target) ? 1 : 0;
    },
  };
}
