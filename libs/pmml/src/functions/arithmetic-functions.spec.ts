import { apply, constants, expressionOf } from './testing/expression-fixture';

describe('arithmetic functions', () => {
  it('subtracts as in the spec example (2.5 - 4 = -1.5)', () => {
    expect(apply('-', '<FieldRef field="x"/><FieldRef field="y2"/>', { x: 2.5, y2: 4 })).toBe(-1.5);
  });

  it('adds and multiplies doubles', () => {
    expect(apply('+', constants('0.1', '0.2'))).toBe(0.1 + 0.2);
    expect(apply('*', constants('1.5', '-4'))).toBe(-6);
  });

  it('divides two integers with truncation, as JPMML does', () => {
    expect(apply('/', constants(7, 2))).toBe(3);
    expect(apply('/', constants(-7, 2))).toBe(-3);
    expect(apply('/', '<FieldRef field="n"/><FieldRef field="m"/>', { n: 1, m: 3 })).toBe(0);
  });

  it('divides as doubles when either side is not an integer', () => {
    expect(apply('/', constants('7.0', 2))).toBe(3.5);
    expect(
      apply('/', '<FieldRef field="n"/><Constant dataType="double">2</Constant>', { n: 7 }),
    ).toBe(3.5);
    expect(apply('/', '<FieldRef field="x"/><Constant>3</Constant>', { x: 1 })).toBe(1 / 3);
  });

  it('computes float arithmetic in float precision', () => {
    expect(apply('+', '<FieldRef field="f"/><FieldRef field="f"/>', { f: 0.1 })).toBe(
      Math.fround(Math.fround(0.1) * 2),
    );
    expect(apply('*', '<FieldRef field="f"/><Constant>3</Constant>', { f: 0.1 })).toBe(
      Math.fround(Math.fround(0.1) * 3),
    );
  });

  it('makes a missing operand give a missing result', () => {
    expect(apply('+', '<FieldRef field="x"/><Constant>1</Constant>')).toBeNull();
  });

  it('fails the record on a division by zero, for integers and doubles alike', () => {
    expect(() => apply('/', constants(1, 0))).toThrow('division by zero');
    expect(() => apply('/', constants('1.0', 0))).toThrow('division by zero');
  });

  it('compares numbers numerically and other values as text', () => {
    expect(apply('lessThan', constants(2, 10))).toBe(true);
    expect(apply('greaterOrEqual', constants(3, '3.0'))).toBe(true);
    expect(apply('lessOrEqual', '<FieldRef field="s"/><Constant>b</Constant>', { s: 'a' })).toBe(
      true,
    );
    expect(apply('equal', constants(1, '1.0'))).toBe(true);
    expect(apply('notEqual', '<FieldRef field="s"/><Constant>a</Constant>', { s: 'a' })).toBe(
      false,
    );
  });

  it('and/or are decided by a decisive argument even when another is missing', () => {
    const isLarge =
      '<Apply function="greaterThan"><FieldRef field="x"/><Constant>0</Constant></Apply>';
    const and = expressionOf(`<Apply function="and">${isLarge}<FieldRef field="b"/></Apply>`);
    expect(and({ x: -1 })).toBe(false);
    expect(and({ x: 1 })).toBeNull();
    expect(and({ x: 1, b: true })).toBe(true);
    const or = expressionOf(`<Apply function="or">${isLarge}<FieldRef field="b"/></Apply>`);
    expect(or({ x: 1 })).toBe(true);
    expect(or({ x: -1, b: false })).toBe(false);
  });

  it('negates with not', () => {
    expect(apply('not', '<FieldRef field="b"/>', { b: true })).toBe(false);
  });
});
