import { invalidPmml } from '../../errors';
import type { FieldScope } from '../../fields/field-scope';
import type { DataType, Value } from '../../values/value';
import type { XmlElement } from '../../xml/xml-element';
import { compileParameterRows, type ParameterRows, type Rounding } from './parameter-rows';
import {
  findGroup,
  groupByTargetCategory,
  type TargetCategoryGroup,
} from './target-category-groups';

/** What every GeneralRegressionModel flavour reads: the PPMatrix rows and the ParamMatrix cells. */
export interface ModelParts {
  readonly model: XmlElement;
  readonly scope: FieldScope;
  /** Math.fround under x-mathContext="float", else the identity. */
  readonly round: Rounding;
  readonly rowGroups: readonly TargetCategoryGroup<ParameterRows>[];
  readonly cellGroups: readonly TargetCategoryGroup<XmlElement[]>[];
}

const identity: Rounding = (value) => value;

export function readModelParts(
  model: XmlElement,
  scope: FieldScope,
  targetType: DataType,
  float: boolean,
): ModelParts {
  const round = float ? Math.fround : identity;
  const paramMatrix = model.requiredChild('ParamMatrix');
  model.requiredChild('ParameterList');
  return {
    model,
    scope,
    round,
    rowGroups: compileParameterRows(model, scope, targetType, round),
    cellGroups: groupByTargetCategory(paramMatrix.childrenNamed('PCell'), targetType),
  };
}

const NO_ROWS: ParameterRows = new Map();

/** The PPMatrix rows of a target category: its own cells, else those without targetCategory. */
export function rowsFor(parts: ModelParts, category: Value): ParameterRows {
  if (parts.rowGroups.length === 0) return NO_ROWS;
  const group =
    (category === null ? undefined : findGroup(parts.rowGroups, category)) ??
    findGroup(parts.rowGroups, null);
  if (!group) {
    throw invalidPmml(
      `${parts.model.where}: the PPMatrix has no cells for target category "${String(category)}" and none without targetCategory.`,
    );
  }
  return group.items;
}

/** The PCells of a model with one parameter vector: all of them, none with a targetCategory. */
export function singleParameterVector(parts: ModelParts): XmlElement[] {
  const [group, ...others] = parts.cellGroups;
  if (!group || group.category !== null || others.length > 0) {
    throw invalidPmml(
      `${parts.model.where}: the ParamMatrix must hold PCells without targetCategory only, and at least one.`,
    );
  }
  return group.items;
}
