import { evaluationError, invalidPmml } from '../../errors';
import type { ExpressionCompiler } from '../../expressions/compile-expression';
import type { EvalContext, Evaluator } from '../../fields/eval-context';
import type { FieldInfo, FieldScope } from '../../fields/field-scope';
import { castValue, parseValueOrText } from '../../values/parse-value';
import { DATA_TYPES, type DataType, type Value } from '../../values/value';
import type { XmlElement } from '../../xml/xml-element';
import { compileDistribution } from './distributions';

/**
 * Adds one BayesInput's log-likelihoods to the log score of each target category. An input
 * whose value is missing (or matches no PairCounts) adds nothing.
 */
export type InputContribution = (context: EvalContext, scores: Float64Array) => void;

export type Rounding = (value: number) => number;

export interface BayesInputEnv {
  readonly scope: FieldScope;
  readonly expressions: ExpressionCompiler;
  /** Index of a target category named by a TargetValueCount or TargetValueStat. */
  categoryIndex(element: XmlElement): number;
  readonly categoryCount: number;
  /** The probability that replaces zero counts and small densities. */
  readonly threshold: number;
  readonly round: Rounding;
}

function numericValue(value: Exclude<Value, null>, field: FieldInfo): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  const parsed = Number(value);
  if (value.trim() === '' || Number.isNaN(parsed)) {
    throw evaluationError(
      `Field "${field.name}" has the non-numeric value ${JSON.stringify(value)}.`,
    );
  }
  return parsed;
}

/** TargetValueStats: a density per target category, floored at the threshold. */
function continuousInput(
  stats: XmlElement,
  field: FieldInfo,
  env: BayesInputEnv,
): InputContribution {
  const entries = stats.childrenNamed('TargetValueStat');
  const categories = Int32Array.from(entries, (stat) => env.categoryIndex(stat));
  const densities = entries.map((stat) => compileDistribution(stat, field.name));
  const { threshold, round } = env;
  const slot = field.slot;
  return (context, scores) => {
    const raw = context.get(slot);
    if (raw === null) return;
    const x = numericValue(raw, field);
    for (let index = 0; index < categories.length; index++) {
      let probability = densities[index](x);
      if (probability < threshold) probability = threshold;
      const category = categories[index];
      scores[category] = round(scores[category] + round(Math.log(probability)));
    }
  };
}

/** The BayesInput's value: the field's, or its DerivedField's (a discretisation) cast to type. */
function categoricalValue(
  input: XmlElement,
  field: FieldInfo,
  env: BayesInputEnv,
): { readonly evaluate: Evaluator; readonly dataType: DataType } {
  const derived = input.child('DerivedField');
  const slot = field.slot;
  if (!derived) return { evaluate: (context) => context.get(slot), dataType: field.dataType };
  const expression = env.expressions.compileChild(derived, env.scope);
  const declared = derived.enumAttr('dataType', DATA_TYPES) ?? expression.dataType ?? 'string';
  const evaluate = expression.evaluate;
  const cast: Evaluator =
    expression.dataType === declared
      ? evaluate
      : (context) => {
          const value = evaluate(context);
          return castValue(value, declared);
        };
  // The field itself must be present: a discretisation's mapMissingTo does not count.
  return {
    evaluate: (context) => (context.get(slot) === null ? null : cast(context)),
    dataType: declared,
  };
}

/**
 * PairCounts: P(value | category) = count / (sum of the category's counts over all values of
 * the input); a zero count gives the threshold. Log-probabilities are computed here, once.
 */
function categoricalInput(
  input: XmlElement,
  field: FieldInfo,
  env: BayesInputEnv,
): InputContribution {
  const { evaluate, dataType } = categoricalValue(input, field, env);
  const pairs = input.childrenNamed('PairCounts').map((pair) => {
    const counts = pair.requiredChild('TargetValueCounts').childrenNamed('TargetValueCount');
    return {
      key: parseValueOrText(pair.requiredAttr('value'), dataType),
      categories: Int32Array.from(counts, (count) => env.categoryIndex(count)),
      counts: Float64Array.from(counts, (count) => count.requiredNumberAttr('count')),
    };
  });
  const countSums = new Float64Array(env.categoryCount);
  for (const pair of pairs)
    pair.counts.forEach((count, index) => (countSums[pair.categories[index]] += count));

  const pairIndex = new Map<Value, number>();
  const logProbabilities = pairs.map((pair, index) => {
    if (!pairIndex.has(pair.key)) pairIndex.set(pair.key, index);
    return pair.counts.map((count, at) =>
      env.round(
        Math.log(
          Math.abs(count) <= ZERO_COUNT ? env.threshold : count / countSums[pair.categories[at]],
        ),
      ),
    );
  });
  const { round } = env;
  return (context, scores) => {
    const value = evaluate(context);
    if (value === null) return;
    const index = pairIndex.get(value);
    if (index === undefined) return;
    const categories = pairs[index].categories;
    const logs = logProbabilities[index];
    for (let at = 0; at < categories.length; at++) {
      const category = categories[at];
      scores[category] = round(scores[category] + logs[at]);
    }
  };
}

/** Counts this close to zero are zero (JPMML's tolerance). */
const ZERO_COUNT = 2 ** -53;

export function compileBayesInput(input: XmlElement, env: BayesInputEnv): InputContribution {
  const field = env.scope.resolve(input.requiredAttr('fieldName'), input.where);
  const stats = input.child('TargetValueStats');
  if (stats) return continuousInput(stats, field, env);
  if (input.childrenNamed('PairCounts').length === 0) {
    throw invalidPmml(`${input.where}: a BayesInput needs TargetValueStats or PairCounts.`);
  }
  return categoricalInput(input, field, env);
}
