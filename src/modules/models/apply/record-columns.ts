/**
 * A chunk of input records kept column-wise (field name → one raw value per record), the form
 * `CompiledPmml.scoreColumns` takes. A record that lacks a field has `undefined` (missing) there.
 */
export class RecordColumns {
  private readonly byName = new Map<string, unknown[]>();
  private size = 0;

  /** How many records the chunk holds. */
  get count(): number {
    return this.size;
  }

  /** Adds a record given as an object (a JSON record): every own key becomes a column. */
  addObject(record: Readonly<Record<string, unknown>>): void {
    for (const name of Object.keys(record)) this.column(name)[this.size] = record[name];
    this.size++;
  }

  /** Adds a record given as cells under `names` (a CSV row); missing trailing cells are missing. */
  addCells(names: readonly string[], cells: readonly unknown[]): void {
    for (let index = 0; index < names.length; index++) {
      this.column(names[index])[this.size] = cells[index];
    }
    this.size++;
  }

  /** The columns as `scoreColumns` takes them. */
  columns(): Record<string, unknown[]> {
    // fromEntries defines own properties, so a field named __proto__ stays a column.
    return Object.fromEntries(this.byName);
  }

  private column(name: string): unknown[] {
    let column = this.byName.get(name);
    if (!column) {
      // Records before this one did not name the field: they read undefined from the holes.
      column = new Array<unknown>(this.size);
      this.byName.set(name, column);
    }
    return column;
  }
}
