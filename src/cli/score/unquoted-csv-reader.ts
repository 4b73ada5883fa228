// Reads CSV text without quoted fields straight into columns: the score command's fast path
// for large numeric inputs (papaparse reads everything else). Numeric cells become numbers
// without an intermediate string, so the engine takes its number path.

// 10^0 .. 10^22 are exact doubles.
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, exponent) => 10 ** exponent);
const MAX_EXACT_DIGITS = 15;

/**
 * The value of a plain decimal (`-12.5`, `0.0078125`, `7`) in text[start, end), or undefined
 * for anything else (exponents, blanks, NaN, more than 15 significant digits) so the caller
 * falls back to the text. With at most 15 significant digits and 22 decimals, mantissa and
 * power of ten are exact doubles and one division rounds correctly (Clinger's fast path), so
 * the result equals Number(text).
 */
export function plainDecimal(text: string, start: number, end: number): number | undefined {
  let index = start;
  let negative = false;
  const first = text.charCodeAt(index);
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
    const code = text.charCodeAt(index);
    if (code === 46 && !point) {
      point = true;
      continue;
    }
    const digit = code - 48;
    if (digit < 0 || digit > 9) return undefined;
    digits++;
    if (point) decimals++;
    if (mantissa !== 0 || digit !== 0) significant++;
    mantissa = mantissa * 10 + digit;
  }
  if (digits === 0 || significant > MAX_EXACT_DIGITS || decimals >= POWERS_OF_TEN.length)
    return undefined;
  const value = decimals === 0 ? mantissa : mantissa / POWERS_OF_TEN[decimals];
  return negative ? -value : value;
}

/**
 * Reads the lines in text[start, end) (each a record, cells separated by commas, no quotes)
 * into one array per column: empty cells are null (missing), cells of numeric columns that are
 * plain decimals are numbers, other cells keep their text.
 */
export function readUnquotedColumns(
  text: string,
  start: number,
  end: number,
  numeric: readonly boolean[],
): { columns: unknown[][]; rows: number } {
  const width = numeric.length;
  const columns: unknown[][] = Array.from({ length: width }, () => []);
  let rows = 0;
  let lineStart = start;
  while (lineStart < end) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    const next = lineEnd + 1;
    if (lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    let cellStart = lineStart;
    for (let column = 0; column < width; column++) {
      let cellEnd = cellStart <= lineEnd ? text.indexOf(',', cellStart) : -1;
      if (cellEnd < 0 || cellEnd > lineEnd) cellEnd = lineEnd;
      let value: unknown = null;
      if (cellStart < cellEnd) {
        value = numeric[column] ? plainDecimal(text, cellStart, cellEnd) : undefined;
        if (value === undefined) value = text.slice(cellStart, cellEnd);
      } else if (cellStart > lineEnd) {
        value = undefined;
      }
      columns[column].push(value);
      cellStart = cellEnd + 1;
    }
    rows++;
    lineStart = next;
  }
  return { columns, rows };
}
