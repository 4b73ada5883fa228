import { apply, constants } from './testing/expression-fixture';

const ABC = '<FieldRef field="x"/><FieldRef field="y2"/><FieldRef field="f"/>';

describe('aggregate functions', () => {
  it('min of A=2.5, B=4, C=1.5 is 1.5 (the spec example)', () => {
    expect(apply('min', ABC, { x: 2.5, y2: 4, f: 1.5 })).toBe(1.5);
  });

  it('max, sum, product, avg and median over the present arguments', () => {
    const args = constants(3, 1, 4, 1, 5);
    expect(apply('max', args)).toBe(5);
    expect(apply('sum', args)).toBe(14);
    expect(apply('product', args)).toBe(60);
    expect(apply('avg', args)).toBe(2.8);
    expect(apply('median', args)).toBe(3);
  });

  it('takes the mean of the two middle values as the median of an even count', () => {
    expect(apply('median', constants(1, 5, 2, 8))).toBe(3.5);
  });

  it('ignores missing arguments, which changes the average', () => {
    expect(apply('avg', ABC, { x: 2, y2: 4 })).toBe(3);
    expect(apply('sum', ABC, { f: 1.5 })).toBe(1.5);
  });

  it('gives missing when every argument is missing', () => {
    expect(apply('sum', ABC)).toBeNull();
    expect(apply('max', ABC)).toBeNull();
  });

  it('keeps integers integral and gives a double average of integers', () => {
    expect(apply('sum', '<FieldRef field="n"/><FieldRef field="m"/>', { n: 1, m: 2 })).toBe(3);
    expect(apply('avg', '<FieldRef field="n"/><FieldRef field="m"/>', { n: 1, m: 2 })).toBe(1.5);
  });
});
