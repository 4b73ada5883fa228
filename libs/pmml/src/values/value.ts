/**
 * A field value while scoring. Numbers carry integer, float, double and every temporal type
 * (as counts of days or seconds); `null` is a missing value.
 */
export type Value = number | string | boolean | null;

export const DATA_TYPES = [
  'string',
  'integer',
  'float',
  'double',
  'boolean',
  'date',
  'time',
  'dateTime',
  'dateDaysSince[0]',
  'dateDaysSince[1960]',
  'dateDaysSince[1970]',
  'dateDaysSince[1980]',
  'timeSeconds',
  'dateTimeSecondsSince[0]',
  'dateTimeSecondsSince[1960]',
  'dateTimeSecondsSince[1970]',
  'dateTimeSecondsSince[1980]',
] as const;
export type DataType = (typeof DATA_TYPES)[number];

export const OP_TYPES = ['categorical', 'ordinal', 'continuous'] as const;
export type OpType = (typeof OP_TYPES)[number];

export function isNumericDataType(dataType: DataType): boolean {
  return dataType !== 'string' && dataType !== 'boolean';
}

/** The optype PMML implies when none is given. */
export function defaultOpType(dataType: DataType): OpType {
  switch (dataType) {
    case 'string':
    case 'boolean':
      return 'categorical';
    default:
      return 'continuous';
  }
}
