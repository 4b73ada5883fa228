import { evaluationError, invalidPmml, unsupported } from '../errors';
import type { Value } from '../values/value';
import { toNumber } from './argument-conversions';
import { DatetimePattern } from './java-datetime-format';
import { NumberPattern, PatternError } from './java-number-format';
import { javaText } from './java-number-text';
import {
  pmmlFunction,
  type ArgumentInfo,
  type BoundFunction,
  type PmmlFunction,
} from './pmml-function';
import { instantOf } from './temporal-arguments';

interface Pattern<T> {
  compile(text: string): T;
}

/**
 * The pattern argument of a call site: a Constant pattern is compiled (and refused) when the
 * document is compiled, any other is compiled per call.
 */
function patternArgument<T>(
  kind: Pattern<T>,
  info: ArgumentInfo,
  name: string,
  where: string,
): (value: Value) => T {
  const text = (value: Value): string => javaText(value as Exclude<Value, null>, info.dataType);
  const constant = info.constant?.value;
  if (constant !== undefined && constant !== null) {
    try {
      const compiled = kind.compile(text(constant));
      return () => compiled;
    } catch (error) {
      if (!(error instanceof PatternError)) throw error;
      const message = `${where}: function "${name}": ${error.message}`;
      throw error.unsupported ? unsupported(message) : invalidPmml(message);
    }
  }
  return (value) => runtime(name, () => kind.compile(text(value)));
}

function runtime<T>(name: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof PatternError) {
      throw evaluationError(`Function "${name}": ${error.message}`);
    }
    throw error;
  }
}

function bindFormatNumber(args: readonly ArgumentInfo[], where: string): BoundFunction {
  const pattern = patternArgument(NumberPattern, args[1], 'formatNumber', where);
  const float = args[0].dataType === 'float';
  return {
    dataType: 'string',
    apply: (values) =>
      runtime('formatNumber', () =>
        pattern(values[1]).format(toNumber(values[0], 'formatNumber'), float),
      ),
  };
}

function bindFormatDatetime(args: readonly ArgumentInfo[], where: string): BoundFunction {
  const pattern = patternArgument(DatetimePattern, args[1], 'formatDatetime', where);
  const inputType = args[0].dataType;
  return {
    dataType: 'string',
    apply: (values) =>
      runtime('formatDatetime', () =>
        pattern(values[1]).format(instantOf(values[0], inputType, 'formatDatetime')),
      ),
  };
}

const UNTYPED: readonly ArgumentInfo[] = [{}, {}];

/**
 * formatNumber(input, pattern) with Java's String.format (C printf patterns such as "%3d" or
 * "%.2f"), and formatDatetime(input, pattern) with strftime-like patterns, as JPMML runs them.
 */
export const FORMAT_FUNCTIONS: readonly PmmlFunction[] = [
  pmmlFunction(
    'formatNumber',
    2,
    bindFormatNumber(UNTYPED, 'formatNumber').apply,
    true,
    bindFormatNumber,
  ),
  pmmlFunction(
    'formatDatetime',
    2,
    bindFormatDatetime(UNTYPED, 'formatDatetime').apply,
    true,
    bindFormatDatetime,
  ),
];
