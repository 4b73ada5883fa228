import type { DataType } from '../../values/value';

const float = new Float32Array(1);
const floatBits = new Int32Array(float.buffer);

/** The largest float32 that is not above t. */
function floatFloor(t: number): number {
  const rounded = Math.fround(t);
  if (rounded <= t || rounded !== rounded) return rounded;
  if (rounded === 0) return -1.401298464324817e-45;
  float[0] = rounded;
  floatBits[0] += rounded > 0 ? -1 : 1;
  return float[0];
}

/**
 * A float32 threshold that decides `x <= t` exactly as t does for every value x the field can
 * hold, or undefined. Float fields hold float32 values, so the largest float32 not above t
 * works; integer fields hold integers, so floor(t) works; other values need t itself to be a
 * float32. NaN (a leaf) stays NaN.
 */
export function float32Threshold(t: number, dataType: DataType | undefined): number | undefined {
  if (t !== t || Math.fround(t) === t) return t;
  if (dataType === 'float') return floatFloor(t);
  if (dataType === 'integer') {
    const floor = Math.floor(t);
    return Math.fround(floor) === floor ? floor : undefined;
  }
  return undefined;
}
