import { BUILTIN_FUNCTIONS } from './builtin-functions';
import { apply, constants } from './testing/expression-fixture';

// The function names of the PMML 4.4 specification's built-in functions page.
const PMML_44_FUNCTIONS = [
  '+',
  '-',
  '*',
  '/',
  'min',
  'max',
  'sum',
  'avg',
  'median',
  'product',
  'log10',
  'ln',
  'sqrt',
  'abs',
  'exp',
  'pow',
  'threshold',
  'floor',
  'ceil',
  'round',
  'modulo',
  'isMissing',
  'isNotMissing',
  'isValid',
  'isNotValid',
  'equal',
  'notEqual',
  'lessThan',
  'lessOrEqual',
  'greaterThan',
  'greaterOrEqual',
  'and',
  'or',
  'not',
  'isIn',
  'isNotIn',
  'uppercase',
  'lowercase',
  'stringLength',
  'substring',
  'trimBlanks',
  'concat',
  'replace',
  'matches',
  'formatNumber',
  'formatDatetime',
  'dateDaysSinceYear',
  'dateSecondsSinceYear',
  'dateSecondsSinceMidnight',
  'normalCDF',
  'normalPDF',
  'stdNormalCDF',
  'stdNormalPDF',
  'erf',
  'normalIDF',
  'stdNormalIDF',
  'expm1',
  'hypot',
  'ln1p',
  'rint',
  'sin',
  'asin',
  'sinh',
  'cos',
  'acos',
  'cosh',
  'tan',
  'atan',
  'tanh',
];

describe('built-in function registry', () => {
  it('knows every PMML 4.4 built-in function except if, which Apply evaluates lazily', () => {
    expect(PMML_44_FUNCTIONS.filter((name) => !BUILTIN_FUNCTIONS.has(name))).toEqual([]);
  });

  it('accepts the x- names that pre-4.4 JPMML documents use', () => {
    expect(apply('x-expm1', constants(0))).toBe(0);
    expect(apply('x-ln1p', constants(0))).toBe(0);
    expect(apply('x-hypot', constants(3, 4))).toBe(5);
    expect(apply('x-modulo', constants(-10, 3))).toBe(2);
    expect(apply('x-sinh', constants(0))).toBe(0);
    expect(apply('x-atan2', constants(0, -1))).toBe(Math.PI);
  });
});
