import { valuesEqual } from '../../functions/argument-conversions';
import { parseValueOrText } from '../../values/parse-value';
import type { DataType, Value } from '../../values/value';
import type { XmlElement } from '../../xml/xml-element';

/** Cells (PPCell, PCell) that share a targetCategory; `category` is null for cells without one. */
export interface TargetCategoryGroup<T> {
  readonly category: Value;
  readonly items: T;
}

/** Groups cells by their targetCategory attribute, in order of first appearance. */
export function groupByTargetCategory(
  cells: readonly XmlElement[],
  targetType: DataType,
): TargetCategoryGroup<XmlElement[]>[] {
  const groups: TargetCategoryGroup<XmlElement[]>[] = [];
  for (const cell of cells) {
    const text = cell.attr('targetCategory');
    const category = text === undefined ? null : parseValueOrText(text, targetType);
    let group = findGroup(groups, category);
    if (!group) {
      group = { category, items: [] };
      groups.push(group);
    }
    group.items.push(cell);
  }
  return groups;
}

/** The group of a category (null: the group of cells without targetCategory). */
export function findGroup<T>(
  groups: readonly TargetCategoryGroup<T>[],
  category: Value,
): TargetCategoryGroup<T> | undefined {
  if (category === null) return groups.find((group) => group.category === null);
  return groups.find((group) => group.category !== null && valuesEqual(group.category, category));
}
