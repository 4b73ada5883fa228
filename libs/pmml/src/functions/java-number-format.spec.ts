import { NumberPattern } from './java-number-format';
import { javaFloatingText, javaText } from './java-number-text';

// Expected texts are what Java 17's String.format and Double.toString print.
const format = (pattern: string, value: number, float = false) =>
  NumberPattern.compile(pattern).format(value, float);

describe("Java's number formatting", () => {
  it.each([
    ['%.2f', 2.675, '2.68'],
    ['%.0f', 2.5, '3'],
    ['%#.0f', 2.5, '3.'],
    ['%.3e', 9999999, '1.000e+07'],
    ['%g', 0, '0.00000'],
    ['%.3g', 100, '100'],
    ['%.1g', 0.000123456, '0.0001'],
    ['%g', 123456, '123456'],
    ['%10.4f', 2, '    2.0000'],
    ['%-10.2f|', 0.5, '0.50      |'],
    ['% .3f', 1, ' 1.000'],
    ['%(.2f', -0, '(0.00)'],
    ['%.2f', -0.001, '-0.00'],
    ['%,.2f', 1e21, '1,000,000,000,000,000,000,000.00'],
    ['%.20f', 0.1, '0.10000000000000000000'],
    ['%e', 1e-300, '1.000000e-300'],
    ['%f', NaN, 'NaN'],
    ['%+e', Infinity, '+Infinity'],
    ['%E', 12345.678, '1.234568E+04'],
  ])('formats %s of %d as Java does', (pattern, value, expected) => {
    expect(format(pattern, value)).toBe(expected);
  });

  it.each([
    ['%d', 3000000000, '3000000000'],
    ['%x', -3000000000, 'ffffffff4d2fa200'],
    ['%o', -1, '37777777777'],
    ['%#o', 8, '010'],
    ['%#x', 255, '0xff'],
    ['%,015d', 1234567, '0000001,234,567'],
    ['%(5d', -12, ' (12)'],
    ['% d', 5, ' 5'],
    ['%c', 65, 'A'],
    ['%b', 0, 'true'],
  ])('formats the integer %s of %d as Java does', (pattern, value, expected) => {
    expect(format(pattern, value)).toBe(expected);
  });

  it('formats floats with their own shortest digits for %s', () => {
    expect(format('%s', Math.fround(0.1), true)).toBe('0.1');
    expect(format('%.3f', Math.fround(123456.7), true)).toBe('123456.703');
  });

  it('writes numbers as Double.toString and Float.toString do', () => {
    expect(
      [1e7, 9999999.5, 0.001, 0.00099, 1.5e-5, -0, 100.25].map((x) => javaFloatingText(x)),
    ).toEqual(['1.0E7', '9999999.5', '0.001', '9.9E-4', '1.5E-5', '-0.0', '100.25']);
    expect(javaFloatingText(Math.fround(3.4028235e38), true)).toBe('3.4028235E38');
    expect(javaText(12)).toBe('12');
    expect(javaText(true)).toBe('true');
  });
});
