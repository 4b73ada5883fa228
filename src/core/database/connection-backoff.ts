const INITIAL_DELAY_MS = 250;

/** Exponential backoff with full jitter: attempt 0 waits up to 250 ms, doubling up to the cap. */
export function connectionRetryDelayMs(
  attempt: number,
  maxDelayMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxDelayMs, INITIAL_DELAY_MS * 2 ** Math.min(attempt, 30));
  return Math.max(50, Math.round(ceiling * random()));
}
