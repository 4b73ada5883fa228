import { evaluationError, invalidPmml, unsupported } from '../../errors';
import type { EvalContext } from '../../fields/eval-context';
import type { FieldInfo, FieldScope } from '../../fields/field-scope';
import type { MiningFieldSpec } from '../../fields/mining-schema';
import { valuesEqual } from '../../functions/argument-conversions';
import { INVALID, parseValue, parseValueOrText } from '../../values/parse-value';
import type { Value } from '../../values/value';
import type { XmlElement } from '../../xml/xml-element';

/** Marks in `active` (one flag per Item, in document order) the items of the current record. */
export type ItemReader = (context: EvalContext, active: Uint8Array) => void;

function typedItem(text: string, field: FieldInfo): Value {
  return parseValueOrText(text, field.dataType);
}

function isEmpty(raw: unknown): boolean {
  return raw === null || raw === undefined || raw === '';
}

/**
 * Transactional data (one `group` field, one active field): the active field carries the
 * record's whole basket. `score(record)` takes it as an array of items in the raw record,
 * e.g. `{ transaction: 'T1', item: ['beer', 'wine'] }` (the CLI groups the CSV rows of a
 * transaction into such a record); a single value is a one-item basket and a missing value an
 * empty one. Items are matched by value in the field's data type; unknown items are ignored.
 * The field's slot is redefined so that reading an array as the field's value does not fail:
 * a basket has no single value, so the slot holds null for an array.
 */
function transactionalReader(
  items: readonly XmlElement[],
  activeSpec: MiningFieldSpec,
  scope: FieldScope,
): ItemReader {
  const field = scope.resolve(activeSpec.name, activeSpec.element.where);
  const itemsByValue = new Map<Value, number[]>();
  items.forEach((item, index) => {
    const fieldName = item.attr('field');
    if (fieldName !== undefined && fieldName !== field.name) {
      throw unsupported(
        `${item.where}: with a group field, items must come from the active field "${field.name}", not "${fieldName}".`,
      );
    }
    const text =
      fieldName === undefined ? item.requiredAttr('value') : item.requiredAttr('category');
    const key = typedItem(text, field);
    const sharing = itemsByValue.get(key);
    if (sharing) sharing.push(index);
    else itemsByValue.set(key, [index]);
  });

  const { name, slot, dataType } = field;
  scope.layout.define(slot, (context) => {
    const raw = context.input[name];
    if (Array.isArray(raw) || isEmpty(raw)) return null;
    const value = parseValue(raw, dataType);
    return value === INVALID ? null : value;
  });

  const mark = (value: Value, active: Uint8Array): void => {
    const matching = itemsByValue.get(value);
    if (matching) for (const index of matching) active[index] = 1;
  };
  return (context, active) => {
    const raw = context.input[name];
    if (!Array.isArray(raw)) {
      const value = context.get(slot);
      if (value !== null) mark(value, active);
      return;
    }
    for (const element of raw as unknown[]) {
      if (isEmpty(element)) continue;
      const value = parseValue(element, dataType);
      if (value !== INVALID && value !== null) mark(value, active);
    }
  };
}

/** Whether a true/false item field holds true, as JPMML reads it (T/F, true/false). */
function flagValue(value: Value, fieldName: string): boolean {
  if (value === true || value === 'T' || value === 'true' || value === 1) return true;
  if (value === false || value === 'F' || value === 'false' || value === 0) return false;
  throw evaluationError(
    `Field "${fieldName}" is an item flag; expected T, F, true or false, got ${JSON.stringify(value)}.`,
  );
}

type ItemTest = (context: EvalContext) => boolean;

/**
 * Categorical data (no group field): each Item is a field of the record, either a true/false
 * field named by its value, or a field and category (`field`/`category` attributes, or a value
 * written `field=category`).
 */
function itemTest(item: XmlElement, scope: FieldScope): ItemTest {
  const value = item.requiredAttr('value');
  let fieldName = item.attr('field');
  let category = item.attr('category');
  if (fieldName === undefined) {
    const separator = value.indexOf('=');
    if (scope.lookup(value)) {
      fieldName = value;
    } else if (separator > 0 && scope.lookup(value.slice(0, separator))) {
      fieldName = value.slice(0, separator);
      category = value.slice(separator + 1);
    } else {
      throw invalidPmml(`${item.where}: the item "${value}" names no field of the model.`);
    }
  } else if (category === undefined) {
    throw invalidPmml(`${item.where}: an Item with a field attribute needs a category.`);
  }
  const field = scope.resolve(fieldName, item.where);
  const slot = field.slot;
  const name = field.name;
  if (category === undefined) {
    return (context) => {
      const current = context.get(slot);
      return current !== null && flagValue(current, name);
    };
  }
  const expected = typedItem(category, field);
  return (context) => valuesEqual(context.get(slot), expected);
}

function categoricalReader(items: readonly XmlElement[], scope: FieldScope): ItemReader {
  const tests = items.map((item) => itemTest(item, scope));
  const count = tests.length;
  return (context, active) => {
    for (let index = 0; index < count; index++) if (tests[index](context)) active[index] = 1;
  };
}

export function compileItemReader(
  items: readonly XmlElement[],
  miningFields: readonly MiningFieldSpec[],
  scope: FieldScope,
  where: string,
): ItemReader {
  const groups = miningFields.filter((spec) => spec.usageType === 'group');
  const actives = miningFields.filter((spec) => spec.usageType === 'active');
  if (groups.length > 1) {
    throw unsupported(`${where}: an AssociationModel with more than one group field.`);
  }
  if (groups.length === 0) {
    if (actives.length === 0) throw invalidPmml(`${where}: the model has no active field.`);
    return categoricalReader(items, scope);
  }
  if (actives.length !== 1) {
    throw invalidPmml(
      `${where}: with a group field, exactly one active field holds the items (found ${actives.length}).`,
    );
  }
  return transactionalReader(items, actives[0], scope);
}
