import { connectionRetryDelayMs } from './connection-backoff';

const ALWAYS_MAX = (): number => 1 - Number.EPSILON;
const HALF = (): number => 0.5;

describe('connectionRetryDelayMs', () => {
  it('waits up to 250 ms before the first retry', () => {
    expect(connectionRetryDelayMs(0, 30_000, () => 1)).toBe(250);
    expect(connectionRetryDelayMs(0, 30_000, HALF)).toBe(125);
  });

  it('doubles the ceiling with every attempt', () => {
    const ceilings = [0, 1, 2, 3, 4].map((attempt) =>
      connectionRetryDelayMs(attempt, 60_000, () => 1),
    );

    expect(ceilings).toEqual([250, 500, 1000, 2000, 4000]);
  });

  it('scales the ceiling by the random factor (full jitter)', () => {
    expect(connectionRetryDelayMs(3, 60_000, () => 0.25)).toBe(500);
    expect(connectionRetryDelayMs(3, 60_000, ALWAYS_MAX)).toBe(2000);
  });

  it('never exceeds the configured maximum delay', () => {
    expect(connectionRetryDelayMs(10, 5_000, () => 1)).toBe(5_000);
    expect(connectionRetryDelayMs(10, 5_000, HALF)).toBe(2_500);
  });

  it('stays finite and capped for very large attempt numbers', () => {
    expect(connectionRetryDelayMs(1_000, 30_000, () => 1)).toBe(30_000);
    expect(connectionRetryDelayMs(Number.MAX_SAFE_INTEGER, 30_000, () => 1)).toBe(30_000);
  });

  it('waits at least 50 ms even when the random factor is 0', () => {
    expect(connectionRetryDelayMs(0, 30_000, () => 0)).toBe(50);
    expect(connectionRetryDelayMs(8, 30_000, () => 0)).toBe(50);
  });

  it('returns whole milliseconds', () => {
    expect(Number.isInteger(connectionRetryDelayMs(1, 30_000, () => 0.3333))).toBe(true);
  });

  it('uses Math.random by default and stays between 50 ms and the ceiling', () => {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const delay = connectionRetryDelayMs(attempt, 10_000);
      const ceiling = Math.min(10_000, 250 * 2 ** attempt);

      expect(delay).toBeGreaterThanOrEqual(50);
      expect(delay).toBeLessThanOrEqual(ceiling);
    }
  });

  it('calls the random source once per delay', () => {
    const random = jest.fn(() => 0.5);

    connectionRetryDelayMs(2, 30_000, random);

    expect(random).toHaveBeenCalledTimes(1);
  });
});
