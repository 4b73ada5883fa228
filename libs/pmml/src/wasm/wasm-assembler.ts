// A few WebAssembly opcodes and the module envelope, for the engine's small hand-assembled
// kernels (dense network layers, lockstep tree walks). Each kernel module has one function,
// exported by name, and imports one memory as env.memory.

export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;
export const BLOCK = [0x02, 0x40];
export const LOOP = [0x03, 0x40];
export const END = 0x0b;
export const BR = 0x0c;
export const BR_IF = 0x0d;
export const I32_EQZ = 0x45;
export const I32_LT_S = 0x48;
export const I32_GT_S = 0x4a;
export const I32_LE_U = 0x4d;
export const I32_GE_U = 0x4f;
export const I32_CTZ = 0x68;
export const I32_ADD = 0x6a;
export const I32_SUB = 0x6b;
export const I32_MUL = 0x6c;
export const I32_AND = 0x71;
export const I32_OR = 0x72;
export const I32_SHL = 0x74;
export const I32_SHR_U = 0x76;
export const F64_NE = 0x62;
export const F64_LT = 0x63;
export const F64_LE = 0x65;
export const F64_GE = 0x66;
export const F64_ADD = 0xa0;
export const F64_SUB = 0xa1;
export const F64_MUL = 0xa2;
export const F64_PROMOTE_F32 = 0xbb;
export const I32_TRUNC_SAT_F64_S = [0xfc, 0x02];
export const SELECT = 0x1b;
export const IF = [0x04, 0x40];
export const F64_ZERO = [0x44, 0, 0, 0, 0, 0, 0, 0, 0];
export const V128_AND = [0xfd, 0x4e];

/** An unsigned LEB128 number, as memory offsets are written. */
export function unsignedLeb128(value: number): number[] {
  const bytes: number[] = [];
  let rest = value >>> 0;
  do {
    const byte = rest & 0x7f;
    rest >>>= 7;
    bytes.push(rest === 0 ? byte : byte | 0x80);
  } while (rest !== 0);
  return bytes;
}

/** Loads and stores at an address on the stack plus a constant offset. */
export const i32Load = (offset = 0): number[] => [0x28, 2, ...unsignedLeb128(offset)];
export const f32Load = (offset = 0): number[] => [0x2a, 2, ...unsignedLeb128(offset)];
export const f64Load = (offset = 0): number[] => [0x2b, 3, ...unsignedLeb128(offset)];
export const v128Load = (offset = 0): number[] => [0xfd, 0x00, 4, ...unsignedLeb128(offset)];
export const i32Store = (offset = 0): number[] => [0x36, 2, ...unsignedLeb128(offset)];
export const f64Store = (offset = 0): number[] => [0x39, 3, ...unsignedLeb128(offset)];
export const v128Store = (offset = 0): number[] => [0xfd, 0x0b, 4, ...unsignedLeb128(offset)];

export const get = (local: number): number[] => [0x20, local];
export const set = (local: number): number[] => [0x21, local];
export const tee = (local: number): number[] => [0x22, local];
/** i32.const for 0..63 (one-byte signed LEB128); larger values need i32Const. */
export function small(value: number): number[] {
  if (!(value >= 0 && value <= 63)) throw new RangeError(`${value} does not fit one LEB128 byte.`);
  return [0x41, value];
}
/** i32.const for any 32-bit value (signed LEB128). */
export function i32Const(value: number): number[] {
  const bytes = [0x41];
  let rest = value | 0;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    const done = (rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0);
    bytes.push(done ? byte : byte | 0x80);
    if (done) return bytes;
  }
}
/** local += by (by in 0..63). */
export const increment = (local: number, by: number): number[] => [
  ...get(local),
  ...small(by),
  I32_ADD,
  ...set(local),
];
/** local -= by (by in 0..63). */
export const decrement = (local: number, by: number): number[] => [
  ...get(local),
  ...small(by),
  I32_SUB,
  ...set(local),
];

/** while (local < limit, unsigned) { body } */
export const whileBelow = (local: number, limit: number, body: readonly number[]): number[] => [
  ...BLOCK,
  ...LOOP,
  ...get(local),
  ...get(limit),
  I32_GE_U,
  BR_IF,
  1,
  ...body,
  BR,
  0,
  END,
  END,
];

function leb128(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (rest !== 0);
  return bytes;
}

const section = (id: number, content: readonly number[]): number[] => [
  id,
  ...leb128(content.length),
  ...content,
];
const name = (text: string): number[] => [text.length, ...Array.from(text, (c) => c.charCodeAt(0))];

/** A module with one function `(params) -> ()`, exported as `exportName`, over env.memory. */
export function kernelModuleBytes(
  params: readonly number[],
  exportName: string,
  body: readonly number[],
): Uint8Array {
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, params.length, ...params, 0]),
    ...section(2, [1, ...name('env'), ...name('memory'), 0x02, 0x00, 1]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name(exportName), 0x00, 0]),
    ...section(10, [1, ...leb128(body.length), ...body]),
  ]);
}

/** The part of the WebAssembly API used here (the global is not in this project's typings). */
interface WasmApi {
  Memory: new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer };
  Module: new (bytes: Uint8Array) => object;
  Instance: new (
    module: object,
    imports: Record<string, Record<string, unknown>>,
  ) => { readonly exports: Record<string, unknown> };
}

const PAGE_BYTES = 65536;
const compiledModules = new WeakMap<Uint8Array, object | null>();

/**
 * Instantiates a kernel module over a fresh memory of at least `bytes` bytes. Undefined where
 * WebAssembly (or an extension the module uses, such as SIMD) is unavailable: callers then
 * use their JavaScript path. Modules compile once per process.
 */
export function instantiateKernel(
  moduleBytes: Uint8Array,
  bytes: number,
): { readonly buffer: ArrayBuffer; readonly exports: Record<string, unknown> } | undefined {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (!api) return undefined;
  let module = compiledModules.get(moduleBytes);
  if (module === undefined) {
    try {
      module = new api.Module(moduleBytes);
    } catch {
      module = null;
    }
    compiledModules.set(moduleBytes, module);
  }
  if (module === null) return undefined;
  const memory = new api.Memory({ initial: Math.max(1, Math.ceil(bytes / PAGE_BYTES)) });
  const instance = new api.Instance(module, { env: { memory } });
  return { buffer: memory.buffer, exports: instance.exports };
}
