import { AGGREGATE_FUNCTIONS } from './aggregate-functions';
import { ARITHMETIC_FUNCTIONS } from './arithmetic-functions';
import { DATE_FUNCTIONS } from './date-functions';
import { DISTRIBUTION_FUNCTIONS } from './distribution-functions';
import { FORMAT_FUNCTIONS } from './format-functions';
import { MATH_FUNCTIONS } from './math-functions';
import type { PmmlFunction } from './pmml-function';
import { REGEX_FUNCTIONS } from './regex-functions';
import { STRING_FUNCTIONS } from './string-functions';
import { VALUE_FUNCTIONS } from './value-functions';

const CATALOGUE: readonly PmmlFunction[] = [
  ...ARITHMETIC_FUNCTIONS,
  ...AGGREGATE_FUNCTIONS,
  ...MATH_FUNCTIONS,
  ...DISTRIBUTION_FUNCTIONS,
  ...VALUE_FUNCTIONS,
  ...STRING_FUNCTIONS,
  ...REGEX_FUNCTIONS,
  ...FORMAT_FUNCTIONS,
  ...DATE_FUNCTIONS,
];

const EXTENSION_PREFIX = 'x-';

/**
 * Every function Apply may call by name, besides the document's own DefineFunctions. The
 * functions are also known as "x-" + name: JPMML-produced documents written before PMML 4.4
 * called the then-new functions x-expm1, x-ln1p, x-hypot, x-sin, x-modulo, ..., and JPMML
 * reads any "x-" + built-in name as the built-in. "x-atan2" has no standard name.
 * (There is no x-isnan or x-isinf: JPMML's converters write isMissing for NaN checks.)
 */
export const BUILTIN_FUNCTIONS: ReadonlyMap<string, PmmlFunction> = new Map(
  CATALOGUE.flatMap((fn): [string, PmmlFunction][] =>
    fn.name.startsWith(EXTENSION_PREFIX)
      ? [[fn.name, fn]]
      : [
          [fn.name, fn],
          [EXTENSION_PREFIX + fn.name, fn],
        ],
  ),
);
