import { evaluationError, invalidPmml } from '../../errors';
import type { Prediction } from '../../model/prediction';
import { parseValueOrText } from '../../values/parse-value';
import type { DataType, Value } from '../../values/value';
import type { XmlElement } from '../../xml/xml-element';

const CLASSIFICATION_METHODS = ['OneAgainstAll', 'OneAgainstOne'] as const;
type ClassificationMethod = (typeof CLASSIFICATION_METHODS)[number];

/** Turns the decision values of all machines into a prediction. */
export type Classifier = (decisions: Float64Array) => Prediction;

export interface CompiledClassifier {
  readonly classify: Classifier;
  readonly labels: readonly Value[];
}

interface ClassificationEnv {
  readonly model: XmlElement;
  readonly machines: readonly XmlElement[];
  readonly dataType: DataType;
  /** The target's declared categories, to infer a binary model's alternate category. */
  readonly targetCategories: readonly Value[];
}

/**
 * The classificationMethod, or, when the attribute is absent, what the machines' attributes
 * imply: producers such as R's pmml package write one-against-one models without it.
 */
function methodOf({ model, machines }: ClassificationEnv): ClassificationMethod {
  const declared = model.enumAttr('classificationMethod', CLASSIFICATION_METHODS);
  if (declared) return declared;
  if (model.has('alternateBinaryTargetCategory')) return 'OneAgainstOne';
  return machines[0].has('alternateTargetCategory') ? 'OneAgainstOne' : 'OneAgainstAll';
}

function labelIndex(labels: Value[], text: string, dataType: DataType): number {
  const label = parseValueOrText(text, dataType);
  const found = labels.indexOf(label);
  if (found >= 0) return found;
  labels.push(label);
  return labels.length - 1;
}

/**
 * One against all: one machine per category; the smallest decision value wins (the largest
 * with maxWins="true"), the first machine on ties.
 */
function oneAgainstAll(env: ClassificationEnv, maxWins: boolean): CompiledClassifier {
  const labels: Value[] = [];
  const targets = Int32Array.from(env.machines, (machine) =>
    labelIndex(labels, machine.requiredAttr('targetCategory'), env.dataType),
  );
  const classify: Classifier = (decisions) => {
    let best = 0;
    for (let m = 1; m < decisions.length; m++) {
      if (maxWins ? decisions[m] > decisions[best] : decisions[m] < decisions[best]) best = m;
    }
    return { value: labels[targets[best]] };
  };
  return { classify, labels };
}

/** The category a binary machine stands against, when the document leaves it implicit. */
function impliedAlternate(env: ClassificationEnv, machine: XmlElement): string {
  const target = machine.requiredAttr('targetCategory');
  const others = env.targetCategories.filter((category) => String(category) !== target);
  if (env.machines.length === 1 && env.targetCategories.length === 2 && others.length === 1)
    return String(others[0]);
  throw invalidPmml(
    `${machine.where}: the required attribute "alternateTargetCategory" is missing.`,
  );
}

/**
 * One against one (and binary models): every machine votes for its targetCategory when its
 * decision value is below the threshold (above it with maxWins="true"), else for its
 * alternateTargetCategory. With the PMML 3 attribute alternateBinaryTargetCategory, the
 * decision value is rounded instead: 1 votes for targetCategory, 0 for the alternate. The
 * most votes win; ties go to the category that received its first vote earliest, as in the
 * reference engine. Probabilities are the shares of the votes.
 */
function oneAgainstOne(env: ClassificationEnv, maxWins: boolean): CompiledClassifier {
  const { model, machines, dataType } = env;
  const labels: Value[] = [];
  const binaryAlternate = model.attr('alternateBinaryTargetCategory');
  const targets = Int32Array.from(machines, (machine) =>
    labelIndex(labels, machine.requiredAttr('targetCategory'), dataType),
  );
  const alternates = Int32Array.from(machines, (machine) =>
    labelIndex(
      labels,
      binaryAlternate ?? machine.attr('alternateTargetCategory') ?? impliedAlternate(env, machine),
      dataType,
    ),
  );
  const modelThreshold = model.numberAttr('threshold', 0);
  const thresholds = Float64Array.from(machines, (machine) =>
    machine.numberAttr('threshold', modelThreshold),
  );
  const rounding = binaryAlternate !== undefined;
  const categoryCount = labels.length;
  const votes = new Float64Array(categoryCount);
  const firstVote = new Int32Array(categoryCount);

  const vote = (m: number, decision: number): number => {
    if (rounding) {
      // Java's Math.round, as the reference engine.
      const rounded = Math.floor(decision + 0.5);
      if (rounded === 1) return targets[m];
      if (rounded === 0) return alternates[m];
      throw evaluationError(
        `SupportVectorMachine ${m + 1}: the decision value ${decision} does not round to 0 or 1.`,
      );
    }
    const threshold = thresholds[m];
    const forTarget = maxWins ? decision > threshold : decision < threshold;
    return forTarget ? targets[m] : alternates[m];
  };

  const classify: Classifier = (decisions) => {
    votes.fill(0);
    for (let m = 0; m < decisions.length; m++) {
      const category = vote(m, decisions[m]);
      if (votes[category] === 0) firstVote[category] = m;
      votes[category]++;
    }
    let best = -1;
    for (let c = 0; c < categoryCount; c++) {
      if (votes[c] === 0) continue;
      if (
        best < 0 ||
        votes[c] > votes[best] ||
        (votes[c] === votes[best] && firstVote[c] < firstVote[best])
      )
        best = c;
    }
    const probabilities = new Float64Array(categoryCount);
    for (let c = 0; c < categoryCount; c++) probabilities[c] = votes[c] / decisions.length;
    return { value: labels[best], probabilities: { labels, values: probabilities } };
  };
  return { classify, labels };
}

export function compileClassifier(env: ClassificationEnv): CompiledClassifier {
  const maxWins = env.model.booleanAttr('maxWins', false);
  // A single machine is a binary model: it always decides by threshold.
  if (env.machines.length === 1 || methodOf(env) === 'OneAgainstOne')
    return oneAgainstOne(env, maxWins);
  return oneAgainstAll(env, maxWins);
}
