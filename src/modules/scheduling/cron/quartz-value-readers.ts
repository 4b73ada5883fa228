import { YEAR } from './quartz-cron-expression';

// Low-level readers for the parser, each the counterpart of a Java call in Quartz's parser
// (Integer.parseInt, String.trim, CronExpression.getValue) with the same acceptance.

/** A problem inside one field; the parser adds the field and its text. */
export class FieldProblem extends Error {}

export interface ValueEnd {
  value: number;
  pos: number;
}

const STEP_LIMITS = [59, 59, 23, 31, 12, 7];

export function checkIncrement(increment: number, type: number): void {
  if (type !== YEAR && increment > STEP_LIMITS[type]) {
    throw new FieldProblem(`the step ${increment} is too large (at most ${STEP_LIMITS[type]})`);
  }
}

export function parseNth(text: string): number {
  const nth = /^[+-]?\d+$/.test(text) ? Number(text) : NaN;
  if (!(nth >= 1 && nth <= 5)) {
    throw new FieldProblem("'#' must be followed by a number from 1 to 5");
  }
  return nth;
}

export function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

export function parseDigit(c: string | undefined, problem: string): number {
  if (!isDigit(c)) throw new FieldProblem(problem);
  return Number(c);
}

// Integer.parseInt: an optional sign and ASCII digits, within the range of an int.
export function parseJavaInt(text: string, problem: string): number {
  if (!/^[+-]?\d+$/.test(text)) throw new FieldProblem(problem);
  const value = Number(text);
  if (value > 2_147_483_647 || value < -2_147_483_648) throw new FieldProblem('number too large');
  return value;
}

// getValue: the digits from `pos` on, appended to the digits of `first`.
export function readNumber(first: number, s: string, pos: number, problem: string): ValueEnd {
  if (pos >= s.length) throw new FieldProblem(problem);
  let digits = String(first);
  let i = pos;
  while (i < s.length && isDigit(s[i])) {
    digits += s[i];
    i++;
  }
  return { value: parseJavaInt(digits, 'number too large'), pos: i < s.length ? i : i + 1 };
}

// String.trim: strips every character up to U+0020 at both ends.
export function javaTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  return text.substring(start, end);
}
