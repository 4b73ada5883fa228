import type { EvalContext } from '../../fields/eval-context';
import type { DataType } from '../../values/value';

/**
 * Numbers the numeric fields that tree predicates compare, in order of first use, so that the
 * compiled predicates refer to a position in a flat array instead of a field.
 */
export class FeatureRegistry {
  private readonly indexBySlot = new Map<number, number>();
  private readonly slotList: number[] = [];
  /** The data type of each feature's field (it tells which thresholds are equivalent). */
  readonly types: DataType[] = [];

  indexOf(slot: number, dataType: DataType): number {
    let index = this.indexBySlot.get(slot);
    if (index === undefined) {
      index = this.slotList.length;
      this.indexBySlot.set(slot, index);
      this.slotList.push(slot);
      this.types.push(dataType);
    }
    return index;
  }

  get slots(): Int32Array {
    return Int32Array.from(this.slotList);
  }
}

/**
 * The current record's numeric tree inputs: `values[i]` holds field i as a number (NaN when
 * missing) and `missing[i]` tells a missing value from a value that is NaN itself.
 */
export class NumericInputs {
  readonly values: Float64Array;
  readonly missing: Uint8Array;
  /** Whether every value of the current record is a number (none missing or NaN). */
  complete = true;
  /**
   * Whether some value of a float or integer field is not a float32 or an integer (an outlier
   * treatment can put one there): thresholds narrowed to float32 do not apply to it.
   */
  offGrid = false;
  /** Per value: 1 for a float field, 2 for an integer field, 0 otherwise. */
  private readonly grid: Uint8Array;

  /**
   * `values` may be given (memory a WebAssembly kernel reads); it must hold the slots.
   * `types` (the fields' data types) enables the `offGrid` check.
   */
  constructor(
    readonly slots: Int32Array,
    values?: Float64Array,
    types: readonly DataType[] = [],
  ) {
    // Never empty: a forest's leaves read position 0 whatever they compare.
    this.values = values ?? new Float64Array(Math.max(1, slots.length));
    this.missing = new Uint8Array(Math.max(1, slots.length));
    this.grid = Uint8Array.from(slots, (_, index) =>
      types[index] === 'float' ? 1 : types[index] === 'integer' ? 2 : 0,
    );
  }

  read(context: EvalContext): void {
    const { slots, values, missing, grid } = this;
    let complete = true;
    let offGrid = false;
    for (let index = 0; index < slots.length; index++) {
      const value = context.get(slots[index]);
      if (value === null) {
        values[index] = NaN;
        missing[index] = 1;
        complete = false;
      } else {
        const number = typeof value === 'number' ? value : Number(value);
        values[index] = number;
        missing[index] = 0;
        if (number !== number) complete = false;
        else if (
          grid[index] === 1
            ? Math.fround(number) !== number
            : grid[index] === 2 && Math.floor(number) !== number
        )
          offGrid = true;
      }
    }
    this.complete = complete;
    this.offGrid = offGrid;
  }
}
