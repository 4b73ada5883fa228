import { evaluationError } from '../errors';
import type { Value } from '../values/value';

/** A number argument, or an evaluation error naming the function. */
export function toNumber(value: Value, functionName: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const parsed = Number(value);
    if (value.trim() !== '' && !Number.isNaN(parsed)) return parsed;
  }
  throw evaluationError(
    `Function "${functionName}" expects a number, got ${JSON.stringify(value)}.`,
  );
}

export function toBoolean(value: Value, functionName: string): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === 'true') return true;
  if (value === 0 || value === 'false') return false;
  throw evaluationError(
    `Function "${functionName}" expects a boolean, got ${JSON.stringify(value)}.`,
  );
}

export function toText(value: Value): string {
  return typeof value === 'string' ? value : String(value);
}

/** PMML equality: numbers compare numerically, anything else by its text. */
export function valuesEqual(left: Value, right: Value): boolean {
  if (left === right) return true;
  if (left === null || right === null) return false;
  if (typeof left === 'number' || typeof right === 'number') {
    const a = typeof left === 'number' ? left : Number(left);
    const b = typeof right === 'number' ? right : Number(right);
    return a === b;
  }
  return String(left) === String(right);
}

/** PMML ordering for comparisons: numbers numerically, else by text; booleans false < true. */
export function compareValues(left: Value, right: Value): number {
  if (typeof left === 'number' && typeof right === 'number')
    return left < right ? -1 : left > right ? 1 : 0;
  if (typeof left === 'boolean' && typeof right === 'boolean') return Number(left) - Number(right);
  if (typeof left === 'number' || typeof right === 'number') {
    const a = Number(left);
    const b = Number(right);
    if (!Number.isNaN(a) && !Number.isNaN(b)) return a < b ? -1 : a > b ? 1 : 0;
  }
  const a = String(left);
  const b = String(right);
  return a < b ? -1 : a > b ? 1 : 0;
}
