import type { Value } from '../../values/value';
import type { RuleProgram } from './rule-program';

export const CRITERIA = ['firstHit', 'weightedSum', 'weightedMax'] as const;
export type Criterion = (typeof CRITERIA)[number];

/** The outcome of one record: the winning rule and a confidence per fired score, in firing order. */
export interface RuleSelection {
  readonly winner: number;
  readonly labels: Value[];
  readonly confidences: Float64Array;
}

/**
 * Combines the fired rules as JPMML does. Rules are grouped by score in order of first firing.
 * firstHit: the first fired rule wins; each score's confidence is that of its first rule.
 * weightedSum: each score gets the sum of its rules' weights over the number of fired rules.
 * weightedMax: each score gets the confidence of its heaviest rule. For both weighted methods
 * the winner is the heaviest rule (first on ties) of the score with the highest value (first
 * on ties).
 */
export function createRuleSelector(
  criterion: Criterion,
  program: RuleProgram,
): (fired: Int32Array, count: number) => RuleSelection {
  const { rules, scoreKeys } = program;
  const keyCount = scoreKeys.length;
  const positionOfKey = new Int32Array(keyCount).fill(-1);
  const keyOrder = new Int32Array(keyCount);
  const keyWinner = new Int32Array(keyCount);
  const keyWeightSum = new Float64Array(keyCount);

  return (fired, count) => {
    let keysSeen = 0;
    for (let index = 0; index < count; index++) {
      const rule = rules[fired[index]];
      const key = rule.scoreKey;
      if (positionOfKey[key] < 0) {
        positionOfKey[key] = keysSeen;
        keyOrder[keysSeen++] = key;
        keyWinner[key] = fired[index];
        keyWeightSum[key] = rule.weight;
        continue;
      }
      keyWeightSum[key] += rule.weight;
      if (criterion !== 'firstHit' && rules[keyWinner[key]].weight < rule.weight) {
        keyWinner[key] = fired[index];
      }
    }

    const labels = new Array<Value>(keysSeen);
    const confidences = new Float64Array(keysSeen);
    let best = -1;
    for (let position = 0; position < keysSeen; position++) {
      const key = keyOrder[position];
      positionOfKey[key] = -1;
      labels[position] = scoreKeys[key];
      confidences[position] =
        criterion === 'weightedSum' ? keyWeightSum[key] / count : rules[keyWinner[key]].confidence;
      if (best < 0 || confidences[position] > confidences[best]) best = position;
    }
    const winner = criterion === 'firstHit' ? fired[0] : keyWinner[keyOrder[best]];
    return { winner, labels, confidences };
  };
}
