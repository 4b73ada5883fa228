import { invalidPmml } from '../errors';
import type { FieldScope } from '../fields/field-scope';
import { INVALID, parseValue } from '../values/parse-value';
import { DATA_TYPES, type DataType, type Value } from '../values/value';
import { parseNumberText, type XmlElement } from '../xml/xml-element';
import type { CompiledExpression } from './expression-types';
import type { FunctionTable } from './function-table';

const INTEGER_TEXT = /^[+-]?\d+$/;

/**
 * The typed value of a Constant. Without a dataType, text that reads as a number is one:
 * an integer when written without a point or exponent ("2"), else a double ("2.0"), as JPMML
 * types it (it matters for integer division). Empty content is an empty string, or missing
 * for a non-string dataType.
 */
export function constantValue(element: XmlElement): { value: Value; dataType?: DataType } {
  if (element.booleanAttr('missing', false)) return { value: null };
  const dataType = element.enumAttr('dataType', DATA_TYPES);
  const text = element.text;
  if (dataType) {
    if (dataType !== 'string' && text.trim() === '') return { value: null, dataType };
    const value = parseValue(dataType === 'string' ? text : text.trim(), dataType);
    if (value === INVALID) {
      throw invalidPmml(`${element.where}: "${text}" is not a valid ${dataType}.`);
    }
    return { value, dataType };
  }
  const number = text.trim() === '' ? undefined : parseNumberText(text);
  if (number !== undefined)
    return { value: number, dataType: INTEGER_TEXT.test(text.trim()) ? 'integer' : 'double' };
  return { value: text, dataType: 'string' };
}

/**
 * SAS Enterprise Miner writes `<Constant>FMTWIDTH</Constant>` inside DefineFunction bodies
 * where it means the ParameterField FMTWIDTH. Inside a body, an untyped Constant whose text is
 * exactly a parameter's name is therefore read as a FieldRef to that parameter (JPMML's SAS
 * tests apply the same correction before scoring).
 */
function sasParameterReference(
  element: XmlElement,
  scope: FieldScope | undefined,
  functions: FunctionTable | undefined,
): CompiledExpression | undefined {
  if (!scope || !functions?.isCompilingFunctionBody()) return undefined;
  if (element.has('dataType') || element.has('missing')) return undefined;
  if (!functions.isParameterOfFunctionBody(element.text)) return undefined;
  const parameter = scope.resolve(element.text, element.where);
  const slot = parameter.slot;
  return {
    evaluate: (context) => context.get(slot),
    dataType: parameter.dataType,
    opType: parameter.opType,
  };
}

export function compileConstant(
  element: XmlElement,
  scope?: FieldScope,
  functions?: FunctionTable,
): CompiledExpression {
  const parameter = sasParameterReference(element, scope, functions);
  if (parameter) return parameter;
  const { value, dataType } = constantValue(element);
  return { evaluate: () => value, dataType, constant: { value } };
}
