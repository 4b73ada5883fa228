import { evaluationError, invalidPmml, unsupported } from '../../errors';
import { parseValueOrText } from '../../values/parse-value';
import type { EvalContext } from '../../fields/eval-context';
import { valuesEqual } from '../../functions/argument-conversions';
import type { ModelCore, TargetInfo } from '../../model/model-types';
import { bestLabel } from '../../model/prediction';
import type { Value } from '../../values/value';
import type { XmlElement } from '../../xml/xml-element';
import { compileDotProduct, type DotProduct } from './dot-product';
import {
  compileCumulativeResponse,
  compileLinkResponse,
  type ResponseFunction,
} from './link-functions';
import { rowsFor, type ModelParts } from './model-parts';
import type { Rounding } from './parameter-rows';
import { findGroup } from './target-category-groups';

export type ClassificationModelType =
  'multinomialLogistic' | 'ordinalMultinomial' | 'generalizedLinear';

/**
 * The target's categories in scoring order: as declared, with the reference category (the
 * targetReferenceCategory, else the one category without PCells) moved to the end.
 */
function orderedCategories(
  parts: ModelParts,
  modelType: ClassificationModelType,
  target: TargetInfo,
): Value[] {
  const { model } = parts;
  const categories = [...target.categories];
  if (categories.length < 2) {
    throw invalidPmml(
      `${model.where}: the target "${target.field.name}" needs at least two declared categories.`,
    );
  }
  const referenceText = model.attr('targetReferenceCategory');
  let reference: Value | undefined =
    referenceText === undefined
      ? undefined
      : parseValueOrText(referenceText, target.field.dataType);
  if (reference === undefined && modelType !== 'ordinalMultinomial') {
    const withoutCells = categories.filter(
      (category) => findGroup(parts.cellGroups, category) === undefined,
    );
    if (withoutCells.length !== 1) {
      throw invalidPmml(
        `${model.where}: without targetReferenceCategory, exactly one target category must have no PCells (found ${withoutCells.length}).`,
      );
    }
    reference = withoutCells[0];
  }
  if (reference !== undefined) {
    const at = categories.findIndex((category) => valuesEqual(category, reference));
    if (at >= 0) categories.push(...categories.splice(at, 1));
  }
  return categories;
}

/** The PCells that score one (non-reference) category. */
function cellsFor(
  parts: ModelParts,
  modelType: ClassificationModelType,
  category: Value,
  categoryCount: number,
): XmlElement[] {
  const own = findGroup(parts.cellGroups, category)?.items;
  const shared = findGroup(parts.cellGroups, null)?.items;
  const where = parts.model.child('ParamMatrix')?.where ?? parts.model.where;
  if (modelType === 'ordinalMultinomial') {
    // One intercept per category; every other parameter is shared by all categories.
    if (own?.length !== 1 || !shared) {
      throw invalidPmml(
        `${where}: an ordinalMultinomial model needs one PCell for category "${String(category)}" and PCells without targetCategory.`,
      );
    }
    return [...own, ...shared];
  }
  // Binomial models may leave targetCategory out of their PCells.
  const cells = own ?? (categoryCount === 2 ? shared : undefined);
  if (!cells) throw invalidPmml(`${where}: no PCells for target category "${String(category)}".`);
  return cells;
}

/**
 * Fills the probabilities of the categories (the reference one last) for the current record,
 * or returns false when a predictor's input is missing.
 */
type ProbabilityRule = (scores: Float64Array, context: EvalContext) => boolean;

function softmaxRule(products: readonly DotProduct[], round: Rounding): ProbabilityRule {
  const reference = products.length;
  return (scores, context) => {
    for (let index = 0; index < reference; index++) {
      const linear = products[index](context);
      if (linear === null) return false;
      scores[index] = round(Math.exp(linear));
    }
    // The reference category's parameters are all zero: exp(0).
    scores[reference] = 1;
    let sum = scores[0];
    for (let index = 1; index <= reference; index++) sum = round(sum + scores[index]);
    if (sum === 1) return true;
    if (sum === 0) throw evaluationError('The category scores sum to zero.');
    for (let index = 0; index <= reference; index++) scores[index] = round(scores[index] / sum);
    return true;
  };
}

/**
 * The response of each category's predictor is its probability (cumulative: the differences
 * of successive responses); the reference category gets 1 minus the last response.
 */
function responseRule(
  products: readonly DotProduct[],
  response: ResponseFunction,
  cumulative: boolean,
  round: Rounding,
): ProbabilityRule {
  const reference = products.length;
  return (scores, context) => {
    let previous = 0;
    for (let index = 0; index < reference; index++) {
      const linear = products[index](context);
      if (linear === null) return false;
      const value = response(linear, context);
      scores[index] = cumulative && index > 0 ? round(value - previous) : value;
      previous = value;
    }
    scores[reference] = round(1 - previous);
    return true;
  };
}

/**
 * multinomialLogistic: softmax against the reference category. ordinalMultinomial: the
 * differences of cumulative probabilities. generalizedLinear (binomial): the response of the
 * first category and its complement.
 */
export function compileClassification(
  parts: ModelParts,
  modelType: ClassificationModelType,
  target: TargetInfo | undefined,
): ModelCore {
  const { model, scope, round } = parts;
  if (!target || target.field.opType === 'continuous') {
    throw invalidPmml(`${model.where}: classification needs a categorical or ordinal target.`);
  }
  const labels = orderedCategories(parts, modelType, target);
  const products = labels
    .slice(0, -1)
    .map((category) =>
      compileDotProduct(
        cellsFor(parts, modelType, category, labels.length),
        rowsFor(parts, category),
        round,
      ),
    );
  const toProbabilities =
    modelType === 'multinomialLogistic'
      ? softmaxRule(products, round)
      : modelType === 'ordinalMultinomial'
        ? responseRule(products, compileCumulativeResponse(model, scope, round), true, round)
        : responseRule(products, compileLinkResponse(model, scope, round), false, round);

  return {
    categories: labels,
    evaluate(context) {
      const values = new Float64Array(labels.length);
      if (!toProbabilities(values, context)) return null;
      const probabilities = { labels, values };
      return { value: bestLabel(probabilities), probabilities };
    },
    outputFeature(field, feature) {
      if (feature === 'standardError') {
        throw unsupported(
          `${field.where}: feature "standardError" is not supported for classification models.`,
        );
      }
      return undefined;
    },
  };
}
