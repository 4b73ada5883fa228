// Shortest round-trip decimal text of doubles, as JavaScript's Number.prototype.toString
// writes it, for a column of numbers at a time. AssemblyScript, compiled to WebAssembly by
// `npm run build:wasm` into src/core/csv/shortest-decimal.wasm.ts.
//
// The digits come from Ryu (Ulf Adams, "Ryū: fast float-to-string conversion", PLDI 2018): the
// shortest decimal in the double's rounding interval (bounds included when the significand is
// even, as round-half-even parsing does), the closest one to the exact value when several are
// that short, ties to even. That is the choice ECMAScript's Number::toString describes and V8
// makes. Layout and exponent notation follow Number::toString.
//
// Memory (bytes): the two power-of-five tables, written by the JavaScript side at start-up,
// then the input doubles and the output text.

/** 128-bit multipliers floor(2^k / 5^q) + 1 for q in [0, 342), low word first. */
export const POW5_INV_TABLE: u32 = 65536;
export const POW5_INV_COUNT: i32 = 342;
/** 128-bit multipliers 5^i / 2^(bitlength - 125) for i in [0, 326), low word first. */
export const POW5_TABLE: u32 = POW5_INV_TABLE + 16 * 342;
export const POW5_COUNT: i32 = 326;
export const INPUT: u32 = 81920;
export const MAX_VALUES: i32 = 4096;
export const OUTPUT: u32 = INPUT + 8 * 4096;

const POW5_INV_BITCOUNT: i32 = 125;
const POW5_BITCOUNT: i32 = 125;
const MANTISSA_BITS: i32 = 52;
const BIAS: i32 = 1023;

const COMMA: u8 = 44;
const OPEN_BRACKET: u8 = 91;
const CLOSE_BRACKET: u8 = 93;

/** The high word of the last umul128. */
let productHigh: u64 = 0;

/** The 128-bit product a · b: returns the low word, leaves the high one in productHigh. */
function umul128(a: u64, b: u64): u64 {
  const aLow = a & 0xffffffff;
  const aHigh = a >> 32;
  const bLow = b & 0xffffffff;
  const bHigh = b >> 32;
  const lowLow = aLow * bLow;
  const lowHigh = aLow * bHigh;
  const highLow = aHigh * bLow;
  const highHigh = aHigh * bHigh;
  const middle = highLow + (lowLow >> 32);
  const middle2 = lowHigh + (middle & 0xffffffff);
  productHigh = highHigh + (middle >> 32) + (middle2 >> 32);
  return (middle2 << 32) | (lowLow & 0xffffffff);
}

function multiplyHigh(a: u64, b: u64): u64 {
  umul128(a, b);
  return productHigh;
}

function div5(x: u64): u64 {
  return multiplyHigh(x, 0xcccccccccccccccd) >> 2;
}

function div10(x: u64): u64 {
  return multiplyHigh(x, 0xcccccccccccccccd) >> 3;
}

function div100(x: u64): u64 {
  return multiplyHigh(x >> 2, 0x28f5c28f5c28f5c3) >> 2;
}

/** floor(log2(5^e)) + 1 for e in [0, 3528]. */
function pow5Bits(e: i32): i32 {
  return ((e * 1217359) >>> 19) + 1;
}

/** floor(log10(2^e)) for e in [0, 1650]. */
function log10Pow2(e: i32): i32 {
  return (e * 78913) >>> 18;
}

/** floor(log10(5^e)) for e in [0, 2620]. */
function log10Pow5(e: i32): i32 {
  return (e * 732923) >>> 20;
}

function pow5Factor(value: u64): u32 {
  let count: u32 = 0;
  let rest = value;
  for (;;) {
    const quotient = div5(rest);
    if (rest - 5 * quotient != 0) break;
    rest = quotient;
    count++;
  }
  return count;
}

function multipleOfPowerOf5(value: u64, p: u32): bool {
  return pow5Factor(value) >= p;
}

function multipleOfPowerOf2(value: u64, p: u32): bool {
  return (value & (((<u64>1) << p) - 1)) == 0;
}

/** (m · multiplier) >> shift for the 128-bit multiplier at `entry`, shift in [64, 128). */
function mulShift(m: u64, entry: u32, shift: i32): u64 {
  const low1 = umul128(m, load<u64>(entry, 8));
  let high1 = productHigh;
  umul128(m, load<u64>(entry));
  const high0 = productHigh;
  const sum = high0 + low1;
  if (sum < high0) high1++;
  const distance = <u64>(shift - 64);
  return (high1 << (64 - distance)) | (sum >> distance);
}

/** The decimal significand and exponent Ryu chooses, for one positive double. */
let decimalDigits: u64 = 0;
let decimalExponent: i32 = 0;

function toDecimal(ieeeMantissa: u64, ieeeExponent: i32): void {
  let e2: i32;
  let m2: u64;
  if (ieeeExponent == 0) {
    e2 = 1 - BIAS - MANTISSA_BITS - 2;
    m2 = ieeeMantissa;
  } else {
    e2 = ieeeExponent - BIAS - MANTISSA_BITS - 2;
    m2 = ((<u64>1) << MANTISSA_BITS) | ieeeMantissa;
  }
  const acceptBounds = (m2 & 1) == 0;
  const mv = 4 * m2;
  const mmShift: u64 = ieeeMantissa != 0 || ieeeExponent <= 1 ? 1 : 0;
  let vr: u64;
  let vp: u64;
  let vm: u64;
  let e10: i32;
  let vmIsTrailingZeros = false;
  let vrIsTrailingZeros = false;
  if (e2 >= 0) {
    const q = log10Pow2(e2) - (e2 > 3 ? 1 : 0);
    e10 = q;
    const k = POW5_INV_BITCOUNT + pow5Bits(q) - 1;
    const shift = -e2 + q + k;
    const entry = POW5_INV_TABLE + 16 * <u32>q;
    vr = mulShift(4 * m2, entry, shift);
    vp = mulShift(4 * m2 + 2, entry, shift);
    vm = mulShift(4 * m2 - 1 - mmShift, entry, shift);
    if (q <= 21) {
      if (mv - 5 * div5(mv) == 0) {
        vrIsTrailingZeros = multipleOfPowerOf5(mv, q);
      } else if (acceptBounds) {
        vmIsTrailingZeros = multipleOfPowerOf5(mv - 1 - mmShift, q);
      } else if (multipleOfPowerOf5(mv + 2, q)) {
        vp--;
      }
    }
  } else {
    const q = log10Pow5(-e2) - (-e2 > 1 ? 1 : 0);
    e10 = q + e2;
    const i = -e2 - q;
    const k = pow5Bits(i) - POW5_BITCOUNT;
    const shift = q - k;
    const entry = POW5_TABLE + 16 * <u32>i;
    vr = mulShift(4 * m2, entry, shift);
    vp = mulShift(4 * m2 + 2, entry, shift);
    vm = mulShift(4 * m2 - 1 - mmShift, entry, shift);
    if (q <= 1) {
      vrIsTrailingZeros = true;
      if (acceptBounds) vmIsTrailingZeros = mmShift == 1;
      else vp--;
    } else if (q < 63) {
      vrIsTrailingZeros = multipleOfPowerOf2(mv, q);
    }
  }

  let removed: i32 = 0;
  let lastRemovedDigit: u64 = 0;
  let output: u64;
  if (vmIsTrailingZeros || vrIsTrailingZeros) {
    for (;;) {
      const vpDiv10 = div10(vp);
      const vmDiv10 = div10(vm);
      if (vpDiv10 <= vmDiv10) break;
      const vmMod10 = vm - 10 * vmDiv10;
      const vrDiv10 = div10(vr);
      const vrMod10 = vr - 10 * vrDiv10;
      vmIsTrailingZeros = vmIsTrailingZeros && vmMod10 == 0;
      vrIsTrailingZeros = vrIsTrailingZeros && lastRemovedDigit == 0;
      lastRemovedDigit = vrMod10;
      vr = vrDiv10;
      vp = vpDiv10;
      vm = vmDiv10;
      removed++;
    }
    if (vmIsTrailingZeros) {
      for (;;) {
        const vmDiv10 = div10(vm);
        if (vm - 10 * vmDiv10 != 0) break;
        const vpDiv10 = div10(vp);
        const vrDiv10 = div10(vr);
        const vrMod10 = vr - 10 * vrDiv10;
        vrIsTrailingZeros = vrIsTrailingZeros && lastRemovedDigit == 0;
        lastRemovedDigit = vrMod10;
        vr = vrDiv10;
        vp = vpDiv10;
        vm = vmDiv10;
        removed++;
      }
    }
    // An exact tie (…50…0) rounds to even.
    if (vrIsTrailingZeros && lastRemovedDigit == 5 && (vr & 1) == 0) lastRemovedDigit = 4;
    output =
      vr + ((vr == vm && (!acceptBounds || !vmIsTrailingZeros)) || lastRemovedDigit >= 5 ? 1 : 0);
  } else {
    let roundUp = false;
    const vpDiv100 = div100(vp);
    const vmDiv100 = div100(vm);
    if (vpDiv100 > vmDiv100) {
      const vrDiv100 = div100(vr);
      roundUp = vr - 100 * vrDiv100 >= 50;
      vr = vrDiv100;
      vp = vpDiv100;
      vm = vmDiv100;
      removed += 2;
    }
    for (;;) {
      const vpDiv10 = div10(vp);
      const vmDiv10 = div10(vm);
      if (vpDiv10 <= vmDiv10) break;
      const vrDiv10 = div10(vr);
      roundUp = vr - 10 * vrDiv10 >= 5;
      vr = vrDiv10;
      vp = vpDiv10;
      vm = vmDiv10;
      removed++;
    }
    output = vr + (vr == vm || roundUp ? 1 : 0);
  }
  decimalDigits = output;
  decimalExponent = e10 + removed;
}

/** The number of decimal digits of a value below 10^17; shortest forms mostly have 15 to 17. */
function digitCount(value: u64): i32 {
  let count = 17;
  for (let power: u64 = 10000000000000000; count > 1 && value < power; power = div10(power))
    count--;
  return count;
}

/** "00" to "99": two digits are written at a time. */
const DIGIT_PAIRS = memory.data<u8>([
  48, 48, 48, 49, 48, 50, 48, 51, 48, 52, 48, 53, 48, 54, 48, 55, 48, 56, 48, 57, 49, 48, 49, 49,
  49, 50, 49, 51, 49, 52, 49, 53, 49, 54, 49, 55, 49, 56, 49, 57, 50, 48, 50, 49, 50, 50, 50, 51,
  50, 52, 50, 53, 50, 54, 50, 55, 50, 56, 50, 57, 51, 48, 51, 49, 51, 50, 51, 51, 51, 52, 51, 53,
  51, 54, 51, 55, 51, 56, 51, 57, 52, 48, 52, 49, 52, 50, 52, 51, 52, 52, 52, 53, 52, 54, 52, 55,
  52, 56, 52, 57, 53, 48, 53, 49, 53, 50, 53, 51, 53, 52, 53, 53, 53, 54, 53, 55, 53, 56, 53, 57,
  54, 48, 54, 49, 54, 50, 54, 51, 54, 52, 54, 53, 54, 54, 54, 55, 54, 56, 54, 57, 55, 48, 55, 49,
  55, 50, 55, 51, 55, 52, 55, 53, 55, 54, 55, 55, 55, 56, 55, 57, 56, 48, 56, 49, 56, 50, 56, 51,
  56, 52, 56, 53, 56, 54, 56, 55, 56, 56, 56, 57, 57, 48, 57, 49, 57, 50, 57, 51, 57, 52, 57, 53,
  57, 54, 57, 55, 57, 56, 57, 57,
]);

/** Writes the `count` low digits of a value below 2^32 at `at`, most significant first. */
function writeSmallDigits(value: u32, count: i32, at: usize): void {
  let rest = value;
  let index = count;
  while (index >= 2) {
    // rest / 100, by multiplication (exact below 2^32).
    const quotient = <u32>((<u64>rest * 0x51eb851f) >> 37);
    index -= 2;
    store<u16>(at + <usize>index, load<u16>(DIGIT_PAIRS + 2 * <usize>(rest - 100 * quotient)));
    rest = quotient;
  }
  if (index == 1) store<u8>(at, <u8>(48 + rest));
}

/**
 * Writes the `count` digits of `value` (below 10^17) at `at`, most significant first. The
 * low eight digits and the rest are written apart, each in 32-bit arithmetic.
 */
function writeDigits(value: u64, count: i32, at: usize): void {
  if (count <= 9) {
    writeSmallDigits(<u32>value, count, at);
    return;
  }
  // value / 10^8, by multiplication (exact below 2^64).
  const high = multiplyHigh(value, 0xabcc77118461cefd) >> 26;
  writeSmallDigits(<u32>high, count - 8, at);
  writeSmallDigits(<u32>(value - high * 100000000), 8, at + <usize>(count - 8));
}

function powerOfTen(exponent: i32): u64 {
  let power: u64 = 1;
  for (let index = 0; index < exponent; index++) power *= 10;
  return power;
}

function writeZeros(count: i32, at: usize): void {
  for (let index = 0; index < count; index++) store<u8>(at + <usize>index, 48);
}

/** Writes a finite double as Number::toString does; returns the end. */
function writeNumber(value: f64, start: usize): usize {
  let at = start;
  const bits = reinterpret<u64>(value);
  if (bits << 1 == 0) {
    store<u8>(at, 48);
    return at + 1;
  }
  if (bits >> 63 != 0) {
    store<u8>(at, 45);
    at++;
  }
  toDecimal(bits & (((<u64>1) << MANTISSA_BITS) - 1), <i32>((bits >> MANTISSA_BITS) & 0x7ff));
  const digits = decimalDigits;
  const k = digitCount(digits);
  // The value is 0.d1…dk · 10^n.
  const n = decimalExponent + k;
  if (k <= n && n <= 21) {
    writeDigits(digits, k, at);
    writeZeros(n - k, at + <usize>k);
    return at + <usize>n;
  }
  if (0 < n && n <= 21) {
    const scale = powerOfTen(k - n);
    writeDigits(digits / scale, n, at);
    store<u8>(at + <usize>n, 46);
    writeDigits(digits % scale, k - n, at + <usize>n + 1);
    return at + <usize>k + 1;
  }
  if (-6 < n && n <= 0) {
    store<u8>(at, 48);
    store<u8>(at + 1, 46);
    writeZeros(-n, at + 2);
    writeDigits(digits, k, at + 2 + <usize>-n);
    return at + 2 + <usize>(k - n);
  }
  writeDigits(digits, k, at + 1);
  // The first digit moves in front of the point.
  store<u8>(at, load<u8>(at + 1));
  if (k > 1) {
    store<u8>(at + 1, 46);
    at += <usize>k + 1;
  } else {
    at += 1;
  }
  store<u8>(at, 101);
  const exponent = n - 1;
  store<u8>(at + 1, exponent < 0 ? 45 : 43);
  const magnitude = <u64>(exponent < 0 ? -exponent : exponent);
  const width = digitCount(magnitude);
  writeDigits(magnitude, width, at + 2);
  return at + 2 + <usize>width;
}

/**
 * Writes the `count` doubles at INPUT as the text of a JSON array at OUTPUT (`[a,b,…]`) and
 * returns its length. NaN, which only stands for missing values here, is written `null`.
 */
export function formatColumn(count: i32): i32 {
  let at: usize = OUTPUT;
  store<u8>(at, OPEN_BRACKET);
  at++;
  for (let index = 0; index < count; index++) {
    if (index > 0) {
      store<u8>(at, COMMA);
      at++;
    }
    const value = load<f64>(<usize>INPUT + 8 * <usize>index);
    if (value != value) {
      store<u32>(at, 0x6c6c756e);
      at += 4;
    } else {
      at = writeNumber(value, at);
    }
  }
  store<u8>(at, CLOSE_BRACKET);
  return <i32>(at + 1 - OUTPUT);
}
