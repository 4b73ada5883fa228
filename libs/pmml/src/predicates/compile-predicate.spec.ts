import { SlotLayout } from '../fields/eval-context';
import { FieldScope } from '../fields/field-scope';
import { parseXml } from '../xml/parse-xml';
import { compilePredicate, FALSE, TRUE, UNKNOWN } from './compile-predicate';

// Compiles the predicate against a scope holding the given field values and evaluates it.
function truthOf(
  predicateXml: string,
  fields: Record<string, { dataType: 'double' | 'string' | 'float'; value: unknown }>,
): number {
  const layout = new SlotLayout();
  const scope = new FieldScope(layout);
  const slots = new Map<string, number>();
  for (const [name, { dataType }] of Object.entries(fields)) {
    const slot = layout.allocate();
    slots.set(name, slot);
    scope.define({
      name,
      dataType,
      opType: dataType === 'string' ? 'categorical' : 'continuous',
      slot,
      origin: 'data',
    });
  }
  const predicate = compilePredicate(parseXml(predicateXml), scope);
  const context = layout.newContext();
  for (const [name, { value }] of Object.entries(fields))
    context.set(slots.get(name) as number, value as never);
  return predicate(context);
}

describe('predicates', () => {
  const x = (value: number | null) => ({ x: { dataType: 'double' as const, value } });

  it('compares numbers with every SimplePredicate operator', () => {
    const ops: [string, number][] = [
      ['equal', FALSE],
      ['notEqual', TRUE],
      ['lessThan', TRUE],
      ['lessOrEqual', TRUE],
      ['greaterThan', FALSE],
      ['greaterOrEqual', FALSE],
    ];
    for (const [operator, expected] of ops) {
      expect(truthOf(`<SimplePredicate field="x" operator="${operator}" value="2"/>`, x(1))).toBe(
        expected,
      );
    }
  });

  it('is unknown for a missing value, except for the missing tests', () => {
    expect(truthOf('<SimplePredicate field="x" operator="lessThan" value="2"/>', x(null))).toBe(
      UNKNOWN,
    );
    expect(truthOf('<SimplePredicate field="x" operator="isMissing"/>', x(null))).toBe(TRUE);
    expect(truthOf('<SimplePredicate field="x" operator="isNotMissing"/>', x(null))).toBe(FALSE);
  });

  it('compares float fields against the threshold rounded to float32', () => {
    const f = { x: { dataType: 'float' as const, value: Math.fround(0.1) } };
    expect(truthOf('<SimplePredicate field="x" operator="lessOrEqual" value="0.1"/>', f)).toBe(
      TRUE,
    );
    expect(truthOf('<SimplePredicate field="x" operator="equal" value="0.1"/>', f)).toBe(TRUE);
  });

  it('tests set membership, with quoted tokens holding blanks', () => {
    const c = (value: string) => ({ c: { dataType: 'string' as const, value } });
    const isIn =
      '<SimpleSetPredicate field="c" booleanOperator="isIn"><Array n="3" type="string">a "b c" "d\\"e"</Array></SimpleSetPredicate>';
    expect(truthOf(isIn, c('b c'))).toBe(TRUE);
    expect(truthOf(isIn, c('d"e'))).toBe(TRUE);
    expect(truthOf(isIn, c('b'))).toBe(FALSE);
    expect(truthOf(isIn.replace('isIn"', 'isNotIn"'), c('b'))).toBe(TRUE);
  });

  it('follows three-valued logic in and, or and xor', () => {
    const unknown = '<SimplePredicate field="x" operator="lessThan" value="2"/>';
    const yes = '<True/>';
    const no = '<False/>';
    const compound = (op: string, a: string, b: string) =>
      `<CompoundPredicate booleanOperator="${op}">${a}${b}</CompoundPredicate>`;
    expect(truthOf(compound('and', unknown, no), x(null))).toBe(FALSE);
    expect(truthOf(compound('and', unknown, yes), x(null))).toBe(UNKNOWN);
    expect(truthOf(compound('or', unknown, yes), x(null))).toBe(TRUE);
    expect(truthOf(compound('or', unknown, no), x(null))).toBe(UNKNOWN);
    expect(truthOf(compound('xor', yes, no), x(null))).toBe(TRUE);
    expect(truthOf(compound('xor', unknown, no), x(null))).toBe(UNKNOWN);
  });

  it('takes the first known predicate of a surrogate', () => {
    const surrogate =
      '<CompoundPredicate booleanOperator="surrogate"><SimplePredicate field="x" operator="lessThan" value="2"/><False/><True/></CompoundPredicate>';
    expect(truthOf(surrogate, x(null))).toBe(FALSE);
    expect(truthOf(surrogate, x(1))).toBe(TRUE);
  });

  it('refuses a value that is not valid for the field type when compiling', () => {
    expect(() =>
      truthOf('<SimplePredicate field="x" operator="equal" value="abc"/>', x(1)),
    ).toThrow('value "abc" is not a valid double');
  });
});
