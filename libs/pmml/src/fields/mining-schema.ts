import { invalidPmml, invalidValue } from '../errors';
import { INVALID, parseValue } from '../values/parse-value';
import { OP_TYPES, type OpType, type Value } from '../values/value';
import type { XmlElement } from '../xml/xml-element';
import {
  INPUT_INVALID,
  INPUT_MISSING,
  InputClassifier,
  type DataFieldDef,
} from './data-dictionary';
import type { Evaluator } from './eval-context';
import type { FieldInfo, FieldScope } from './field-scope';

export const USAGE_TYPES = [
  'active',
  'predicted',
  'target',
  'supplementary',
  'group',
  'order',
  'frequencyWeight',
  'analysisWeight',
] as const;
export type UsageType = (typeof USAGE_TYPES)[number];

const INVALID_TREATMENTS = ['returnInvalid', 'asIs', 'asMissing', 'asValue'] as const;
const MISSING_TREATMENTS = [
  'asIs',
  'asMean',
  'asMode',
  'asMedian',
  'asValue',
  'returnInvalid',
] as const;
const OUTLIER_TREATMENTS = ['asIs', 'asMissingValues', 'asExtremeValues'] as const;

export interface MiningFieldSpec {
  readonly element: XmlElement;
  readonly name: string;
  readonly usageType: UsageType;
  readonly opType?: OpType;
  readonly invalidTreatment: (typeof INVALID_TREATMENTS)[number];
  readonly invalidReplacement?: string;
  readonly missingTreatment: (typeof MISSING_TREATMENTS)[number];
  readonly missingReplacement?: string;
  readonly outliers: (typeof OUTLIER_TREATMENTS)[number];
  readonly lowValue?: number;
  readonly highValue?: number;
}

export function isTargetUsage(usage: UsageType): boolean {
  return usage === 'target' || usage === 'predicted';
}

export function readMiningSchema(model: XmlElement): MiningFieldSpec[] {
  return model
    .requiredChild('MiningSchema')
    .childrenNamed('MiningField')
    .map((element) => ({
      element,
      name: element.requiredAttr('name'),
      usageType: element.enumAttr('usageType', USAGE_TYPES, 'active'),
      opType: element.enumAttr('optype', OP_TYPES),
      invalidTreatment: element.enumAttr(
        'invalidValueTreatment',
        INVALID_TREATMENTS,
        'returnInvalid',
      ),
      invalidReplacement: element.attr('invalidValueReplacement'),
      missingTreatment: element.enumAttr('missingValueTreatment', MISSING_TREATMENTS, 'asIs'),
      missingReplacement: element.attr('missingValueReplacement'),
      outliers: element.enumAttr('outliers', OUTLIER_TREATMENTS, 'asIs'),
      lowValue: element.numberAttr('lowValue'),
      highValue: element.numberAttr('highValue'),
    }));
}

function typedReplacement(
  spec: MiningFieldSpec,
  text: string | undefined,
  field: FieldInfo,
  attribute: string,
): Value {
  if (text === undefined) return null;
  const value = parseValue(text, field.dataType);
  if (value === INVALID) {
    throw invalidPmml(
      `${spec.element.where}: ${attribute} "${text}" is not a valid ${field.dataType}.`,
    );
  }
  return value;
}

function hasTreatment(spec: MiningFieldSpec): boolean {
  return (
    spec.missingReplacement !== undefined ||
    spec.missingTreatment === 'returnInvalid' ||
    (spec.outliers !== 'asIs' && (spec.lowValue !== undefined || spec.highValue !== undefined))
  );
}

/** Applies outlier treatment to a valid value (continuous fields only). */
function outlierTreatment(
  spec: MiningFieldSpec,
): ((value: Value) => Value | typeof INVALID) | undefined {
  if (spec.outliers === 'asIs') return undefined;
  const low = spec.lowValue ?? -Infinity;
  const high = spec.highValue ?? Infinity;
  if (spec.outliers === 'asExtremeValues') {
    return (value) =>
      typeof value === 'number' ? (value < low ? low : value > high ? high : value) : value;
  }
  return (value) => (typeof value === 'number' && (value < low || value > high) ? null : value);
}

/** A top-level input whose plain-number values pass untouched (a float field rounds them). */
export interface PlainNumberInput {
  readonly name: string;
  readonly float: boolean;
}

const plainNumberInputs = new WeakMap<Evaluator, PlainNumberInput>();

/**
 * Whether `evaluator` (a slot's computer) is a top-level input that takes a number that is not
 * NaN as it is, and its field: record readers may then store such values themselves.
 */
export function plainNumberInput(evaluator: Evaluator | undefined): PlainNumberInput | undefined {
  return evaluator && plainNumberInputs.get(evaluator);
}

/**
 * The top-level model's view of a DataField: reads the raw input, classifies it against the
 * field's domain and applies the MiningField's invalid, missing and outlier treatments.
 */
export function compileTopLevelInput(
  spec: MiningFieldSpec,
  dataField: DataFieldDef,
  field: FieldInfo,
): Evaluator {
  const opType = spec.opType ?? dataField.opType;
  const classifier = new InputClassifier(dataField, opType);
  const name = dataField.name;
  const missingReplacement = typedReplacement(
    spec,
    spec.missingReplacement,
    field,
    'missingValueReplacement',
  );
  const invalidReplacement = typedReplacement(
    spec,
    spec.invalidReplacement,
    field,
    'invalidValueReplacement',
  );
  const outliers = opType === 'continuous' ? outlierTreatment(spec) : undefined;
  const missingFails = spec.missingTreatment === 'returnInvalid';
  const { invalidTreatment } = spec;

  const whenMissing = (): Value => {
    if (missingFails)
      throw invalidValue(
        `Field "${name}" is missing and its missingValueTreatment is returnInvalid.`,
      );
    return missingReplacement;
  };

  const treat: Evaluator = (context) => {
    const raw = context.input[name];
    const state = classifier.classify(raw);
    if (state === INPUT_MISSING) return whenMissing();
    if (state === INPUT_INVALID) {
      switch (invalidTreatment) {
        case 'returnInvalid':
          throw invalidValue(`Field "${name}" has the invalid value ${JSON.stringify(raw)}.`);
        case 'asMissing':
          return whenMissing();
        case 'asValue':
          return invalidReplacement;
        case 'asIs':
          return classifier.value;
      }
    }
    const value = classifier.value;
    if (outliers === undefined) return value;
    const treated = outliers(value);
    return treated === null ? whenMissing() : (treated as Value);
  };
  if (!isPlainNumberDomain(dataField, opType) || outliers !== undefined) return treat;
  // Most inputs are plain numbers: they skip classification (NaN still counts as missing).
  const float = dataField.dataType === 'float';
  const evaluator: Evaluator = (context) => {
    const raw = context.input[name];
    if (typeof raw === 'number' && raw === raw) return float ? Math.fround(raw) : raw;
    return treat(context);
  };
  plainNumberInputs.set(evaluator, { name, float });
  return evaluator;
}

/** A double or float field that declares no intervals and no special values. */
function isPlainNumberDomain(field: DataFieldDef, opType: OpType): boolean {
  return (
    (field.dataType === 'double' || field.dataType === 'float') &&
    opType === 'continuous' &&
    field.intervals.length === 0 &&
    field.invalidValues.size === 0 &&
    field.missingValues.size === 0 &&
    field.missingTexts.size === 0
  );
}

/**
 * A nested model's MiningField over a field of the enclosing scope: the same field when no
 * treatment applies, else a new slot that applies the missing-value and outlier treatments.
 */
export function nestedMiningField(
  spec: MiningFieldSpec,
  parent: FieldInfo,
  scope: FieldScope,
): FieldInfo {
  const opType = spec.opType ?? parent.opType;
  if (!hasTreatment(spec)) {
    return opType === parent.opType ? parent : { ...parent, opType };
  }
  const replacement = typedReplacement(
    spec,
    spec.missingReplacement,
    parent,
    'missingValueReplacement',
  );
  const outliers = opType === 'continuous' ? outlierTreatment(spec) : undefined;
  const missingFails = spec.missingTreatment === 'returnInvalid';
  const parentSlot = parent.slot;
  const compute: Evaluator = (context) => {
    let value = context.get(parentSlot);
    if (value !== null && outliers !== undefined) value = outliers(value) as Value;
    if (value !== null) return value;
    if (missingFails)
      throw invalidValue(
        `Field "${spec.name}" is missing and its missingValueTreatment is returnInvalid.`,
      );
    return replacement;
  };
  return { ...parent, opType, origin: 'mining', slot: scope.layout.allocate(compute) };
}
