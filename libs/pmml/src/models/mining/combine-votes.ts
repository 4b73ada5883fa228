import type { Prediction } from '../../model/prediction';
import type { Value } from '../../values/value';
import { MISSING, PRESENT, SKIPPED, tooManyMissing, type SegmentResults } from './segment-results';
import type { MissingPredictionTreatment } from './segmentation-options';

/**
 * majorityVote and weightedMajorityVote: each segment votes for its predicted category (with
 * its weight); probabilities are the shares of the votes. Ties go to the category that got
 * its first vote earliest, as JPMML keeps votes in insertion order. With `continue`, missing
 * predictions vote too, and win by returning a missing result.
 */
export class VoteCounter {
  private votes = new Float64Array(0);
  private order = new Int32Array(0);
  private seen = new Uint8Array(0);

  constructor(
    private readonly treatment: MissingPredictionTreatment,
    private readonly missingThreshold: number,
    private readonly float: boolean,
  ) {}

  combine(results: SegmentResults, labels: readonly Value[]): Prediction | null {
    const { state, weights } = results;
    if (!results.anyPresent() && !results.anyMissing()) return null;
    if (results.anyMissing()) {
      if (this.treatment === 'returnMissing') return null;
      if (tooManyMissing(results, this.missingThreshold)) return null;
    }
    const width = labels.length;
    if (this.votes.length < width) {
      this.votes = new Float64Array(width);
      this.order = new Int32Array(width);
      this.seen = new Uint8Array(width);
    }
    const { votes, order, seen, float } = this;
    votes.fill(0, 0, width);
    seen.fill(0, 0, width);
    let distinct = 0;
    let missingVotes = 0;
    for (let index = 0; index < results.count; index++) {
      const segmentState = results.complete ? PRESENT : state[index];
      if (segmentState === SKIPPED) continue;
      const weight = weights[index];
      if (segmentState === MISSING) {
        missingVotes = float ? Math.fround(missingVotes + weight) : missingVotes + weight;
        continue;
      }
      const label = results.labels[index];
      if (!seen[label]) {
        seen[label] = 1;
        order[distinct++] = label;
      }
      votes[label] = float ? Math.fround(votes[label] + weight) : votes[label] + weight;
    }
    if (distinct === 0) return null;
    let winner = order[0];
    let total = 0;
    for (let rank = 0; rank < distinct; rank++) {
      const label = order[rank];
      if (votes[label] > votes[winner]) winner = label;
      total = float ? Math.fround(total + votes[label]) : total + votes[label];
    }
    if (this.treatment === 'continue' && missingVotes > votes[winner]) return null;
    const values = new Float64Array(width);
    for (let rank = 0; rank < distinct; rank++) {
      const label = order[rank];
      const share = votes[label] / total;
      values[label] = total === 1 ? votes[label] : float ? Math.fround(share) : share;
    }
    return { value: labels[winner], probabilities: { labels, values } };
  }
}
