import { csvCell } from './csv-format';

type Cell = string | number | boolean | null | undefined;

const COMMA = 44;
const LINE_FEED = 10;
const ASCII_LIMIT = 0x80;

/**
 * CSV output written straight into UTF-8 bytes. Building a line per record by string
 * concatenation costs more than converting the cells themselves (a rope per line, flattened
 * again for the file), so cells are converted a column at a time and their characters
 * copied into a growing buffer.
 */
export class CsvBytes {
  private bytes = new Uint8Array(new ArrayBuffer(1 << 16));
  private length = 0;

  /** The bytes written so far (a view, valid until the next write). */
  get view(): Uint8Array<ArrayBuffer> {
    return this.bytes.subarray(0, this.length);
  }

  /** Appends rows given as columns of cell texts (see cellTexts), each row ended by a line feed. */
  rows(columns: readonly (readonly string[])[], count: number): void {
    const width = columns.length;
    for (let row = 0; row < count; row++) {
      if (width === 1) {
        // A lone empty cell is written "" so that the line is not blank.
        const only = columns[0][row];
        this.text(only === '' ? '""' : only, LINE_FEED);
      } else {
        for (let column = 0; column < width; column++)
          this.text(columns[column][row], column + 1 < width ? COMMA : LINE_FEED);
      }
    }
  }

  /**
   * Appends a text and then the byte `after`: ASCII is copied as is, anything else encoded as
   * UTF-8. The copy works on locals: reading the fields per character cost as much again.
   */
  text(text: string, after?: number): void {
    const size = text.length;
    if (this.length + size + 1 > this.bytes.length) this.reserve(size + 1);
    const bytes = this.bytes;
    let at = this.length;
    for (let index = 0; index < size; index++) {
      const code = text.charCodeAt(index);
      if (code >= ASCII_LIMIT) {
        this.length = at;
        this.encode(text.slice(index));
        if (after !== undefined) this.text('', after);
        return;
      }
      bytes[at++] = code;
    }
    if (after !== undefined) bytes[at++] = after;
    this.length = at;
  }

  private encode(text: string): void {
    const encoded = Buffer.from(text, 'utf8');
    this.reserve(encoded.length);
    this.bytes.set(encoded, this.length);
    this.length += encoded.length;
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const grown = new Uint8Array(
      new ArrayBuffer(Math.max(2 * this.bytes.length, this.length + extra)),
    );
    grown.set(this.view);
    this.bytes = grown;
  }
}

/**
 * The CSV text of each cell of a column: numbers in shortest round-trip form, booleans as
 * words, missing as empty, text quoted when it must be (once per distinct text).
 */
export function cellTexts(values: ArrayLike<Cell>): string[] {
  const texts = new Array<string>(values.length);
  const quoted = new Map<string, string>();
  for (let row = 0; row < values.length; row++) {
    const value = values[row];
    if (typeof value === 'number') {
      texts[row] = String(value);
    } else if (typeof value === 'string') {
      let text = quoted.get(value);
      if (text === undefined) {
        text = csvCell(value);
        quoted.set(value, text);
      }
      texts[row] = text;
    } else {
      texts[row] = csvCell(value);
    }
  }
  return texts;
}
