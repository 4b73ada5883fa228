import { invalidPmml } from '../errors';
import { INVALID, parseValue } from '../values/parse-value';
import { intervalContains, readInterval, type Interval } from '../values/interval';
import {
  DATA_TYPES,
  OP_TYPES,
  defaultOpType,
  isNumericDataType,
  type DataType,
  type OpType,
  type Value,
} from '../values/value';
import type { XmlElement } from '../xml/xml-element';

export interface DataFieldDef {
  readonly name: string;
  readonly dataType: DataType;
  readonly opType: OpType;
  /** Valid Values in document order (the categories of a categorical field). */
  readonly categories: readonly Value[];
  readonly displayValues: ReadonlyMap<Value, string>;
  readonly intervals: readonly Interval[];
  readonly invalidValues: ReadonlySet<Value>;
  /** Values that mean "missing": typed, and as the raw texts that were declared. */
  readonly missingValues: ReadonlySet<Value>;
  readonly missingTexts: ReadonlySet<string>;
}

export const INPUT_MISSING = 0;
export const INPUT_INVALID = 1;
export const INPUT_VALID = 2;
export type InputState = typeof INPUT_MISSING | typeof INPUT_INVALID | typeof INPUT_VALID;

function readDataField(element: XmlElement): DataFieldDef {
  const name = element.requiredAttr('name');
  const dataType = element.enumAttr('dataType', DATA_TYPES);
  if (!dataType)
    throw invalidPmml(`${element.where}: the required attribute "dataType" is missing.`);
  const opType = element.enumAttr('optype', OP_TYPES) ?? defaultOpType(dataType);
  const categories: Value[] = [];
  const displayValues = new Map<Value, string>();
  const invalidValues = new Set<Value>();
  const missingValues = new Set<Value>();
  const missingTexts = new Set<string>();
  for (const valueElement of element.childrenNamed('Value')) {
    const text = valueElement.requiredAttr('value');
    const parsed = parseValue(isNumericDataType(dataType) ? text.trim() : text, dataType);
    const property = valueElement.enumAttr(
      'property',
      ['valid', 'invalid', 'missing'] as const,
      'valid',
    );
    if (property === 'missing') {
      missingTexts.add(text);
      if (parsed !== INVALID) missingValues.add(parsed);
      continue;
    }
    if (parsed === INVALID) {
      throw invalidPmml(
        `${valueElement.where}: "${text}" is not a valid ${dataType} for field "${name}".`,
      );
    }
    if (property === 'invalid') {
      invalidValues.add(parsed);
      continue;
    }
    categories.push(parsed);
    const display = valueElement.attr('displayValue');
    if (display !== undefined) displayValues.set(parsed, display);
  }
  return {
    name,
    dataType,
    opType,
    categories,
    displayValues,
    intervals: element.childrenNamed('Interval').map(readInterval),
    invalidValues,
    missingValues,
    missingTexts,
  };
}

export function readDataDictionary(pmml: XmlElement): DataFieldDef[] {
  const dictionary = pmml.requiredChild('DataDictionary');
  const fields = dictionary.childrenNamed('DataField').map(readDataField);
  const names = new Set<string>();
  for (const field of fields) {
    if (names.has(field.name))
      throw invalidPmml(`DataDictionary: the field "${field.name}" is defined twice.`);
    names.add(field.name);
  }
  return fields;
}

/**
 * Reads raw inputs against a DataField: empty text and declared missing values are missing;
 * unparsable text, declared invalid values, values outside the valid categories or intervals
 * are invalid. The typed value of the last call is left in `value` (no allocation per call).
 */
export class InputClassifier {
  value: Value = null;
  private readonly missingNaN: boolean;
  private readonly checkCategories: boolean;
  private readonly checkIntervals: boolean;

  constructor(
    private readonly field: DataFieldDef,
    opType: OpType = field.opType,
  ) {
    this.missingNaN = [...field.missingValues].some(
      (value) => typeof value === 'number' && Number.isNaN(value),
    );
    this.checkCategories = opType !== 'continuous' && field.categories.length > 0;
    this.checkIntervals = opType === 'continuous' && field.intervals.length > 0;
  }

  classify(raw: unknown): InputState {
    const field = this.field;
    this.value = null;
    if (raw === null || raw === undefined || raw === '') return INPUT_MISSING;
    if (typeof raw === 'string' && field.missingTexts.size > 0 && field.missingTexts.has(raw))
      return INPUT_MISSING;
    const value = parseValue(raw, field.dataType);
    if (value === INVALID) return INPUT_INVALID;
    if (value === null) return INPUT_MISSING;
    if (typeof value === 'number' && value !== value) {
      if (this.missingNaN) return INPUT_MISSING;
    } else if (field.missingValues.size > 0 && field.missingValues.has(value)) {
      return INPUT_MISSING;
    }
    this.value = value;
    if (field.invalidValues.size > 0 && field.invalidValues.has(value)) return INPUT_INVALID;
    if (
      this.checkIntervals &&
      typeof value === 'number' &&
      !this.inIntervals(value) &&
      !field.categories.includes(value)
    ) {
      return INPUT_INVALID;
    }
    if (this.checkCategories && !field.categories.includes(value)) return INPUT_INVALID;
    return INPUT_VALID;
  }

  private inIntervals(value: number): boolean {
    for (const interval of this.field.intervals) if (intervalContains(interval, value)) return true;
    return false;
  }
}
