import { INVALID, parseValue } from '../../values/parse-value';
import type { DataType, Value } from '../../values/value';

/**
 * The categories a classification model can predict, numbered: the target's declared
 * categories first, then those the document mentions elsewhere, in order of appearance.
 */
export class LabelSet {
  readonly labels: Value[] = [];
  private readonly indexByValue = new Map<Value, number>();
  private readonly indexByText = new Map<string, number>();

  constructor(
    private readonly dataType: DataType,
    declared: readonly Value[] = [],
  ) {
    for (const label of declared) this.indexOfValue(label);
  }

  get size(): number {
    return this.labels.length;
  }

  /** The index of a category written in the document, parsed in the target's data type. */
  indexOfText(text: string): number {
    const known = this.indexByText.get(text);
    if (known !== undefined) return known;
    const parsed = parseValue(text, this.dataType);
    const index = this.indexOfValue(parsed === INVALID || parsed === null ? text : parsed);
    this.indexByText.set(text, index);
    return index;
  }

  /** The index of a category value, added when it is new. */
  indexOfValue(value: Value): number {
    let index = this.indexByValue.get(value);
    if (index === undefined) {
      // Numeric labels may arrive as text from another model, and the other way round.
      index = this.indexByText.get(String(value));
      if (index === undefined) {
        index = this.labels.length;
        this.labels.push(value);
        this.indexByText.set(String(value), index);
      }
      this.indexByValue.set(value, index);
    }
    return index;
  }
}
