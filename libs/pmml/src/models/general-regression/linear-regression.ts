import { unsupported } from '../../errors';
import type { ModelCore } from '../../model/model-types';
import { compileDotProduct } from './dot-product';
import { compileLinkResponse } from './link-functions';
import { rowsFor, singleParameterVector, type ModelParts } from './model-parts';
import { compileStandardError } from './standard-error';

/**
 * regression and generalLinear predict the linear predictor itself; generalizedLinear adds
 * the offset, applies the inverse link and multiplies by the trials.
 */
export function compileLinearRegression(parts: ModelParts, generalized: boolean): ModelCore {
  const rows = rowsFor(parts, null);
  const dotProduct = compileDotProduct(singleParameterVector(parts), rows, parts.round);
  const response = generalized
    ? compileLinkResponse(parts.model, parts.scope, parts.round)
    : undefined;

  return {
    evaluate(context) {
      const linear = dotProduct(context);
      if (linear === null) return null;
      return { value: response ? response(linear, context) : linear };
    },
    outputFeature(field, feature) {
      if (feature !== 'standardError') return undefined;
      if (generalized) {
        throw unsupported(
          `${field.where}: feature "standardError" is supported for regression and generalLinear models only.`,
        );
      }
      const standardError = compileStandardError(parts.model, field, rows);
      return (prediction, context) => (prediction ? standardError(context) : null);
    },
  };
}
