// Reads CSV bytes without quoted fields straight into columns: the score command's fast path
// for large numeric inputs (papaparse reads everything else). Numeric cells become numbers
// without an intermediate string, so the engine takes its number path. Working on the file's
// bytes instead of its text saves decoding the whole file and reads each byte at half the cost
// of a character.

// 10^0 .. 10^22 are exact doubles.
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, exponent) => 10 ** exponent);
const MAX_EXACT_DIGITS = 15;

const COMMA = 44;
const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;

/**
 * The number in the cell scanCell last read (NaN when it was not a plain decimal). A typed
 * array: a double returned from the function, or kept in a module variable, is boxed on the
 * heap for every cell (800,000 objects for a file of 100,000 rows of eight columns).
 */
const scanned = new Float64Array(1);

/**
 * Returns the end of the cell starting at `start` (a comma, a line feed, a carriage return
 * before a line feed, or `end`) and, for a numeric column, reads it in the same pass into
 * `scanned`: a plain decimal (`-12.5`, `0.0078125`, `7`) gives its value, anything else
 * (exponents, blanks, NaN, more than 15 significant digits) NaN so that the caller keeps the
 * text. With at most 15 significant digits and 22 decimals, mantissa and power of ten are
 * exact doubles and one division rounds correctly (Clinger's fast path), so the value equals
 * Number(text).
 */
function scanCell(bytes: Uint8Array, start: number, end: number, numeric: boolean): number {
  let index = start;
  let plain = numeric;
  let negative = false;
  const first = index < end ? bytes[index] : LINE_FEED;
  if (first === 45 || first === 43) {
    negative = first === 45;
    index++;
  }
  let mantissa = 0;
  let significant = 0;
  let decimals = 0;
  let digits = 0;
  let point = false;
  for (; index < end; index++) {
    const code = bytes[index];
    if (code === COMMA || code === LINE_FEED) break;
    if (code === CARRIAGE_RETURN && (index + 1 === end || bytes[index + 1] === LINE_FEED)) break;
    if (!plain) continue;
    if (code === 46 && !point) {
      point = true;
      continue;
    }
    const digit = code - 48;
    if (digit < 0 || digit > 9) {
      plain = false;
      continue;
    }
    digits++;
    if (point) decimals++;
    if (mantissa !== 0 || digit !== 0) significant++;
    mantissa = mantissa * 10 + digit;
  }
  if (
    !plain ||
    digits === 0 ||
    significant > MAX_EXACT_DIGITS ||
    decimals >= POWERS_OF_TEN.length
  ) {
    scanned[0] = NaN;
  } else {
    const value = decimals === 0 ? mantissa : mantissa / POWERS_OF_TEN[decimals];
    scanned[0] = negative ? -value : value;
  }
  return index;
}

/** The value of a plain decimal in bytes[start, end), or undefined (see scanCell). */
export function plainDecimal(bytes: Uint8Array, start: number, end: number): number | undefined {
  const stop = scanCell(bytes, start, end, true);
  const value = scanned[0];
  return stop === end && value === value ? value : undefined;
}

/** The end of the line at `start`: its line feed, or `end`. */
export function lineEnd(bytes: Uint8Array, start: number, end: number): number {
  let at = start;
  while (at < end && bytes[at] !== LINE_FEED) at++;
  return at;
}

/** The number of lines in bytes[start, end) (a last line without a line feed counts). */
function countLines(bytes: Uint8Array, start: number, end: number): number {
  let lines = 0;
  for (let at = start; at < end; lines++) at = lineEnd(bytes, at, end) + 1;
  return lines;
}

/**
 * Reads the lines in csv[start, end) (each a record, cells separated by commas, no quotes)
 * into one column per header field: empty cells are null (missing), cells a line lacks are
 * undefined, cells of numeric columns that are plain decimals are numbers, other cells keep
 * their text. A numeric column whose every cell is a number comes back as a Float64Array: no
 * number is boxed on the heap, which spares the collector hundreds of thousands of objects
 * per file.
 */
export function readUnquotedColumns(
  csv: Buffer,
  start: number,
  end: number,
  numeric: readonly boolean[],
): { columns: ArrayLike<unknown>[]; rows: number } {
  const count = countLines(csv, start, end);
  const columns: ColumnsBeingRead = {
    numbers: numeric.map(() => new Float64Array(count)),
    stillNumbers: Uint8Array.from(numeric, (isNumeric) => (isNumeric ? 1 : 0)),
    values: numeric.map(() => []),
  };
  readRows(csv, start, end, count, numeric, columns);
  return {
    columns: numeric.map((_, column) =>
      columns.stillNumbers[column] ? columns.numbers[column] : columns.values[column],
    ),
    rows: count,
  };
}

/** Columns while they are read: as numbers while they only hold numbers, else as values. */
interface ColumnsBeingRead {
  readonly numbers: Float64Array[];
  readonly stillNumbers: Uint8Array;
  readonly values: unknown[][];
}

// The loop lives apart from readUnquotedColumns so that its optimised code (entered on stack
// replacement in the first call) never runs into code without type feedback after it.
function readRows(
  csv: Buffer,
  start: number,
  end: number,
  count: number,
  numeric: readonly boolean[],
  columns: ColumnsBeingRead,
): void {
  const { numbers, stillNumbers, values } = columns;
  const width = numeric.length;
  let lineStart = start;
  for (let row = 0; row < count; row++) {
    let at = lineStart;
    let lineDone = false;
    for (let column = 0; column < width; column++) {
      let value: unknown;
      if (!lineDone) {
        const cellStart = at;
        const stop = scanCell(csv, cellStart, end, numeric[column]);
        const number = scanned[0];
        const comma = stop < end && csv[stop] === COMMA;
        at = comma ? stop + 1 : stop;
        lineDone = !comma;
        if (number === number) {
          if (stillNumbers[column] === 1) {
            numbers[column][row] = number;
            continue;
          }
          value = number;
        } else {
          value = stop > cellStart ? csv.toString('utf8', cellStart, stop) : null;
        }
      }
      if (stillNumbers[column] === 1) {
        // The column holds something else than numbers after all: it continues as values.
        stillNumbers[column] = 0;
        values[column] = Array.from(numbers[column].subarray(0, row));
      }
      values[column].push(value);
    }
    lineStart = lineEnd(csv, at, end) + 1;
  }
}
