import { apply, constants } from './testing/expression-fixture';

const x = (value: number) => ({ x: value });
const X = '<FieldRef field="x"/>';

describe('mathematical functions', () => {
  it('computes logarithms, roots and exponentials as doubles', () => {
    expect(apply('log10', X, x(1000))).toBe(3);
    expect(apply('ln', X, x(Math.E))).toBe(1);
    expect(apply('sqrt', X, x(2.25))).toBe(1.5);
    expect(apply('exp', X, x(0))).toBe(1);
    expect(apply('ln1p', X, x(1e-20))).toBe(1e-20);
    expect(apply('expm1', X, x(1e-20))).toBe(1e-20);
  });

  it('gives NaN where the function is undefined', () => {
    expect(apply('sqrt', X, x(-1))).toBeNaN();
    expect(apply('ln', X, x(-1))).toBeNaN();
  });

  it('abs keeps the number kind', () => {
    expect(apply('abs', X, x(-2.5))).toBe(2.5);
    expect(apply('abs', '<FieldRef field="n"/>', { n: -3 })).toBe(3);
  });

  it('pow raises doubles and integers, and refuses a negative integer exponent', () => {
    expect(apply('pow', constants('2.0', '-2'))).toBe(0.25);
    expect(apply('pow', constants(-2, 3))).toBe(-8);
    expect(apply('pow', constants(0, 0))).toBe(1);
    expect(() => apply('pow', constants(2, -2))).toThrow('negative');
  });

  it('threshold is 1 above the threshold and 0 at or below it', () => {
    expect(apply('threshold', constants(3, 2))).toBe(1);
    expect(apply('threshold', constants(3, 3))).toBe(0);
    expect(apply('threshold', constants(2, 3))).toBe(0);
  });

  it('floor, ceil and round give integers; round takes halves up', () => {
    expect(apply('floor', X, x(-1.5))).toBe(-2);
    expect(apply('ceil', X, x(1.01))).toBe(2);
    expect(apply('round', X, x(2.5))).toBe(3);
    expect(apply('round', X, x(-2.5))).toBe(-2);
    expect(Object.is(apply('ceil', X, x(-0.5)), 0)).toBe(true);
  });

  it('floor of NaN is an invalid result', () => {
    expect(() => apply('floor', X, x(NaN))).toThrow('no integer value');
  });

  it('rint rounds halves to the even neighbour', () => {
    expect([0.5, 1.5, 2.5, -1.5, -2.5, 1.99].map((value) => apply('rint', X, x(value)))).toEqual([
      0, 2, 2, -2, -2, 2,
    ]);
  });

  it('modulo has the sign of the divisor (the spec examples)', () => {
    expect(apply('modulo', constants(11, 3))).toBe(2);
    expect(apply('modulo', constants(9, -7))).toBe(-5);
    expect(apply('modulo', constants(-4, -9))).toBe(-4);
    expect(apply('modulo', constants('-17.2', '0.5'))).toBeCloseTo(0.3, 14);
    expect(apply('modulo', constants('4.5', '1.2'))).toBeCloseTo(0.9, 14);
    expect(() => apply('modulo', constants(1, 0))).toThrow('division by zero');
  });

  it('computes hypot and the trigonometric and hyperbolic functions', () => {
    expect(apply('hypot', constants(3, 4))).toBe(5);
    const angle = Math.PI / 6;
    expect(apply('sin', X, x(angle))).toBeCloseTo(0.5, 15);
    expect(apply('cos', X, x(angle))).toBeCloseTo(0.8660254037844387, 15);
    expect(apply('tan', X, x(angle))).toBeCloseTo(0.5773502691896257, 15);
    expect(apply('asin', X, x(0.5))).toBeCloseTo(angle, 15);
    expect(apply('acos', X, x(2))).toBeNaN();
    expect(apply('atan', X, x(1))).toBe(Math.PI / 4);
    expect(apply('sinh', X, x(angle))).toBeCloseTo(0.5478534738880397, 15);
    expect(apply('cosh', X, x(angle))).toBeCloseTo(1.1402383210764289, 15);
    expect(apply('tanh', X, x(angle))).toBeCloseTo(0.4804727781564516, 15);
    expect(apply('x-atan2', constants(1, -1))).toBe((3 * Math.PI) / 4);
  });
});
