// Reads CSV bytes without quoted fields straight into columns: the score command's fast path
// for large numeric inputs (papaparse reads everything else). Numeric cells become numbers
// without an intermediate string, so the engine takes its number path. Working on the file's
// bytes instead of its text saves decoding the whole file and reads each byte at half the cost
// of a character.

// 10^0 .. 10^22 are exact doubles.
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, exponent) => 10 ** exponent);
/** Integers below 2^53 are exact doubles. */
const EXACT_INTEGER_LIMIT = 2 ** 53;

const COMMA = 44;
const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;
const MINUS = 45;
const PLUS = 43;
const POINT = 46;
const DIGIT_ZERO = 48;
const DIGIT_NINE = 57;

/**
 * Where the plain decimal at `start` ends, and its value: the scanning functions below return
 * the end and leave the value here. A typed array: a double returned from a function, or kept
 * in a module variable, is boxed on the heap for every cell (800,000 objects for a file of
 * 100,000 rows of eight columns).
 */
const scanned = new Float64Array(1);

/**
 * Reads a plain decimal (`-12.5`, `0.0078125`, `7`, `.5`) at `start` into `scanned` and returns
 * where it stops: at the first byte that is not part of it. `scanned` is NaN when there is no
 * digit, or when the digits (as an integer) reach 2^53 or there are more than 22 decimals.
 * Within those bounds mantissa and power of ten are exact doubles and one division rounds
 * correctly (Clinger's fast path), so the value equals Number(text).
 */
function scanDecimal(bytes: Uint8Array, start: number, end: number): number {
  let index = start;
  let code = index < end ? bytes[index] : LINE_FEED;
  const negative = code === MINUS;
  if (negative || code === PLUS) code = ++index < end ? bytes[index] : LINE_FEED;
  let mantissa = 0;
  let digits = 0;
  while (code >= DIGIT_ZERO && code <= DIGIT_NINE) {
    mantissa = mantissa * 10 + (code - DIGIT_ZERO);
    digits++;
    code = ++index < end ? bytes[index] : LINE_FEED;
  }
  let decimals = 0;
  if (code === POINT) {
    code = ++index < end ? bytes[index] : LINE_FEED;
    while (code >= DIGIT_ZERO && code <= DIGIT_NINE) {
      mantissa = mantissa * 10 + (code - DIGIT_ZERO);
      decimals++;
      code = ++index < end ? bytes[index] : LINE_FEED;
    }
  }
  if (
    digits + decimals === 0 ||
    mantissa >= EXACT_INTEGER_LIMIT ||
    decimals >= POWERS_OF_TEN.length
  ) {
    scanned[0] = NaN;
  } else {
    const value = decimals === 0 ? mantissa : mantissa / POWERS_OF_TEN[decimals];
    scanned[0] = negative ? -value : value;
  }
  return index;
}

/** Whether a cell ends at `at`: a comma, a line feed, a carriage return before one, or `end`. */
function endsCell(bytes: Uint8Array, at: number, end: number): boolean {
  if (at >= end) return true;
  const code = bytes[at];
  return (
    code === COMMA ||
    code === LINE_FEED ||
    (code === CARRIAGE_RETURN && (at + 1 === end || bytes[at + 1] === LINE_FEED))
  );
}

/** The end of the cell at `start` (see endsCell). */
function cellEnd(bytes: Uint8Array, start: number, end: number): number {
  let at = start;
  while (!endsCell(bytes, at, end)) at++;
  return at;
}

/** The value of a plain decimal in bytes[start, end), or undefined (see scanDecimal). */
export function plainDecimal(bytes: Uint8Array, start: number, end: number): number | undefined {
  const stop = scanDecimal(bytes, start, end);
  const value = scanned[0];
  return stop === end && value === value ? value : undefined;
}

/** The end of the line at `start`: its line feed, or `end`. */
export function lineEnd(bytes: Uint8Array, start: number, end: number): number {
  let at = start;
  while (at < end && bytes[at] !== LINE_FEED) at++;
  return at;
}

/**
 * Reads the `rows` lines in csv[start, end) (each a record, cells separated by commas, no
 * quotes) into one column per header field: empty cells are null (missing), cells a line lacks
 * are undefined, cells of numeric columns that are plain decimals are numbers, other cells keep
 * their text. A numeric column whose every cell is a number comes back as a Float64Array: no
 * number is boxed on the heap, which spares the collector hundreds of thousands of objects
 * per file.
 */
export function readUnquotedColumns(
  csv: Buffer,
  start: number,
  end: number,
  rows: number,
  numeric: readonly boolean[],
): ArrayLike<unknown>[] {
  const numericFlags = Uint8Array.from(numeric, Number);
  const columns: ColumnsBeingRead = {
    numbers: numeric.map(() => new Float64Array(rows)),
    // Cleared for a column at its first cell that is not a number.
    stillNumbers: numericFlags.slice(),
    values: numeric.map(() => []),
  };
  readRows(csv, start, end, rows, numericFlags, columns);
  return numeric.map((_, column) =>
    columns.stillNumbers[column] ? columns.numbers[column] : columns.values[column],
  );
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
  numeric: Uint8Array,
  columns: ColumnsBeingRead,
): void {
  const { numbers, stillNumbers, values } = columns;
  const width = numeric.length;
  let at = start;
  for (let row = 0; row < count; row++) {
    let lineDone = false;
    for (let column = 0; column < width; column++) {
      let value: unknown;
      if (!lineDone) {
        const cellStart = at;
        let stop = numeric[column] === 1 ? scanDecimal(csv, cellStart, end) : cellStart;
        const number = numeric[column] === 1 ? scanned[0] : NaN;
        const plain = number === number && endsCell(csv, stop, end);
        if (!plain) stop = cellEnd(csv, stop, end);
        const comma = stop < end && csv[stop] === COMMA;
        at = comma ? stop + 1 : stop;
        lineDone = !comma;
        if (plain) {
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
    while (at < end && csv[at] !== LINE_FEED) at++;
    at++;
  }
}
