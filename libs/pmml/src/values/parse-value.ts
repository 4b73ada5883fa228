import { parseNumberText } from '../xml/xml-element';
import {
  epochDays,
  epochSeconds,
  epochYearOf,
  parseDateDays,
  parseDateTimeSeconds,
  parseTimeSeconds,
} from './temporal';
import type { DataType, Value } from './value';

/** Marks a value that cannot be read as the field's data type. */
export const INVALID: unique symbol = Symbol('invalid');
export type Parsed = Value | typeof INVALID;

function parseBoolean(raw: string): Parsed {
  switch (raw.trim().toLowerCase()) {
    case 'true':
    case '1':
      return true;
    case 'false':
    case '0':
      return false;
    default:
      return INVALID;
  }
}

const HAS_DIGIT = /\d/;

// Number() is the fast path; it also reads hex and binary literals and blanks as 0, which
// PMML does not, so those fall through to the strict reader.
function numberFromText(text: string): number | undefined {
  const fast = +text;
  if (
    fast === fast &&
    fast !== 0 &&
    text.charCodeAt(1) !== 120 &&
    text.charCodeAt(1) !== 98 &&
    text.charCodeAt(1) !== 111
  ) {
    return fast;
  }
  if (fast === 0 && HAS_DIGIT.test(text) && !/^\s*0[xbo]/i.test(text)) return fast;
  return parseNumberText(text);
}

function numberFrom(raw: unknown): number | undefined {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'string') return numberFromText(raw);
  if (typeof raw === 'boolean') return raw ? 1 : 0;
  return undefined;
}

function temporalFrom(
  raw: unknown,
  parse: (text: string) => number | undefined,
  shift: number,
): Parsed {
  if (typeof raw === 'number') return raw;
  if (typeof raw !== 'string') return INVALID;
  const value = parse(raw);
  return value === undefined ? INVALID : value - shift;
}

/**
 * Reads a raw input (JSON value or CSV text) as a value of `dataType`. Null and undefined are
 * missing; the caller decides whether an empty string is.
 */
export function parseValue(raw: unknown, dataType: DataType): Parsed {
  if (raw === null || raw === undefined) return null;
  switch (dataType) {
    case 'string':
      if (typeof raw === 'string') return raw;
      if (typeof raw === 'number') return String(raw);
      if (typeof raw === 'boolean') return String(raw);
      return INVALID;
    case 'double': {
      const value = numberFrom(raw);
      return value === undefined ? INVALID : value;
    }
    case 'float': {
      const value = numberFrom(raw);
      return value === undefined ? INVALID : Math.fround(value);
    }
    case 'integer': {
      const value = numberFrom(raw);
      if (value === undefined || !Number.isFinite(value) || !Number.isInteger(value))
        return INVALID;
      return value;
    }
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      if (typeof raw === 'number') return raw === 1 ? true : raw === 0 ? false : INVALID;
      return typeof raw === 'string' ? parseBoolean(raw) : INVALID;
    case 'date':
    case 'dateDaysSince[0]':
    case 'dateDaysSince[1960]':
    case 'dateDaysSince[1970]':
    case 'dateDaysSince[1980]':
      return temporalFrom(raw, parseDateDays, epochDays(epochYearOf(dataType)));
    case 'time':
    case 'timeSeconds':
      return temporalFrom(raw, parseTimeSeconds, 0);
    case 'dateTime':
    case 'dateTimeSecondsSince[0]':
    case 'dateTimeSecondsSince[1960]':
    case 'dateTimeSecondsSince[1970]':
    case 'dateTimeSecondsSince[1980]':
      return temporalFrom(raw, parseDateTimeSeconds, epochSeconds(epochYearOf(dataType)));
  }
}

/**
 * Converts an already typed value to another data type, as a DerivedField or OutputField does;
 * a value that does not convert becomes missing.
 */
export function castValue(value: Value, dataType: DataType): Value {
  if (value === null) return null;
  if (dataType === 'string') return String(value);
  if (dataType === 'integer' && typeof value === 'number') {
    return Number.isFinite(value) ? Math.trunc(value) : null;
  }
  const cast = parseValue(value, dataType);
  return cast === INVALID ? null : cast;
}

/**
 * A value written in the document (a category, a comparison value) in the field's data type,
 * or its text when it does not read as one, so it still compares by text.
 */
export function parseValueOrText(text: string, dataType: DataType): Value {
  const value = parseValue(text, dataType);
  return value === INVALID ? text : value;
}

/** An optional attribute's value: missing when absent, text when no data type is given. */
export function parseOptionalValue(
  text: string | undefined,
  dataType: DataType | undefined,
): Value {
  if (text === undefined) return null;
  return dataType === undefined ? text : parseValueOrText(text, dataType);
}
