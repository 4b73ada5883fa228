import { invalidPmml, unsupported } from '../errors';
import type { FieldScope } from '../fields/field-scope';
import { parseOptionalValue } from '../values/parse-value';
import { DATA_TYPES, isNumericDataType, type Value } from '../values/value';
import { parseNumberText } from '../xml/xml-element';
import type { XmlElement } from '../xml/xml-element';
import type { CompiledExpression } from './expression-types';

function localName(column: string): string {
  const colon = column.indexOf(':');
  return colon < 0 ? column : column.slice(colon + 1);
}

/** The rows of an InlineTable as column → cell text maps (TableLocator is not supported). */
export function readInlineTable(parent: XmlElement): Map<string, string>[] {
  const table = parent.child('InlineTable');
  if (!table) {
    if (parent.child('TableLocator')) {
      throw unsupported(
        `${parent.where}: TableLocator (an external table) is not supported; use an InlineTable.`,
      );
    }
    throw invalidPmml(`${parent.where}: an InlineTable is required.`);
  }
  return table.childrenNamed('row').map((row) => {
    const cells = new Map<string, string>();
    for (const cell of row.children) cells.set(cell.name, cell.text);
    // PMML 4.4 also allows the cells as attributes of the row.
    for (const [name, value] of row.attributeEntries()) cells.set(localName(name), value);
    return cells;
  });
}

// Key for a lookup row: the inputs' texts joined by a separator that cannot appear in XML text.
const SEPARATOR = '\u0000';

function cellKey(text: string, numeric: boolean): string {
  if (!numeric) return text;
  const number = parseNumberText(text);
  return number === undefined ? text : String(number);
}

/** MapValues: looks the input fields up in an InlineTable and returns the output column. */
export function compileMapValues(element: XmlElement, scope: FieldScope): CompiledExpression {
  const dataType = element.enumAttr('dataType', DATA_TYPES);
  const outputColumn = localName(element.requiredAttr('outputColumn'));
  const pairs = element.childrenNamed('FieldColumnPair').map((pair) => {
    const field = scope.resolve(pair.requiredAttr('field'), pair.where);
    return {
      slot: field.slot,
      column: localName(pair.requiredAttr('column')),
      numeric: isNumericDataType(field.dataType),
    };
  });
  const table = new Map<string, Value>();
  for (const row of readInlineTable(element)) {
    const output = row.get(outputColumn);
    if (output === undefined) continue;
    // Numeric inputs match by value: the cell "1.0" matches the number 1.
    const key = pairs
      .map((pair) => cellKey(row.get(pair.column) ?? '', pair.numeric))
      .join(SEPARATOR);
    if (!table.has(key)) table.set(key, parseOptionalValue(output, dataType));
  }
  const mapMissingTo = parseOptionalValue(element.attr('mapMissingTo'), dataType);
  const defaultValue = parseOptionalValue(element.attr('defaultValue'), dataType);
  const keyText = (value: Value): string => (typeof value === 'string' ? value : String(value));

  return {
    dataType,
    opType: 'categorical',
    evaluate: (context) => {
      let key = '';
      for (let index = 0; index < pairs.length; index++) {
        const value = context.get(pairs[index].slot);
        if (value === null) return mapMissingTo;
        key = index === 0 ? keyText(value) : key + SEPARATOR + keyText(value);
      }
      const found = table.get(key);
      return found === undefined ? defaultValue : found;
    },
  };
}
