import { compilePmml } from '../../compile-pmml';
import type { Value } from '../../values/value';
import { linearRegression } from '../../testing/pmml-document';

// Input fields of every type, so that an expression under test can refer to any of them.
const FIELDS = {
  x: 'double',
  y2: 'double',
  n: 'integer',
  m: 'integer',
  f: 'float',
  s: 'string',
  t: 'string',
  b: 'boolean',
  day: 'date',
  clock: 'time',
  stamp: 'dateTime',
  day1960: 'dateDaysSince[1960]',
} as const;

const DATA_FIELDS = Object.entries(FIELDS)
  .map(([name, dataType]) => {
    const optype = dataType === 'string' || dataType === 'boolean' ? 'categorical' : 'continuous';
    return `<DataField name="${name}" optype="${optype}" dataType="${dataType}"/>`;
  })
  .join('');

const MINING_FIELDS = Object.keys(FIELDS)
  .map((name) => `<MiningField name="${name}" invalidValueTreatment="asIs"/>`)
  .join('');

/**
 * Compiles a document whose OutputField "out" is the given expression (its type inferred from
 * the expression) and returns a function that scores a record and gives "out".
 * `transformations` go into the TransformationDictionary (DefineFunctions).
 */
export function expressionOf(
  expression: string,
  transformations?: string,
): (record?: Record<string, unknown>) => Value {
  const model = compilePmml(
    linearRegression({
      dataFields: DATA_FIELDS,
      miningFields: MINING_FIELDS,
      predictors: '',
      transformations,
      output: `<OutputField name="out" feature="transformedValue">${expression}</OutputField>`,
    }),
  );
  return (record = {}) => model.score(record).out;
}

/** The value of `<Apply function="name">` over the given argument elements, for one record. */
export function apply(name: string, args: string, record: Record<string, unknown> = {}): Value {
  return expressionOf(`<Apply function="${name}">${args}</Apply>`)(record);
}

/** `<Constant>` elements for the given texts (typed when a dataType is given). */
export function constants(...texts: (string | number)[]): string {
  return texts.map((text) => `<Constant>${text}</Constant>`).join('');
}
