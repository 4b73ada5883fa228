import { i32Const, small } from './wasm-assembler';

describe('small', () => {
  it('encodes 0 to 63 in one byte and refuses what would read back as another number', () => {
    expect(small(63)).toEqual([0x41, 63]);
    expect(() => small(64)).toThrow(RangeError);
    expect(() => small(-1)).toThrow(RangeError);
    expect(i32Const(64)).toEqual([0x41, 0xc0, 0x00]);
  });
});
