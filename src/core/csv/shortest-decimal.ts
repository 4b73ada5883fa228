import { SHORTEST_DECIMAL_WASM } from './shortest-decimal.wasm';

/** The WebAssembly formatter (assembly/shortest-decimal.ts) with its memory laid out. */
interface Formatter {
  readonly formatColumn: (count: number) => number;
  readonly input: Float64Array;
  readonly output: Uint8Array;
}

/** The part of the WebAssembly API used here (the global is not in this project's typings). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}

/** The formatter once loaded; null where WebAssembly is unavailable. */
let formatter: Formatter | null | undefined;

/**
 * Writes Ryu's 128-bit power-of-five multipliers, low word first: floor(2^(b(q) − 1 + 125) / 5^q)
 * + 1 for the negative powers and 5^i shifted to 125 bits for the positive ones, b(x) being the
 * bit length of 5^x. Computed once, here, rather than stored: they are 11 KB.
 */
function writeTables(
  memory: DataView,
  inverseAt: number,
  inverseCount: number,
  powerAt: number,
  powerCount: number,
): void {
  const mask = (1n << 64n) - 1n;
  const put = (at: number, value: bigint): void => {
    memory.setBigUint64(at, value & mask, true);
    memory.setBigUint64(at + 8, value >> 64n, true);
  };
  let power = 1n;
  for (let q = 0; q < Math.max(inverseCount, powerCount); q++, power *= 5n) {
    const bits = BigInt(power.toString(2).length);
    if (q < inverseCount) put(inverseAt + 16 * q, (1n << (bits - 1n + 125n)) / power + 1n);
    if (q < powerCount)
      put(powerAt + 16 * q, bits >= 125n ? power >> (bits - 125n) : power << (125n - bits));
  }
}

function loadFormatter(): Formatter | null {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (!api) return null;
  const { exports } = new api.Instance(
    new api.Module(Buffer.from(SHORTEST_DECIMAL_WASM, 'base64')),
    {},
  );
  const buffer = (exports.memory as { readonly buffer: ArrayBuffer }).buffer;
  const at = (name: string): number => (exports[name] as { readonly value: number }).value;
  writeTables(
    new DataView(buffer),
    at('POW5_INV_TABLE'),
    at('POW5_INV_COUNT'),
    at('POW5_TABLE'),
    at('POW5_COUNT'),
  );
  const maxValues = at('MAX_VALUES');
  return {
    formatColumn: exports.formatColumn as (count: number) => number,
    input: new Float64Array(buffer, at('INPUT'), maxValues),
    // Each number takes at most 25 bytes with its comma (-1.2345678901234567e-308,).
    output: new Uint8Array(buffer, at('OUTPUT'), 25 * maxValues + 2),
  };
}

/**
 * The JSON text of an array of finite numbers and nulls, as bytes, or undefined when a value
 * is anything else (NaN, an infinity, text, a boolean). Numbers are written in shortest
 * round-trip form exactly as JSON.stringify and String write them, at about a third of
 * their cost: no string per number, and the digits come from WebAssembly.
 */
export function numbersJson(values: ArrayLike<unknown>): Uint8Array | undefined {
  formatter ??= loadFormatter();
  if (formatter === null) return undefined;
  const count = values.length;
  const { formatColumn, input, output } = formatter;
  // Each block is written as an array of its own; its elements are kept without brackets.
  const blocks: Uint8Array[] = [];
  for (let start = 0; start < count; start += input.length) {
    const block = Math.min(input.length, count - start);
    for (let index = 0; index < block; index++) {
      const value = values[start + index];
      // NaN stands for null (missing): the formatter writes it `null`.
      if (value === null) input[index] = NaN;
      else if (typeof value === 'number' && Number.isFinite(value)) input[index] = value;
      else return undefined;
    }
    const length = formatColumn(block);
    if (count === block) return output.slice(0, length);
    blocks.push(output.subarray(1, length - 1).slice());
  }
  return Buffer.concat([
    OPEN,
    ...blocks.flatMap((block, index) => (index > 0 ? [COMMA, block] : [block])),
    CLOSE,
  ]);
}

const OPEN = Uint8Array.of(0x5b);
const COMMA = Uint8Array.of(0x2c);
const CLOSE = Uint8Array.of(0x5d);
