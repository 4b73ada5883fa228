import {
  ALL_SPEC,
  DAY_OF_MONTH,
  DAY_OF_WEEK,
  FIELD_NAMES,
  LAST_SEARCHED_YEAR,
  MONTH,
  NO_SPEC,
  YEAR,
} from './quartz-cron-expression';
import { FieldProblem } from './quartz-value-readers';

// Quartz fills a year range up to MAX_YEAR; larger years can never fire (the search stops at
// LAST_SEARCHED_YEAR), so ranges are not filled beyond it.
const YEAR_FILL_LIMIT = LAST_SEARCHED_YEAR + 1;

const VALUE_RANGES: readonly (readonly [number, number])[] = [
  [0, 59],
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [1, 7],
  [1970, Number.MAX_SAFE_INTEGER],
];
const WRAP_LENGTHS = [60, 60, 24, 31, 12, 7];
const ONE_BASED = new Set([DAY_OF_MONTH, MONTH, DAY_OF_WEEK]);

export function rangeProblem(type: number): string {
  switch (type) {
    case MONTH:
      return 'months must be between 1 and 12 (or JAN-DEC)';
    case DAY_OF_WEEK:
      return 'days of the week must be between 1 and 7 (1 = SUN, 7 = SAT)';
    default: {
      const [min, max] = VALUE_RANGES[type];
      return `values must be between ${min} and ${max}`;
    }
  }
}

/** The value sets of the seven fields as Quartz fills them, markers included. */
export class QuartzValueSets {
  private readonly sets: Set<number>[] = FIELD_NAMES.map(() => new Set<number>());

  constructor(private readonly maxYear: number) {}

  /** Adds one value unchecked, as Quartz does for `nL`, `nW` and `n#k`. */
  addUnchecked(value: number, type: number): void {
    this.sets[type].add(value);
  }

  has(value: number, type: number): boolean {
    return this.sets[type].has(value);
  }

  /** TreeSet.last(); undefined for an empty set. */
  largest(type: number): number | undefined {
    const set = this.sets[type];
    return set.size === 0 ? undefined : Math.max(...set);
  }

  sorted(type: number): readonly number[] {
    return Object.freeze([...this.sets[type]].sort((a, b) => a - b));
  }

  /**
   * addToSet: a value, a range `value-end` or a step (`increment`, 0 or -1 for none); -1 for an
   * end means the field maximum. Checks the bounds of the field.
   */
  add(value: number, end: number, increment: number, type: number): void {
    const set = this.sets[type];
    if (
      value !== ALL_SPEC &&
      !(value === NO_SPEC && (type === DAY_OF_MONTH || type === DAY_OF_WEEK))
    ) {
      const [min, max] = VALUE_RANGES[type];
      const below = type === DAY_OF_WEEK ? value === 0 : value < min;
      if (type !== YEAR && (below || value > max || end > max)) {
        throw new FieldProblem(rangeProblem(type));
      }
    }

    if ((increment === 0 || increment === -1) && value !== ALL_SPEC) {
      set.add(value !== -1 ? value : NO_SPEC);
      return;
    }

    let startAt = value;
    let stopAt = end;
    if (value === ALL_SPEC && increment <= 0) {
      increment = 1;
      set.add(ALL_SPEC);
    }
    const [first, last] = type === YEAR ? [1970, this.maxYear] : VALUE_RANGES[type];
    if (stopAt === -1) stopAt = last;
    if (startAt === -1 || startAt === ALL_SPEC) startAt = first;

    // A range whose end is before its start wraps around ("FRI-MON", "22-2").
    let wrap = -1;
    if (stopAt < startAt) {
      if (type === YEAR) throw new FieldProblem('a year range must not end before it starts');
      wrap = WRAP_LENGTHS[type];
      stopAt += wrap;
    }
    if (type === YEAR) stopAt = Math.min(stopAt, YEAR_FILL_LIMIT);

    for (let i = startAt; i <= stopAt; i += increment) {
      if (wrap === -1) {
        set.add(i);
      } else {
        const wrapped = i % wrap;
        // 1-based fields hold their maximum, not 0.
        set.add(wrapped === 0 && ONE_BASED.has(type) ? wrap : wrapped);
      }
    }
  }
}
