import { evaluationError } from '../errors';
import { erf, erfc, standardNormalQuantile } from '../math/normal-distribution';
import { toNumber } from './argument-conversions';
import { doubleFunction, typedFunction } from './function-builders';
import type { PmmlFunction } from './pmml-function';

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * erf to full relative precision: 1 - erfc(x) cancels for small x (erf(1e-10) would keep
 * only six digits), so there the Maclaurin series is summed instead.
 */
export function preciseErf(x: number): number {
  if (Math.abs(x) >= 0.5) return erf(x);
  const square = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 30 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
    term *= -square / n;
    sum += term / (2 * n + 1);
  }
  return TWO_OVER_SQRT_PI * sum;
}

// The formulas of Apache Commons Math's NormalDistribution, which JPMML uses.
// Near the mean 1 + erf is exact to the last bit (0.5 at the mean itself); in the tails erfc
// keeps the small probabilities' relative precision.
function cdf(x: number, mu: number, sigma: number): number {
  const z = (x - mu) / (sigma * Math.SQRT2);
  return Math.abs(z) < 0.5 ? 0.5 * (1 + preciseErf(z)) : 0.5 * erfc(-z);
}

function pdf(x: number, mu: number, sigma: number): number {
  const z = (x - mu) / sigma;
  return Math.exp(-0.5 * z * z - (Math.log(sigma) + LOG_SQRT_2PI));
}

function quantile(p: number, mu: number, sigma: number, name: string): number {
  if (!(p >= 0 && p <= 1)) {
    throw evaluationError(`Function "${name}": the probability ${p} is outside [0, 1].`);
  }
  return mu + sigma * standardNormalQuantile(p);
}

function normal(
  name: string,
  operation: (x: number, mu: number, sigma: number, name: string) => number,
): PmmlFunction {
  return typedFunction(name, 3, 'double', (args) => {
    const sigma = toNumber(args[2], name);
    if (!(sigma > 0)) {
      throw evaluationError(`Function "${name}": the standard deviation ${sigma} is not positive.`);
    }
    return operation(toNumber(args[0], name), toNumber(args[1], name), sigma, name);
  });
}

/** erf and the normal distribution: normalCDF(x, mu, sigma), stdNormalIDF(p), ... */
export const DISTRIBUTION_FUNCTIONS: readonly PmmlFunction[] = [
  doubleFunction('erf', preciseErf),
  normal('normalCDF', cdf),
  normal('normalPDF', pdf),
  normal('normalIDF', quantile),
  doubleFunction('stdNormalCDF', (x) => cdf(x, 0, 1)),
  doubleFunction('stdNormalPDF', (x) => pdf(x, 0, 1)),
  doubleFunction('stdNormalIDF', (p) => quantile(p, 0, 1, 'stdNormalIDF')),
];
