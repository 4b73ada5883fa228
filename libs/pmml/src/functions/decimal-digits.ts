/**
 * A finite number as its shortest round-trip decimal digits: value = 0.digits × 10^point.
 * Java formats numbers (Double.toString, String.format) from these digits and rounds them
 * half-up, which is why 0.125 → "0.13" and 0.15 → "0.2" with one decimal: the same digits
 * are used here so that results agree with JPMML's.
 */
export interface DecimalDigits {
  /** Significant digits without leading or trailing zeros; '' for zero. */
  readonly digits: string;
  /** Position of the decimal point relative to the first digit. */
  readonly point: number;
}

/** The shortest digits of a finite number's magnitude; `float` uses float32 precision. */
export function decimalDigits(value: number, float = false): DecimalDigits {
  const magnitude = Math.abs(value);
  if (magnitude === 0) return { digits: '', point: 1 };
  const exponential = float ? shortestFloatExponential(magnitude) : magnitude.toExponential();
  const [mantissa, exponent] = exponential.split('e');
  const digits = mantissa.replace('.', '').replace(/0+$/, '');
  return { digits, point: Number(exponent) + 1 };
}

// The fewest significant digits that read back as the same float32 value (Float.toString).
function shortestFloatExponential(magnitude: number): string {
  for (let precision = 1; precision < 9; precision++) {
    const text = magnitude.toExponential(precision - 1);
    if (Math.fround(Number(text)) === magnitude) return text;
  }
  return magnitude.toExponential(8);
}

/** Keeps the first `keep` digits, rounding half-up on the first dropped digit. */
export function roundDigits(value: DecimalDigits, keep: number): DecimalDigits {
  const { digits, point } = value;
  if (keep >= digits.length) return value;
  if (keep < 0) return { digits: '', point: 1 };
  const roundsUp = digits.charCodeAt(keep) >= 53; // '5'
  let kept = digits.slice(0, keep);
  if (!roundsUp) {
    kept = kept.replace(/0+$/, '');
    return kept === '' ? { digits: '', point: 1 } : { digits: kept, point };
  }
  // Add one unit in the last kept place, carrying through nines.
  let index = kept.length - 1;
  while (index >= 0 && kept[index] === '9') index--;
  if (index < 0) return { digits: '1', point: point + 1 };
  const incremented = kept.slice(0, index) + String.fromCharCode(kept.charCodeAt(index) + 1);
  return { digits: incremented, point };
}

/** Digits `from` (inclusive) to `to` (exclusive) of the digit sequence, zero-filled. */
export function digitRange(value: DecimalDigits, from: number, to: number): string {
  let text = '';
  for (let index = from; index < to; index++) {
    text += index >= 0 && index < value.digits.length ? value.digits[index] : '0';
  }
  return text;
}

/** Plain decimal notation with exactly `decimals` fraction digits (the digits already rounded). */
export function fixedNotation(value: DecimalDigits, decimals: number): string {
  const integerPart = value.point > 0 ? digitRange(value, 0, value.point) : '0';
  const fraction = digitRange(value, value.point, value.point + decimals);
  return decimals > 0 ? `${integerPart}.${fraction}` : integerPart;
}
