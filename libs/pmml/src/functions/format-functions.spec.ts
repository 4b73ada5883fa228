import { apply, expressionOf } from './testing/expression-fixture';

const formatNumber = (record: Record<string, unknown>, pattern: string, field = 'x') =>
  apply(
    'formatNumber',
    `<FieldRef field="${field}"/><Constant dataType="string">${pattern}</Constant>`,
    record,
  );
const formatDatetime = (record: Record<string, unknown>, field: string, pattern: string) =>
  apply(
    'formatDatetime',
    `<FieldRef field="${field}"/><Constant dataType="string">${pattern}</Constant>`,
    record,
  );

describe('formatNumber', () => {
  it('pads an integer to a width (the spec example)', () => {
    expect(formatNumber({ n: 2 }, '%3d', 'n')).toBe('  2');
  });

  it('rounds the shortest decimal digits half up, as Java does', () => {
    expect(formatNumber({ x: 0.125 }, '%.2f')).toBe('0.13');
    expect(formatNumber({ x: 0.15 }, '%.1f')).toBe('0.2');
    expect(formatNumber({ x: 1.005 }, '%.2f')).toBe('1.01');
  });

  it("formats scientific and general notation like Java's Formatter", () => {
    expect(formatNumber({ x: 1234.5678 }, '%e')).toBe('1.234568e+03');
    expect(formatNumber({ x: 0.0001 }, '%g')).toBe('0.000100000');
    expect(formatNumber({ x: 1234567 }, '%g')).toBe('1.23457e+06');
    expect(formatNumber({ x: 99.99 }, '%.2g')).toBe('1.0e+02');
  });

  it('applies flags: grouping, sign, parentheses, zero padding, left justification', () => {
    expect(formatNumber({ x: 1234567.891 }, '%,.2f')).toBe('1,234,567.89');
    expect(formatNumber({ x: -3.5 }, '%(.1f')).toBe('(3.5)');
    expect(formatNumber({ x: 2.5 }, '%+08.2f')).toBe('+0002.50');
    expect(formatNumber({ n: 255 }, '%-6x|', 'n')).toBe('ff    |');
    expect(formatNumber({ n: -1 }, '%X', 'n')).toBe('FFFFFFFF');
  });

  it('keeps text around the conversion', () => {
    expect(formatNumber({ x: 12.5 }, 'value: %.1f%%')).toBe('value: 12.5%');
  });

  it('refuses an integer conversion of a fraction when scoring', () => {
    expect(() => formatNumber({ x: 2.5 }, '%d')).toThrow('needs an integer');
  });

  it('refuses a malformed or unsupported constant pattern when compiling', () => {
    const compile = (pattern: string) =>
      expressionOf(
        `<Apply function="formatNumber"><FieldRef field="x"/><Constant>${pattern}</Constant></Apply>`,
      );
    expect(() => compile('%-d')).toThrow('need a width');
    expect(() => compile('%a')).toThrow('not supported');
    expect(() => compile('%d %d')).toThrow('argument other than the number');
  });
});

describe('formatDatetime', () => {
  it('formats a date with strftime-like conversions (the spec example)', () => {
    expect(formatDatetime({ day: '2004-08-20' }, 'day', '%m/%d/%y')).toBe('08/20/04');
  });

  it("uses Java's conversions for names, days of the year and times", () => {
    expect(formatDatetime({ day: '2004-08-20' }, 'day', '%A, %e %B %Y (day %j)')).toBe(
      'Friday, 20 August 2004 (day 233)',
    );
    expect(formatDatetime({ stamp: '2004-08-20T15:04:05' }, 'stamp', '%F %T %I%p')).toBe(
      '2004-08-20 15:04:05 03pm',
    );
    expect(formatDatetime({ clock: '07:08:09' }, 'clock', '%H.%M.%S')).toBe('07.08.09');
  });

  it('reads a date counted from another epoch by its data type', () => {
    expect(formatDatetime({ day1960: 366 }, 'day1960', '%Y-%m-%d')).toBe('1961-01-01');
  });

  it('refuses a time conversion for a date when scoring, and zone conversions when compiling', () => {
    expect(() => formatDatetime({ day: '2004-08-20' }, 'day', '%H')).toThrow('needs a time');
    expect(() => formatDatetime({ day: '2004-08-20' }, 'day', '%Z')).toThrow('not supported');
  });
});
