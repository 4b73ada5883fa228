import { evaluationError } from '../errors';
import type { DataType, Value } from '../values/value';
import { toNumber } from './argument-conversions';
import { javaText } from './java-number-text';
import { pmmlFunction, type ArgumentInfo, type PmmlFunction } from './pmml-function';

/** An integer argument (substring's position and length); a fraction is an error. */
function toInteger(value: Value, name: string, what: string): number {
  const number = toNumber(value, name);
  if (!Number.isInteger(number)) {
    throw evaluationError(`Function "${name}": ${what} ${number} is not an integer.`);
  }
  return number;
}

// Java's String.trim(): strips every character up to U+0020, and nothing else.
function trimBlanks(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 32) start++;
  while (end > start && text.charCodeAt(end - 1) <= 32) end--;
  return text.slice(start, end);
}

// The first character is at position 1; a range past the end is cut short, as in JPMML.
function substring(text: string, position: number, length: number): string {
  if (position < 1) {
    throw evaluationError(`Function "substring": startPos ${position} is less than 1.`);
  }
  if (length < 0) throw evaluationError(`Function "substring": length ${length} is negative.`);
  const start = Math.min(position - 1, text.length);
  return text.slice(start, start + Math.min(length, text.length - start));
}

/**
 * A function of strings: its arguments are turned into text as JPMML does (numbers in Java's
 * notation, floats as floats), using the argument types known at the call site.
 */
function stringFunction(
  name: string,
  arity: number | readonly [number, number],
  resultType: DataType,
  operation: (texts: readonly string[], args: readonly Value[]) => Value,
  propagatesMissing = true,
): PmmlFunction {
  const compute = (types: readonly (DataType | undefined)[]) => {
    const texts: string[] = [];
    return (args: readonly Value[]): Value => {
      texts.length = 0;
      for (let index = 0; index < args.length; index++) {
        const arg = args[index];
        if (arg !== null) texts.push(javaText(arg, types[index]));
      }
      return operation(texts, args);
    };
  };
  return pmmlFunction(
    name,
    arity,
    compute([]),
    propagatesMissing,
    (args: readonly ArgumentInfo[]) => ({
      apply: compute(args.map((arg) => arg.dataType)),
      dataType: resultType,
    }),
  );
}

/** uppercase, lowercase, stringLength, substring, trimBlanks and concat. */
export const STRING_FUNCTIONS: readonly PmmlFunction[] = [
  stringFunction('uppercase', 1, 'string', ([text]) => text.toUpperCase()),
  stringFunction('lowercase', 1, 'string', ([text]) => text.toLowerCase()),
  stringFunction('stringLength', 1, 'integer', ([text]) => text.length),
  stringFunction('substring', 3, 'string', ([text], args) =>
    substring(
      text,
      toInteger(args[1], 'substring', 'startPos'),
      toInteger(args[2], 'substring', 'length'),
    ),
  ),
  stringFunction('trimBlanks', 1, 'string', ([text]) => trimBlanks(text)),
  // concat skips missing arguments instead of giving a missing result.
  stringFunction('concat', [2, Infinity], 'string', (texts) => texts.join(''), false),
];
