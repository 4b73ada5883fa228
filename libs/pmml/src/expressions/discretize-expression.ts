import type { FieldScope } from '../fields/field-scope';
import { parseOptionalValue } from '../values/parse-value';
import { intervalContains, readInterval } from '../values/interval';
import { DATA_TYPES } from '../values/value';
import type { XmlElement } from '../xml/xml-element';
import type { CompiledExpression } from './expression-types';

/** Discretize: the binValue of the first bin whose interval holds the value. */
export function compileDiscretize(element: XmlElement, scope: FieldScope): CompiledExpression {
  const field = scope.resolve(element.requiredAttr('field'), element.where);
  const dataType = element.enumAttr('dataType', DATA_TYPES);
  const bins = element.childrenNamed('DiscretizeBin').map((bin) => ({
    interval: readInterval(bin.requiredChild('Interval')),
    value: parseOptionalValue(bin.requiredAttr('binValue'), dataType),
  }));
  const mapMissingTo = parseOptionalValue(element.attr('mapMissingTo'), dataType);
  const defaultValue = parseOptionalValue(element.attr('defaultValue'), dataType);
  const slot = field.slot;
  return {
    dataType: dataType ?? 'string',
    opType: 'categorical',
    evaluate: (context) => {
      const raw = context.get(slot);
      if (raw === null) return mapMissingTo;
      const x = typeof raw === 'number' ? raw : Number(raw);
      for (const bin of bins) if (intervalContains(bin.interval, x)) return bin.value;
      return defaultValue;
    },
  };
}
