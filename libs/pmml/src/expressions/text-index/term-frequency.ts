/** How the occurrences of a term in a document are counted (TextIndex's attributes). */
export interface TermMatching {
  /** Edits (insertions, deletions, substitutions) allowed over the whole term. */
  readonly maxLevenshteinDistance: number;
  /** bestHits: count only the occurrences with the fewest edits. */
  readonly bestHits: boolean;
  /** 1 for binary weights: counting can stop at the first occurrence. */
  readonly maxFrequency: number;
}

// Two rows of the distance table, reused between calls (grown when a token is longer).
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/**
 * The Levenshtein distance of two strings if it is at most `limit`, else -1. Only the band of
 * the table within `limit` of the diagonal can hold such distances, so only it is computed.
 */
export function limitedLevenshtein(left: string, right: string, limit: number): number {
  if (Math.abs(left.length - right.length) > limit) return -1;
  if (left.length === 0 || right.length === 0) {
    const distance = Math.max(left.length, right.length);
    return distance <= limit ? distance : -1;
  }
  const outside = limit + 1;
  if (rowA.length <= right.length) {
    rowA = new Int32Array(right.length * 2 + 2);
    rowB = new Int32Array(right.length * 2 + 2);
  }
  let previous = rowA;
  let current = rowB;
  for (let column = 0; column <= right.length; column++)
    previous[column] = Math.min(column, outside);
  for (let row = 1; row <= left.length; row++) {
    const from = Math.max(1, row - limit);
    const to = Math.min(right.length, row + limit);
    current.fill(outside, 0, right.length + 1);
    current[0] = Math.min(row, outside);
    let rowMinimum = current[0];
    const char = left.charCodeAt(row - 1);
    for (let column = from; column <= to; column++) {
      const substitution = previous[column - 1] + (char === right.charCodeAt(column - 1) ? 0 : 1);
      const distance = Math.min(
        substitution,
        previous[column] + 1,
        current[column - 1] + 1,
        outside,
      );
      current[column] = distance;
      if (distance < rowMinimum) rowMinimum = distance;
    }
    if (rowMinimum > limit) return -1;
    [previous, current] = [current, previous];
  }
  const distance = previous[right.length];
  return distance <= limit ? distance : -1;
}

/**
 * How often the term's tokens occur as a run in the document's tokens (both already folded
 * for case-insensitive matching), as JPMML counts: each start position is tried; with a
 * Levenshtein allowance the edits of all tokens of the run add up; bestHits keeps only the
 * runs with the fewest edits.
 */
export function termFrequency(
  document: readonly string[],
  term: readonly string[],
  matching: TermMatching,
): number {
  const { maxLevenshteinDistance, bestHits, maxFrequency } = matching;
  if (document.length === 0 || term.length === 0) return 0;
  let frequency = 0;
  let bestDistance = Infinity;
  for (let start = 0; start + term.length <= document.length; start++) {
    let distance = 0;
    let matched = true;
    for (let index = 0; index < term.length; index++) {
      const allowance = maxLevenshteinDistance - distance;
      const token = document[start + index];
      if (allowance === 0) {
        if (token !== term[index]) {
          matched = false;
          break;
        }
        continue;
      }
      const edits = limitedLevenshtein(token, term[index], allowance);
      if (edits < 0) {
        matched = false;
        break;
      }
      distance += edits;
    }
    if (!matched) continue;
    if (!bestHits) {
      if (++frequency >= maxFrequency) return frequency;
      continue;
    }
    if (distance < bestDistance) {
      bestDistance = distance;
      frequency = 1;
    } else if (distance === bestDistance) {
      frequency++;
    } else {
      continue;
    }
    if (bestDistance === 0 && frequency >= maxFrequency) return frequency;
  }
  return Math.min(frequency, maxFrequency);
}

/** The highest count of any one token in the document (augmentedNormalizedTermFrequency). */
export function highestTokenFrequency(document: readonly string[]): number {
  const counts = new Map<string, number>();
  let highest = 0;
  for (const token of document) {
    const count = (counts.get(token) ?? 0) + 1;
    counts.set(token, count);
    if (count > highest) highest = count;
  }
  return highest;
}
