import type { Value } from '../values/value';

/** Computes one value from the current record. */
export type Evaluator = (context: EvalContext) => Value;

/**
 * The working memory of one scoring pass: one slot per field of every scope of the model
 * (inputs, derived fields, outputs of segments), numbered at compile time. A slot is valid for
 * the current record when its stamp equals the generation; slots with a computer (derived
 * fields, treated mining fields) are computed on first read and then remembered. Moving to the
 * next record is a counter increment, so nothing is cleared or allocated per record.
 */
export class EvalContext {
  /** The raw record being scored, by input field name. */
  input: Readonly<Record<string, unknown>> = {};
  readonly values: Value[];
  private readonly stamps: Uint32Array;
  /**
   * Inputs that are plain numbers (setNumber), unboxed: stored in `values`, each would be a
   * heap number allocated per record, and a tree ensemble reads them straight into a typed
   * array.
   */
  private readonly numbers: Float64Array;
  private readonly numberStamps: Uint32Array;
  private generation = 1;

  constructor(private readonly computers: readonly (Evaluator | undefined)[]) {
    this.values = new Array<Value>(computers.length).fill(null);
    this.stamps = new Uint32Array(computers.length);
    this.numbers = new Float64Array(computers.length);
    this.numberStamps = new Uint32Array(computers.length);
  }

  /** Forgets every value: the next reads see a new record. */
  nextRecord(): void {
    this.generation++;
    if (this.generation === 0xffffffff) {
      this.stamps.fill(0);
      this.numberStamps.fill(0);
      this.generation = 1;
    }
  }

  get(slot: number): Value {
    if (this.stamps[slot] === this.generation) return this.values[slot];
    if (this.numberStamps[slot] === this.generation) return this.numbers[slot];
    const computer = this.computers[slot];
    const value = computer === undefined ? null : computer(this);
    this.values[slot] = value;
    this.stamps[slot] = this.generation;
    return value;
  }

  set(slot: number, value: Value): void {
    this.values[slot] = value;
    this.stamps[slot] = this.generation;
  }

  /** Sets a slot to a number; a later `set` of the slot in the same record takes over. */
  setNumber(slot: number, value: number): void {
    this.numbers[slot] = value;
    this.numberStamps[slot] = this.generation;
    this.stamps[slot] = 0;
  }

  isSet(slot: number): boolean {
    return this.stamps[slot] === this.generation || this.numberStamps[slot] === this.generation;
  }
}

/** Hands out slot numbers while a document is compiled and collects their computers. */
export class SlotLayout {
  private readonly computers: (Evaluator | undefined)[] = [];
  private uses: Set<number> | undefined;

  /** Runs a compilation and returns it with the slots it resolved (for cycle checks). */
  collectUses<T>(compile: () => T): [T, Set<number>] {
    const outer = this.uses;
    const uses = new Set<number>();
    this.uses = uses;
    try {
      return [compile(), uses];
    } finally {
      this.uses = outer;
      if (outer) for (const slot of uses) outer.add(slot);
    }
  }

  noteUse(slot: number): void {
    this.uses?.add(slot);
  }

  allocate(computer?: Evaluator): number {
    this.computers.push(computer);
    return this.computers.length - 1;
  }

  /** Sets the computer of a slot allocated before its expression could be compiled. */
  define(slot: number, computer: Evaluator): void {
    this.computers[slot] = computer;
  }

  computerOf(slot: number): Evaluator | undefined {
    return this.computers[slot];
  }

  get size(): number {
    return this.computers.length;
  }

  newContext(): EvalContext {
    return new EvalContext(this.computers);
  }
}
