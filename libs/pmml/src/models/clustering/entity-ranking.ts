import type { OutputComputer } from '../../model/model-types';
import { scoreOf, type Prediction, type RankedEntities } from '../../model/prediction';
import type { Value } from '../../values/value';
import type { XmlElement } from '../../xml/xml-element';
import type { MeasureKind } from './comparison-measure';

/**
 * Every entity ordered from best to worst affinity, sorted only when an output reads it.
 * Ties keep document order, as JPMML's stable sort does.
 */
export class LazyRanking implements RankedEntities {
  private sortedIds: Value[] | undefined;
  private sortedAffinities: number[] | undefined;

  constructor(
    private readonly entityIds: readonly Value[],
    private readonly values: Float64Array,
    private readonly kind: MeasureKind,
  ) {}

  get ids(): readonly Value[] {
    return this.sortedIds ?? this.sort().ids;
  }

  get affinities(): readonly number[] {
    return this.sortedAffinities ?? this.sort().affinities;
  }

  private sort(): { ids: Value[]; affinities: number[] } {
    const { values } = this;
    const order = Array.from(values, (_value, index) => index);
    if (this.kind === 'distance') order.sort((a, b) => values[a] - values[b]);
    else order.sort((a, b) => values[b] - values[a]);
    const ids = order.map((index) => this.entityIds[index]);
    const affinities = order.map((index) => values[index]);
    this.sortedIds = ids;
    this.sortedAffinities = affinities;
    return { ids, affinities };
  }
}

/** Reads the winning entity's affinity from a prediction. */
export type WinnerAffinity = (prediction: Prediction) => Value;

/** The winner's affinity among every entity's (clusters), without ranking them. */
export const affinityOfEntity: WinnerAffinity = (prediction) =>
  prediction.affinities && prediction.entityId !== undefined
    ? scoreOf(prediction.affinities, prediction.entityId)
    : null;

/**
 * The output features that read only the winning entity: clusterId and the affinity features
 * without a value attribute (JPMML reads the winner whatever their rank), entityId and
 * affinity at rank 1. Reading them does not rank the entities. The rest is generic.
 */
export function winningEntityFeature(
  field: XmlElement,
  feature: string,
  winnerAffinity: WinnerAffinity,
): OutputComputer | undefined {
  const firstRank = field.integerAttr('rank', 1) === 1;
  switch (feature) {
    case 'clusterId':
      return (prediction) => prediction?.entityId ?? null;
    case 'entityId':
      return firstRank ? (prediction) => prediction?.entityId ?? null : undefined;
    case 'affinity':
      if (field.has('value') || !firstRank) return undefined;
      return (prediction) => (prediction ? winnerAffinity(prediction) : null);
    case 'entityAffinity':
    case 'clusterAffinity':
      if (field.has('value')) return undefined;
      return (prediction) => (prediction ? winnerAffinity(prediction) : null);
    default:
      return undefined;
  }
}
