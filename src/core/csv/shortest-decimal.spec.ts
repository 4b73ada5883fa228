import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { numbersJson } from './shortest-decimal';

const text = (values: unknown[]): string | undefined => {
  const bytes = numbersJson(values);
  return bytes && Buffer.from(bytes).toString('latin1');
};

/** The values whose text differs from JSON.stringify's (at most five), as [expected, got]. */
function differences(values: number[]): [string, string][] {
  const got = text(values)?.slice(1, -1).split(',') ?? [];
  return values
    .map((value, index): [string, string] => [JSON.stringify(value), got[index]])
    .filter(([expected, written]) => expected !== written)
    .slice(0, 5);
}

/** Doubles from random bit patterns (a fixed seed): every exponent, sign and significand. */
function randomDoubles(count: number): number[] {
  let seed = 0x9e3779b9;
  const next = (): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return seed >>> 0;
  };
  const double = new Float64Array(1);
  const words = new Uint32Array(double.buffer);
  const values: number[] = [];
  while (values.length < count) {
    words[0] = next();
    words[1] = next();
    if (Number.isFinite(double[0])) values.push(double[0]);
  }
  return values;
}

describe('numbersJson', () => {
  it('writes doubles from every part of the range exactly as JSON.stringify does', () => {
    expect(differences(randomDoubles(100_000))).toEqual([]);
  });

  it('writes the cases at the edges of each notation and rounding as JSON.stringify does', () => {
    const values = [
      0,
      -0,
      1,
      -1,
      0.1,
      0.2,
      0.3,
      0.1 + 0.2,
      2 / 3,
      100,
      123456789,
      2 ** 53,
      2 ** 53 + 2,
      2 ** 63,
      1e20,
      1e21,
      9.999999999999999e20,
      123456789012345680000,
      1e-6,
      1e-7,
      1.5e-7,
      0.000001234,
      5e-324,
      2.2250738585072014e-308,
      2.225073858507201e-308,
      1.7976931348623157e308,
      1e23,
      2 ** 53 + 1,
      4.35,
      0.0078125,
      1.2345678901234567e-308,
      -1.2345678901234567e-308,
    ];
    for (let exponent = -330; exponent <= 310; exponent++) values.push(Number(`1e${exponent}`));
    for (let power = -1074; power <= 1023; power++) values.push(2 ** power);
    for (let integer = 0; integer < 1000; integer++)
      values.push(integer, integer / 8, -integer / 7);
    expect(differences(values.filter(Number.isFinite))).toEqual([]);
  });

  it('writes missing values as null and leaves other values to the caller', () => {
    expect(text([1.5, null, -2])).toBe('[1.5,null,-2]');
    expect(text([])).toBe('[]');
    for (const other of [NaN, Infinity, -Infinity, 'x', true, undefined])
      expect(text([1, other])).toBeUndefined();
  });

  it('joins columns longer than one block of the formatter', () => {
    const values = Array.from({ length: 10_001 }, (_, index) =>
      index % 3 === 0 ? null : index / 3,
    );
    expect(text(values)).toBe(JSON.stringify(values));
  });

  it('carries the module that assembly/shortest-decimal.ts compiles to', () => {
    const root = join(__dirname, '../../..');
    expect(() =>
      execFileSync(
        process.execPath,
        [
          join(root, 'node_modules/ts-node/dist/bin.js'),
          '--transpile-only',
          join(root, 'scripts/build-wasm.ts'),
          '--check',
        ],
        { stdio: 'pipe' },
      ),
    ).not.toThrow();
  }, 60_000);
});
