/** A uniform random number in [0, 1), the same sequence for the same seed on every platform. */
export type Random = () => number;

/**
 * Mulberry32 (Tommy Ettinger's 32-bit generator): tiny, fast, and good enough for synthetic
 * data and for sampling, which is all the demo needs. Not for anything secret.
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal variate (Box–Muller; the second variate is dropped for simplicity). */
export function gaussian(random: Random): number {
  // 1 - u is in (0, 1], so the logarithm is finite.
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
