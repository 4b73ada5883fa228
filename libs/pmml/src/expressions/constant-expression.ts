import { invalidPmml } from '../errors';
import { INVALID, parseValue } from '../values/parse-value';
import { DATA_TYPES, type DataType, type Value } from '../values/value';
import { parseNumberText, type XmlElement } from '../xml/xml-element';
import type { CompiledExpression } from './expression-types';

/** The typed value of a Constant element; numbers when no dataType is given and it reads as one. */
export function constantValue(element: XmlElement): { value: Value; dataType?: DataType } {
  if (element.booleanAttr('missing', false)) return { value: null };
  const dataType = element.enumAttr('dataType', DATA_TYPES);
  const text = element.text;
  if (dataType) {
    const value = parseValue(dataType === 'string' ? text : text.trim(), dataType);
    if (value === INVALID) {
      throw invalidPmml(`${element.where}: "${text}" is not a valid ${dataType}.`);
    }
    return { value, dataType };
  }
  const number = text.trim() === '' ? undefined : parseNumberText(text);
  if (number !== undefined)
    return { value: number, dataType: Number.isInteger(number) ? 'integer' : 'double' };
  return { value: text, dataType: 'string' };
}

export function compileConstant(element: XmlElement): CompiledExpression {
  const { value, dataType } = constantValue(element);
  return { evaluate: () => value, dataType };
}
