import { f64Load, i32Const, small, unsignedLeb128 } from './wasm-assembler';

describe('small', () => {
  it('encodes 0 to 63 in one byte and refuses what would read back as another number', () => {
    expect(small(63)).toEqual([0x41, 63]);
    expect(() => small(64)).toThrow(RangeError);
    expect(() => small(-1)).toThrow(RangeError);
    expect(i32Const(64)).toEqual([0x41, 0xc0, 0x00]);
  });
});

describe('memory offsets', () => {
  it('are written in as many LEB128 bytes as they need', () => {
    expect(unsignedLeb128(127)).toEqual([0x7f]);
    expect(unsignedLeb128(128)).toEqual([0x80, 0x01]);
    expect(unsignedLeb128(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(f64Load(384)).toEqual([0x2b, 3, 0x80, 0x03]);
  });
});
