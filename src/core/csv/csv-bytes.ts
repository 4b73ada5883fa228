import { csvCell } from './csv-format';
import { numbersJson } from './shortest-decimal';

type Cell = string | number | boolean | null | undefined;

const COMMA = 44;
const LINE_FEED = 10;
const QUOTE = 34;
const LETTER_N = 110;
const CLOSING_BRACKET = 93;
const NULL_LENGTH = 4;
const ASCII_LIMIT = 0x80;
// A JSON number is at most 25 characters (-1.2345678901234567e-308); the rest is slack.
const JSON_CELL_BYTES = 32;

/** A column's cells as the JSON text (bytes) of an array of finite numbers, booleans and nulls. */
export interface JsonCells {
  readonly json: Uint8Array;
}

/** A column's cells as their CSV bytes, one array per distinct text (see columnCells). */
export interface EncodedCells {
  readonly encoded: readonly Uint8Array[];
}

/** A column's cells: one CSV text per cell, their CSV bytes, or (numbers, booleans, missing) as JSON. */
export type ColumnCells = readonly string[] | JsonCells | EncodedCells;

const isJson = (column: ColumnCells): column is JsonCells => 'json' in column;
const isEncoded = (column: ColumnCells): column is EncodedCells => 'encoded' in column;

const NO_BYTES = new Uint8Array(0);
const EMPTY_QUOTED = Buffer.from('""');

/** The UTF-8 bytes of each cell text, one array per distinct text. */
function textBytes(texts: readonly string[]): readonly Uint8Array[] {
  const encoded = new Map<string, Uint8Array>();
  const cells = new Array<Uint8Array>(texts.length);
  for (let row = 0; row < texts.length; row++) {
    const text = texts[row];
    let bytes = encoded.get(text);
    if (bytes === undefined) {
      bytes = Buffer.from(text, 'utf8');
      encoded.set(text, bytes);
    }
    cells[row] = bytes;
  }
  return cells;
}

/** The bytes of a column's cells to write; as the only cell of a row, an empty one is "". */
function cellBytes(
  column: readonly string[] | EncodedCells,
  alone: boolean,
): readonly Uint8Array[] {
  const cells = isEncoded(column) ? column.encoded : textBytes(column);
  return alone ? cells.map((bytes) => (bytes.length === 0 ? EMPTY_QUOTED : bytes)) : cells;
}

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

  /**
   * Appends rows given as columns of cells (see columnCells), each row ended by a line feed.
   * A lone empty cell is written "" so that the line is not blank.
   *
   * Every cell is copied from bytes: a JSON column is converted to Latin-1 bytes at once (JSON
   * of numbers is ASCII), and each distinct text is encoded once. Copying from a string, a
   * character at a time, cost half as much again.
   */
  rows(columns: readonly ColumnCells[], count: number): void {
    const width = columns.length;
    // Per column: the bytes of each cell, or the JSON of its values and where the next is.
    // Built with push, not map: TurboFan's inlined map made arrays of another elements kind
    // than the builtin, and the load below then failed its map check at every chunk, each
    // time throwing the caller's optimised code away.
    const cells: (readonly Uint8Array[] | undefined)[] = [];
    const json: Uint8Array[] = [];
    for (const column of columns) {
      const isJsonColumn = isJson(column);
      cells.push(isJsonColumn ? undefined : cellBytes(column, width === 1));
      json.push(isJsonColumn ? column.json : NO_BYTES);
    }
    const cursors = new Int32Array(width).fill(1);
    for (let row = 0; row < count; row++) {
      for (let column = 0; column < width; column++) {
        const after = column + 1 < width ? COMMA : LINE_FEED;
        const list = cells[column];
        if (list) this.cell(list[row], after);
        else cursors[column] = this.jsonCell(json[column], cursors[column], width === 1, after);
      }
    }
  }

  /**
   * Copies the JSON array element at `at` (a number, true, false or null, which is empty) and
   * then `after`; returns where the next element starts.
   */
  private jsonCell(json: Uint8Array, at: number, alone: boolean, after: number): number {
    if (this.length + JSON_CELL_BYTES > this.bytes.length) this.reserve(JSON_CELL_BYTES);
    const bytes = this.bytes;
    let end = this.length;
    let next = at;
    if (json[next] === LETTER_N) {
      next += NULL_LENGTH;
      if (alone) {
        bytes[end++] = QUOTE;
        bytes[end++] = QUOTE;
      }
    } else {
      for (let code = json[next]; code !== COMMA && code !== CLOSING_BRACKET; code = json[++next])
        bytes[end++] = code;
    }
    bytes[end++] = after;
    this.length = end;
    return next + 1;
  }

  /** Copies a cell's bytes and then `after`. */
  private cell(cell: Uint8Array, after: number): void {
    const size = cell.length;
    if (this.length + size + 1 > this.bytes.length) this.reserve(size + 1);
    const bytes = this.bytes;
    let at = this.length;
    for (let index = 0; index < size; index++) bytes[at++] = cell[index];
    bytes[at++] = after;
    this.length = at;
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
 * A column's cells. Finite numbers and missing values only (the output of most models): the
 * JSON text of the column from the WebAssembly formatter (shortest-decimal.ts), which writes
 * numbers as String does at half the cost of JSON.stringify. With booleans too: the text
 * JSON.stringify writes. Anything else: the CSV bytes of each cell (see cellTexts).
 */
export function columnCells(values: ArrayLike<Cell>): ColumnCells {
  const numbers = numbersJson(values);
  if (numbers) return { json: numbers };
  for (let row = 0; row < values.length; row++) {
    const value = values[row];
    // JSON writes NaN and the infinities as null, and text differently from CSV.
    if (typeof value === 'number' ? !Number.isFinite(value) : typeof value === 'string')
      return { encoded: valueBytes(values) };
  }
  const json = JSON.stringify(Array.isArray(values) ? values : Array.from(values));
  return { json: Buffer.from(json, 'latin1') };
}

/**
 * The CSV bytes of each cell of a column, as cellTexts writes them, in one pass: a distinct
 * text is quoted and encoded once, and shares its bytes with its repeats.
 */
function valueBytes(values: ArrayLike<Cell>): Uint8Array[] {
  const cells = new Array<Uint8Array>(values.length);
  const byValue = new Map<Cell, Uint8Array>();
  for (let row = 0; row < values.length; row++) {
    const value = values[row];
    if (typeof value === 'number') {
      cells[row] = Buffer.from(String(value), 'latin1');
      continue;
    }
    let bytes = byValue.get(value);
    if (bytes === undefined) {
      bytes = Buffer.from(csvCell(value), 'utf8');
      byValue.set(value, bytes);
    }
    cells[row] = bytes;
  }
  return cells;
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
