import { standardNormalCdf } from './normal-distribution';

/** The inverse link functions that RegressionModel and GeneralRegressionModel normalise with. */
export type InverseLink = (value: number) => number;

export const INVERSE_LINKS = {
  logit: (y: number) => 1 / (1 + Math.exp(-y)),
  probit: standardNormalCdf,
  cloglog: (y: number) => 1 - Math.exp(-Math.exp(y)),
  loglog: (y: number) => Math.exp(-Math.exp(-y)),
  cauchit: (y: number) => 0.5 + Math.atan(y) / Math.PI,
  exp: Math.exp,
} as const satisfies Record<string, InverseLink>;

export type InverseLinkName = keyof typeof INVERSE_LINKS;

/** Makes a function compute in float32 precision: input, output and the intermediate step. */
export function inFloat(fn: InverseLink): InverseLink {
  return (value) => Math.fround(fn(Math.fround(value)));
}
