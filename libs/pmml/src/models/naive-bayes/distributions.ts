import { evaluationError, invalidPmml } from '../../errors';
import type { XmlElement } from '../../xml/xml-element';

/** The density (or probability mass) of a TargetValueStat's distribution at x. */
export type Density = (x: number) => number;

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

function gaussian(element: XmlElement): Density {
  const mean = element.requiredNumberAttr('mean');
  const variance = element.requiredNumberAttr('variance');
  if (!(variance > 0))
    throw invalidPmml(`${element.where}: variance must be positive, not ${variance}.`);
  const standardDeviation = Math.sqrt(variance);
  // exp(-z²/2 - log(σ√(2π))), evaluated in this order as JPMML's (Commons Math) density is.
  const logNormalizer = Math.log(standardDeviation) + HALF_LOG_TWO_PI;
  return (x) => {
    const z = (x - mean) / standardDeviation;
    return Math.exp(-0.5 * z * z - logNormalizer);
  };
}

/** ln(n!) for n ≤ 170, from the factorials themselves (exact to 22!, within a few ulps beyond). */
const LOG_FACTORIALS = (() => {
  const table = new Float64Array(171);
  let factorial = 1;
  for (let n = 1; n < table.length; n++) {
    factorial *= n;
    table[n] = Math.log(factorial);
  }
  return table;
})();

/** ln(n!) for an integer n ≥ 0; Stirling's series beyond the table. */
function logFactorial(n: number): number {
  if (n < LOG_FACTORIALS.length) return LOG_FACTORIALS[n];
  const inverse = 1 / n;
  const inverseSquared = inverse * inverse;
  return (
    n * Math.log(n) -
    n +
    0.5 * Math.log(2 * Math.PI * n) +
    inverse * (1 / 12 - inverseSquared * (1 / 360 - inverseSquared / 1260))
  );
}

function poisson(element: XmlElement, fieldName: string): Density {
  const mean = element.requiredNumberAttr('mean');
  if (!(mean > 0)) throw invalidPmml(`${element.where}: mean must be positive, not ${mean}.`);
  const logMean = Math.log(mean);
  return (x) => {
    if (!Number.isInteger(x)) {
      throw evaluationError(
        `Field "${fieldName}" must hold an integer for its PoissonDistribution, not ${x}.`,
      );
    }
    if (x < 0) return 0;
    if (x === 0) return Math.exp(-mean);
    return Math.exp(x * logMean - mean - logFactorial(x));
  };
}

/** Naive Bayes allows Gaussian and Poisson distributions only (PMML 4.4, NaiveBayesModel). */
export function compileDistribution(stat: XmlElement, fieldName: string): Density {
  const distribution = stat.contentChildren[0];
  switch (distribution?.name) {
    case 'GaussianDistribution':
      return gaussian(distribution);
    case 'PoissonDistribution':
      return poisson(distribution, fieldName);
    case undefined:
      throw invalidPmml(`${stat.where}: a TargetValueStat needs a distribution element.`);
    default:
      throw invalidPmml(
        `${distribution.where}: a NaiveBayesModel allows only GaussianDistribution and PoissonDistribution.`,
      );
  }
}
