import { compilePmml } from '../compile-pmml';
import type { EvalContext } from '../fields/eval-context';
import { linearRegression } from '../testing/pmml-document';
import type { Value } from '../values/value';
import { type ArithmeticForm, compileArithmetic } from './arithmetic-code';

/**
 * y = d for a DerivedField d of the given expression, scored twice: as written (the generated
 * code) and with invalidValueTreatment="asIs" on the outer Apply, which has no arithmetic form
 * and so keeps the ordinary evaluators.
 */
function generatedAndGeneric(apply: (treatment: string) => string) {
  const model = (treatment: string) =>
    compilePmml(
      linearRegression({
        dataFields: `<DataField name="x" optype="continuous" dataType="double"/>
          <DataField name="t" optype="categorical" dataType="string"/>`,
        miningFields: '<MiningField name="x"/><MiningField name="t"/>',
        predictors: '<NumericPredictor name="d" coefficient="1"/>',
        localTransformations: `<DerivedField name="d" optype="continuous" dataType="double">${apply(treatment)}</DerivedField>`,
      }),
    );
  const [generated, generic] = [model(''), model('invalidValueTreatment="asIs"')];
  const outcome = (scorer: typeof generated, record: Record<string, unknown>): unknown => {
    try {
      return scorer.score(record).y;
    } catch (error) {
      return (error as Error).message;
    }
  };
  return (record: Record<string, unknown>) => ({
    generated: outcome(generated, record),
    generic: outcome(generic, record),
  });
}

const scaler = (treatment: string): string =>
  `<Apply function="/" ${treatment}><Apply function="-"><FieldRef field="x"/><Constant dataType="double">-0.0016315104166666667</Constant></Apply><Constant dataType="double">0.4099581656081024</Constant></Apply>`;

describe('generated arithmetic', () => {
  it('computes a standard scaler exactly as the ordinary evaluators do', () => {
    const d = generatedAndGeneric(scaler);
    for (const x of [0, -0, 1, -3.25, 0.1, 1e308, -1e-300, 12345.678]) {
      const { generated, generic } = d({ x });
      expect(generated).toBe(generic);
    }
    expect(d({ x: 3 }).generated).toBe((3 - -0.0016315104166666667) / 0.4099581656081024);
  });

  it('leaves missing values and text to the ordinary evaluators', () => {
    const sum = generatedAndGeneric(
      (treatment) =>
        `<Apply function="*" ${treatment}><Apply function="+"><FieldRef field="x"/><FieldRef field="t"/></Apply><Constant dataType="double">2</Constant></Apply>`,
    );
    for (const record of [{}, { x: 1 }, { x: 1, t: '2.5' }]) {
      const { generated, generic } = sum(record);
      expect(generated).toEqual(generic);
    }
    expect(sum({ x: 1, t: '2.5' }).generated).toBe(7);
    expect(sum({ x: 1 }).generated).toBeNull();
    // asIs would turn this error into NaN: only the generated side is compared.
    expect(sum({ x: 1, t: 'red' }).generated).toBe('Function "+" expects a number, got "red".');
  });

  it('reports a zero divisor as the ordinary evaluators do', () => {
    const ratio = generatedAndGeneric(
      (treatment) =>
        `<Apply function="/" ${treatment}><FieldRef field="x"/><Apply function="-"><FieldRef field="x"/><Constant dataType="double">2</Constant></Apply></Apply>`,
    );
    expect(ratio({ x: 4 }).generated).toBe(2);
    expect(ratio({ x: 2 }).generated).toContain('division by zero');
  });

  it('reads fields in the order of the ordinary evaluators and stops at the first non-number', () => {
    // (s1 − s2) / (s3 + 1)
    const form: ArithmeticForm = {
      kind: 'operation',
      operator: '/',
      left: {
        kind: 'operation',
        operator: '-',
        left: { kind: 'slot', slot: 1 },
        right: { kind: 'slot', slot: 2 },
      },
      right: {
        kind: 'operation',
        operator: '+',
        left: { kind: 'slot', slot: 3 },
        right: { kind: 'constant', value: 1 },
      },
    };
    const read: number[] = [];
    const context = (values: Record<number, Value>) =>
      ({
        get: (slot: number) => {
          read.push(slot);
          return values[slot];
        },
      }) as unknown as EvalContext;
    const evaluate = compileArithmetic(form, () => 'generic');
    expect(evaluate(context({ 1: 7, 2: 1, 3: 2 }))).toBe(2);
    expect(read).toEqual([1, 2, 3]);
    read.length = 0;
    expect(evaluate(context({ 1: 7, 2: null, 3: 2 }))).toBe('generic');
    expect(read).toEqual([1, 2]);
    expect(evaluate(context({ 1: 7, 2: 1, 3: -1 }))).toBe('generic');
  });
});
