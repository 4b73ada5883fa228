import { evaluationError, invalidPmml } from '../../errors';
import type { EvalContext } from '../../fields/eval-context';
import type { FieldScope } from '../../fields/field-scope';
import { standardNormalCdf } from '../../math/normal-distribution';
import type { XmlElement } from '../../xml/xml-element';
import { numericInput, type Rounding } from './parameter-rows';

const LINK_FUNCTIONS = [
  'cloglog',
  'identity',
  'log',
  'logc',
  'logit',
  'loglog',
  'negbin',
  'oddspower',
  'power',
  'probit',
] as const;

const CUMULATIVE_LINKS = ['logit', 'probit', 'cloglog', 'loglog', 'cauchit'] as const;

type Inverse = (value: number) => number;

const inverseLogit: Inverse = (y) => 1 / (1 + Math.exp(-y));
const inverseCloglog: Inverse = (y) => 1 - Math.exp(-Math.exp(y));
const inverseLoglog: Inverse = (y) => Math.exp(-Math.exp(-y));

function inverseLink(model: XmlElement): Inverse {
  const name = model.enumAttr('linkFunction', LINK_FUNCTIONS);
  if (name === undefined) {
    throw invalidPmml(
      `${model.where}: a generalizedLinear model needs the attribute "linkFunction".`,
    );
  }
  const parameter = (attribute: string): number => {
    const value = model.numberAttr(attribute);
    if (value === undefined) {
      throw invalidPmml(
        `${model.where}: linkFunction "${name}" needs the attribute "${attribute}".`,
      );
    }
    return value;
  };
  switch (name) {
    case 'cloglog':
      return inverseCloglog;
    case 'identity':
      return (y) => y;
    case 'log':
      return Math.exp;
    case 'logc':
      return (y) => 1 - Math.exp(y);
    case 'logit':
      return inverseLogit;
    case 'loglog':
      return inverseLoglog;
    case 'probit':
      return standardNormalCdf;
    case 'negbin': {
      const c = parameter('distParameter');
      return (y) => 1 / (c * (Math.exp(-y) - 1));
    }
    case 'oddspower': {
      const d = parameter('linkParameter');
      if (d === 0) return inverseLogit;
      return (y) => 1 / (1 + Math.pow(1 + d * y, -(1 / d)));
    }
    case 'power': {
      const d = parameter('linkParameter');
      if (d === 0) return Math.exp;
      return (y) => Math.pow(y, 1 / d);
    }
  }
}

function inverseCumulativeLink(model: XmlElement): Inverse {
  const name = model.enumAttr('cumulativeLink', CUMULATIVE_LINKS);
  if (name === undefined) {
    throw invalidPmml(
      `${model.where}: an ordinalMultinomial model needs the attribute "cumulativeLink".`,
    );
  }
  switch (name) {
    case 'logit':
      return inverseLogit;
    case 'probit':
      return standardNormalCdf;
    case 'cloglog':
      return inverseCloglog;
    case 'loglog':
      return inverseLoglog;
    case 'cauchit':
      return (y) => 0.5 + (1 / Math.PI) * Math.atan(y);
  }
}

type RecordNumber = (context: EvalContext) => number;

/** A required per-record number: a field's value (missing is an error) or a constant. */
function variableOrValue(
  model: XmlElement,
  scope: FieldScope,
  variableAttribute: string,
  constant: number | undefined,
  integral: boolean,
): RecordNumber | undefined {
  const variable = model.attr(variableAttribute);
  if (variable === undefined) return constant === undefined ? undefined : () => constant;
  const slot = scope.resolve(variable, model.where).slot;
  return (context) => {
    const value = context.get(slot);
    if (value === null) {
      throw evaluationError(
        `Field "${variable}" (the ${variableAttribute} of the model) is missing.`,
      );
    }
    const number = numericInput(value, variable);
    if (integral && !Number.isInteger(number))
      throw evaluationError(`Field "${variable}" must hold an integer, not ${number}.`);
    return number;
  };
}

/** Turns a linear predictor into the model's response: offset, inverse link, trials. */
export type ResponseFunction = (linear: number, context: EvalContext) => number;

function withOffset(
  model: XmlElement,
  scope: FieldScope,
  inverse: Inverse,
  round: Rounding,
): ResponseFunction {
  const offset = variableOrValue(
    model,
    scope,
    'offsetVariable',
    model.numberAttr('offsetValue'),
    false,
  );
  if (!offset) return (linear) => round(inverse(linear));
  return (linear, context) => round(inverse(round(linear + offset(context))));
}

/** generalizedLinear: μ = trials × g⁻¹(η + offset). */
export function compileLinkResponse(
  model: XmlElement,
  scope: FieldScope,
  round: Rounding,
): ResponseFunction {
  const response = withOffset(model, scope, inverseLink(model), round);
  const trials = variableOrValue(
    model,
    scope,
    'trialsVariable',
    model.integerAttr('trialsValue'),
    true,
  );
  if (!trials) return response;
  return (linear, context) => round(response(linear, context) * trials(context));
}

/** ordinalMultinomial: the cumulative probability F(η + offset). */
export function compileCumulativeResponse(
  model: XmlElement,
  scope: FieldScope,
  round: Rounding,
): ResponseFunction {
  return withOffset(model, scope, inverseCumulativeLink(model), round);
}
