import type { DataType, Value } from '../values/value';
import { decimalDigits, digitRange, fixedNotation } from './decimal-digits';

/**
 * Java's Double.toString (or Float.toString with `float`): plain notation with at least one
 * fraction digit between 10^-3 and 10^7, else "d.dddE±n". JPMML turns numbers into text this
 * way wherever a function needs a string (concat, substring, ...).
 */
export function javaFloatingText(value: number, float = false): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  const magnitude = Math.abs(value);
  const digits = decimalDigits(magnitude, float);
  if (magnitude === 0) return `${sign}0.0`;
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    const decimals = Math.max(1, digits.digits.length - digits.point);
    return sign + fixedNotation(digits, decimals);
  }
  const fraction = digitRange(digits, 1, Math.max(2, digits.digits.length));
  return `${sign}${digits.digits[0]}.${fraction}E${digits.point - 1}`;
}

/**
 * The text of a value as JPMML's `asString()` gives it. Integral numbers read as integers
 * ("12") even when typed double: an untyped DefineFunction parameter is typed double here but
 * holds JPMML integers (SAS passes widths as `<Constant>12</Constant>`), and formatting those
 * as "12.0" would break the patterns and lengths they feed. JPMML writes "2.0" for an
 * integral double field's value; that difference is accepted.
 */
export function javaText(value: Exclude<Value, null>, dataType?: DataType): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (dataType === 'float') return javaFloatingText(value, true);
  // Within a long's range JavaScript writes integers in plain digits, as Long.toString does.
  if (Number.isInteger(value) && Math.abs(value) < 2 ** 63) return String(value + 0);
  return javaFloatingText(value);
}
