import { evaluationError, invalidPmml, unsupported, type PmmlError } from '../errors';
import type { DataType, Value } from '../values/value';
import { javaText } from './java-number-text';
import { pmmlFunction, type ArgumentInfo, type PmmlFunction } from './pmml-function';
import { JavaRegex, type JavaReplacement } from './regex/java-regex';
import { RegexError } from './regex/regex-error';

type Text = (value: Value) => string;

function textOf(dataType: DataType | undefined): Text {
  return (value) => javaText(value as Exclude<Value, null>, dataType);
}

/** Runs a regex step; a RegexError becomes `fail(message)`. */
function guarded<T>(step: () => T, fail: (message: string, error: RegexError) => PmmlError): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof RegexError) throw fail(error.message, error);
    throw error;
  }
}

const atRuntime =
  (name: string) =>
  (message: string): PmmlError =>
    evaluationError(`Function "${name}": ${message}`);

const atCompileTime =
  (where: string) =>
  (message: string, error: RegexError): PmmlError =>
    error.unsupported ? unsupported(`${where}: ${message}`) : invalidPmml(`${where}: ${message}`);

/** A pattern argument: compiled now if it is a Constant, else per distinct value (cached). */
function patternOf(info: ArgumentInfo, name: string, where: string): (value: Value) => JavaRegex {
  const text = textOf(info.dataType);
  if (info.constant && info.constant.value !== null) {
    const regex = guarded(
      () => JavaRegex.compile(text(info.constant?.value ?? '')),
      atCompileTime(where),
    );
    return () => regex;
  }
  return (value) => guarded(() => JavaRegex.compile(text(value)), atRuntime(name));
}

// PMML's replacement strings write a literal dollar as "$$" (Perl style); Java wants "\$".
function javaReplacementText(text: string): string {
  return text.replaceAll('$$', '\\$');
}

function bindReplace(args: readonly ArgumentInfo[], where: string) {
  const input = textOf(args[0].dataType);
  const pattern = patternOf(args[1], 'replace', where);
  const replacementText = textOf(args[2].dataType);
  const constantPattern = args[1].constant;
  const constantReplacement = args[2].constant;
  let fixed: JavaReplacement | undefined;
  if (constantPattern && constantReplacement && constantReplacement.value !== null) {
    const regex = pattern(constantPattern.value);
    const text = javaReplacementText(replacementText(constantReplacement.value));
    fixed = guarded(() => regex.replacement(text), atCompileTime(where));
  }
  return {
    dataType: 'string' as const,
    apply: (values: readonly Value[]): Value => {
      const regex = pattern(values[1]);
      const replacement =
        fixed ??
        guarded(
          () => regex.replacement(javaReplacementText(replacementText(values[2]))),
          atRuntime('replace'),
        );
      return regex.replaceAll(input(values[0]), replacement);
    },
  };
}

function bindMatches(args: readonly ArgumentInfo[], where: string) {
  const input = textOf(args[0].dataType);
  const pattern = patternOf(args[1], 'matches', where);
  return {
    dataType: 'boolean' as const,
    // "matches" is true when any part of the input matches (Java's Matcher.find()).
    apply: (values: readonly Value[]): Value => pattern(values[1]).find(input(values[0])),
  };
}

const UNTYPED: readonly ArgumentInfo[] = [{}, {}, {}];

/**
 * replace(input, pattern, replacement) and matches(input, pattern), with Java regex syntax
 * (what JPMML runs) translated to JavaScript; see translateJavaRegex for what is refused.
 */
export const REGEX_FUNCTIONS: readonly PmmlFunction[] = [
  pmmlFunction('replace', 3, bindReplace(UNTYPED, 'replace').apply, true, bindReplace),
  pmmlFunction('matches', 2, bindMatches(UNTYPED, 'matches').apply, true, bindMatches),
];
