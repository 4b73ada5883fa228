import { apply, constants } from './testing/expression-fixture';

describe('normal distribution functions', () => {
  it('computes the normal CDF, PDF and inverse CDF', () => {
    expect(apply('normalCDF', constants(0, 1, 2))).toBeCloseTo(0.3085375387259869, 15);
    expect(apply('normalPDF', constants(0, 1, 2))).toBeCloseTo(0.17603266338214976, 15);
    expect(apply('normalIDF', constants('0.3085375387259869', 1, 2))).toBeCloseTo(0, 14);
  });

  it('computes the standard normal functions', () => {
    expect(apply('stdNormalCDF', constants(0))).toBe(0.5);
    expect(apply('stdNormalCDF', constants('1.96'))).toBeCloseTo(0.9750021048517795, 15);
    expect(apply('stdNormalPDF', constants(0))).toBeCloseTo(0.3989422804014327, 16);
    expect(apply('stdNormalIDF', constants('0.975'))).toBeCloseTo(1.959963984540054, 14);
    expect(apply('stdNormalIDF', constants(0))).toBe(-Infinity);
  });

  it('computes erf to full relative precision, also near zero', () => {
    expect(apply('erf', constants(0))).toBe(0);
    expect(apply('erf', constants(1))).toBeCloseTo(0.8427007929497149, 15);
    expect(apply('erf', constants(2))).toBeCloseTo(0.9953222650189527, 15);
    expect(
      (apply('erf', constants('1e-10')) as number) / ((2 / Math.sqrt(Math.PI)) * 1e-10),
    ).toBeCloseTo(1, 15);
  });

  it('refuses a non-positive standard deviation and a probability outside [0, 1]', () => {
    expect(() => apply('normalCDF', constants(0, 0, 0))).toThrow('not positive');
    expect(() => apply('stdNormalIDF', constants('1.5'))).toThrow('outside [0, 1]');
  });
});
