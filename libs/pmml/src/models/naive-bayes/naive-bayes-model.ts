import { evaluationError, invalidPmml } from '../../errors';
import { valuesEqual } from '../../functions/argument-conversions';
import type { ModelCompileEnv, ModelCore } from '../../model/model-types';
import { bestLabel } from '../../model/prediction';
import { parseValueOrText } from '../../values/parse-value';
import type { Value } from '../../values/value';
import type { XmlElement } from '../../xml/xml-element';
import { compileBayesInput, type BayesInputEnv, type Rounding } from './bayes-input';

/**
 * BayesInputs in document order; producers of PMML before 4.2 (R's pmml package) put
 * BayesInputs with TargetValueStats inside an Extension, and those come last.
 */
function bayesInputs(model: XmlElement): XmlElement[] {
  const container = model.requiredChild('BayesInputs');
  const extended = container
    .childrenNamed('Extension')
    .flatMap((extension) => extension.childrenNamed('BayesInput'));
  const inputs = [...container.childrenNamed('BayesInput'), ...extended];
  if (inputs.length === 0)
    throw invalidPmml(`${container.where}: at least one BayesInput is required.`);
  return inputs;
}

/** Exponentiates log scores relative to their maximum and normalises them, in place. */
function softmax(scores: Float64Array, round: Rounding): void {
  let max = scores[0];
  for (let index = 1; index < scores.length; index++) if (scores[index] > max) max = scores[index];
  let sum = 0;
  for (let index = 0; index < scores.length; index++) {
    scores[index] = round(Math.exp(round(scores[index] - max)));
    sum = index === 0 ? scores[index] : round(sum + scores[index]);
  }
  if (sum === 1) return;
  if (sum === 0) throw evaluationError('The NaiveBayesModel category scores sum to zero.');
  for (let index = 0; index < scores.length; index++) scores[index] = round(scores[index] / sum);
}

/**
 * NaiveBayesModel: each category's score is ln(prior count) plus, for every input that is
 * present, ln P(input | category); the probabilities are the normalised exponentials.
 */
export function compileNaiveBayesModel(env: ModelCompileEnv): ModelCore {
  const { element, target } = env;
  if (env.functionName !== 'classification')
    throw invalidPmml(
      `${element.where}: a NaiveBayesModel must have functionName "classification".`,
    );
  const threshold = element.numberAttr('threshold');
  if (threshold === undefined)
    throw invalidPmml(`${element.where}: the required attribute "threshold" is missing.`);
  const output = element.requiredChild('BayesOutput');
  const outputField = output.attr('fieldName');
  if (!target || (outputField !== undefined && outputField !== target.field.name)) {
    throw invalidPmml(
      `${output.where}: fieldName "${outputField ?? ''}" is not the model's target field.`,
    );
  }
  const targetType = target.field.dataType;
  const typed = (text: string): Value => parseValueOrText(text, targetType);
  const priorCounts = output.requiredChild('TargetValueCounts').childrenNamed('TargetValueCount');
  if (priorCounts.length === 0)
    throw invalidPmml(`${output.where}: at least one TargetValueCount is required.`);
  const labels = priorCounts.map((count) => typed(count.requiredAttr('value')));
  const round: Rounding = env.mathContext === 'float' ? Math.fround : (value) => value;
  const logPriors = Float64Array.from(priorCounts, (count) =>
    round(Math.log(round(count.requiredNumberAttr('count')))),
  );

  const inputEnv: BayesInputEnv = {
    scope: env.scope,
    expressions: env.expressions,
    categoryCount: labels.length,
    threshold,
    round,
    categoryIndex(cell) {
      const category = typed(cell.requiredAttr('value'));
      const index = labels.findIndex((label) => valuesEqual(label, category));
      if (index < 0) {
        throw invalidPmml(
          `${cell.where}: "${String(category)}" is not a target category of the BayesOutput.`,
        );
      }
      return index;
    },
  };
  const contributions = bayesInputs(element).map((input) => compileBayesInput(input, inputEnv));

  return {
    categories: labels,
    evaluate(context) {
      const values = Float64Array.from(logPriors);
      for (const contribute of contributions) contribute(context, values);
      softmax(values, round);
      const probabilities = { labels, values };
      return { value: bestLabel(probabilities), probabilities };
    },
  };
}
