import { accurateExp } from './accurate-exp';

describe('accurateExp', () => {
  // Correctly rounded values (300-bit arithmetic) at arguments where Math.exp of Node 20 is
  // one ulp off.
  it.each([
    [0.2754795291717187, 1.317162141122828],
    [-5.681662970177413, 0.0034078865149362726],
    [-11.959959363540733, 0.000006395222290179854],
    [13.536538724395882, 756561.2125445924],
    [0.000551820025175262, 1.0005519723058545],
  ])('rounds exp(%p) correctly to %p', (x, expected) => {
    expect(accurateExp(x)).toBe(expected);
  });

  it('is exact where exp is exact and follows IEEE limits', () => {
    expect(accurateExp(0)).toBe(1);
    expect(accurateExp(-0)).toBe(1);
    expect(accurateExp(Infinity)).toBe(Infinity);
    expect(accurateExp(-Infinity)).toBe(0);
    expect(accurateExp(NaN)).toBeNaN();
    expect(accurateExp(709.79)).toBe(Infinity);
    expect(accurateExp(-746)).toBe(0);
  });

  it('reaches the largest and the subnormal results', () => {
    expect(accurateExp(709.78)).toBe(1.7928227943945155e308);
    expect(accurateExp(-745.13)).toBe(5e-324);
    expect(accurateExp(-720)).toBe(2.0322308024e-313);
  });
});
