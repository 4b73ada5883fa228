import { invalidPmml } from '../../errors';
import { INVERSE_LINKS, inFloat, type InverseLink } from '../../math/link-functions';
import type { ModelCompileEnv, ModelCore } from '../../model/model-types';
import { bestLabel, type Prediction } from '../../model/prediction';
import { parseValueOrText } from '../../values/parse-value';
import type { Value } from '../../values/value';
import { compileRegressionTable } from './regression-table';

const NORMALIZATIONS = [
  'none',
  'simplemax',
  'softmax',
  'logit',
  'probit',
  'cloglog',
  'loglog',
  'cauchit',
  'exp',
] as const;
type Normalization = (typeof NORMALIZATIONS)[number];

function linkFor(method: Normalization, float: boolean): InverseLink | undefined {
  if (method === 'none' || method === 'simplemax' || method === 'softmax') return undefined;
  const link = INVERSE_LINKS[method];
  return float ? inFloat(link) : link;
}

/**
 * RegressionModel: one RegressionTable for regression, one per category for classification,
 * normalised as `normalizationMethod` says. Binary link normalisations (logit, probit, ...)
 * give the first category f(y) and the second 1 − f(y); ordinal targets are cumulative.
 */
export function compileRegressionModel(env: ModelCompileEnv): ModelCore {
  const { element, scope, mathContext } = env;
  const normalization = element.enumAttr('normalizationMethod', NORMALIZATIONS, 'none');
  const tables = element.childrenNamed('RegressionTable');
  if (tables.length === 0)
    throw invalidPmml(`${element.where}: at least one RegressionTable is required.`);
  const compiled = tables.map((table) => compileRegressionTable(table, scope, mathContext));
  const float = mathContext === 'float';
  const link = linkFor(normalization, float);

  if (env.functionName === 'regression') {
    const table = compiled[0];
    return {
      evaluate(context) {
        const y = table(context);
        if (y === null) return null;
        return { value: link ? link(y) : y };
      },
    };
  }
  if (env.functionName !== 'classification') {
    throw invalidPmml(`${element.where}: functionName must be regression or classification.`);
  }

  const targetType = env.target?.field.dataType ?? 'string';
  const labels: Value[] = tables.map((table) =>
    parseValueOrText(table.requiredAttr('targetCategory'), targetType),
  );
  const ordinal = env.target?.field.opType === 'ordinal';
  const count = compiled.length;
  const scores = new Float64Array(count);

  const normalize = (): void => {
    switch (normalization) {
      case 'softmax': {
        let max = -Infinity;
        for (let i = 0; i < count; i++) if (scores[i] > max) max = scores[i];
        let sum = 0;
        for (let i = 0; i < count; i++) {
          scores[i] = float
            ? Math.fround(Math.exp(Math.fround(scores[i] - max)))
            : Math.exp(scores[i] - max);
          sum = float ? Math.fround(sum + scores[i]) : sum + scores[i];
        }
        for (let i = 0; i < count; i++)
          scores[i] = float ? Math.fround(scores[i] / sum) : scores[i] / sum;
        return;
      }
      case 'simplemax': {
        let sum = 0;
        for (let i = 0; i < count; i++) sum += scores[i];
        for (let i = 0; i < count; i++) scores[i] /= sum;
        return;
      }
      case 'none':
        if (count >= 2) {
          let sum = 0;
          for (let i = 0; i < count - 1; i++) sum += scores[i];
          scores[count - 1] = 1 - sum;
        }
        return;
      default: {
        const f = link as InverseLink;
        if (ordinal) {
          let previous = 0;
          for (let i = 0; i < count - 1; i++) {
            const cumulative = f(scores[i]);
            scores[i] = cumulative - previous;
            previous = cumulative;
          }
          scores[count - 1] = 1 - previous;
        } else if (count === 2) {
          scores[0] = f(scores[0]);
          scores[1] = 1 - scores[0];
        } else {
          let sum = 0;
          for (let i = 0; i < count; i++) {
            scores[i] = f(scores[i]);
            sum += scores[i];
          }
          for (let i = 0; i < count; i++) scores[i] /= sum;
        }
      }
    }
  };

  return {
    categories: labels,
    evaluate(context): Prediction | null {
      for (let i = 0; i < count; i++) {
        const y = compiled[i](context);
        if (y === null) return null;
        scores[i] = y;
      }
      normalize();
      const values = new Array<number>(count);
      for (let i = 0; i < count; i++) values[i] = scores[i];
      const probabilities = { labels, values };
      return { value: bestLabel(probabilities), probabilities };
    },
  };
}
