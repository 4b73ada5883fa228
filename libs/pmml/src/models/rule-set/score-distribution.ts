import { invalidPmml } from '../../errors';
import type { CategoryScores } from '../../model/prediction';
import { INVALID, parseValue } from '../../values/parse-value';
import type { DataType, Value } from '../../values/value';
import type { XmlElement } from '../../xml/xml-element';

export function typedCategory(text: string, dataType: DataType, where: string): Value {
  const value = parseValue(text, dataType);
  if (value === INVALID) throw invalidPmml(`${where}: "${text}" is not a valid ${dataType}.`);
  return value;
}

/**
 * The class distribution of the records a rule (or the whole RuleSet) covered, from its
 * ScoreDistribution elements: their `probability` when every one gives it, else the record
 * counts normalised. Undefined when there are none or the counts sum to zero.
 */
export function readScoreDistribution(
  parent: XmlElement,
  dataType: DataType,
): CategoryScores | undefined {
  const entries = parent.childrenNamed('ScoreDistribution');
  if (entries.length === 0) return undefined;
  const labels = entries.map((entry) =>
    typedCategory(entry.requiredAttr('value'), dataType, entry.where),
  );
  if (entries.every((entry) => entry.has('probability'))) {
    return {
      labels,
      values: Float64Array.from(entries, (entry) => entry.requiredNumberAttr('probability')),
    };
  }
  const counts = Float64Array.from(entries, (entry) => entry.requiredNumberAttr('recordCount'));
  let total = 0;
  for (const count of counts) total += count;
  if (total <= 0) return undefined;
  return { labels, values: counts.map((count) => count / total) };
}
