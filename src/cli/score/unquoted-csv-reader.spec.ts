import { plainDecimal, readUnquotedColumns } from './unquoted-csv-reader';

const decimal = (text: string): number | undefined =>
  plainDecimal(Buffer.from(text), 0, Buffer.byteLength(text));

describe('plainDecimal', () => {
  it('reads plain decimals exactly as Number does', () => {
    const texts = [
      '0',
      '7',
      '-12.5',
      '0.0078125',
      '+3.25',
      '1.',
      '.5',
      '-0',
      '123456789012345',
      '0.1',
      '0.3',
      '2.675',
      '1234567890123456',
      '9007199254740991',
      '0.1234567890123456',
    ];
    for (const text of texts) expect(Object.is(decimal(text), Number(text))).toBe(true);
  });

  it('agrees with Number on many random decimals of up to 15 significant digits', () => {
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let index = 0; index < 20_000; index++) {
      const digits = 1 + Math.floor(random() * 15);
      const mantissa = String(Math.floor(random() * 10 ** digits));
      const point = Math.floor(random() * (mantissa.length + 1));
      const text = `${random() < 0.5 ? '-' : ''}${mantissa.slice(0, point)}.${mantissa.slice(point)}`;
      expect(decimal(text)).toBe(Number(text));
    }
  });

  it('leaves anything else to the caller', () => {
    for (const text of [
      '',
      '-',
      '.',
      '1e5',
      'NaN',
      ' 1',
      '1,5',
      '0x10',
      '9007199254740993',
      '0.12345678901234567',
      '1.2.3',
    ]) {
      expect(decimal(text)).toBeUndefined();
    }
  });
});

describe('readUnquotedColumns', () => {
  const asArrays = (columns: ArrayLike<unknown>[]): unknown[][] =>
    columns.map((column) => Array.from(column));

  it('reads numbers, text, missing cells and CRLF line ends into columns', () => {
    const text = 'header\n1.5,red,\r\n,blue,x\n-2,,7\n';
    const columns = readUnquotedColumns(Buffer.from(text), 7, text.length, 3, [true, false, true]);
    expect(asArrays(columns)).toEqual([
      [1.5, null, -2],
      ['red', 'blue', null],
      [null, 'x', 7],
    ]);
  });

  it('gives missing values for the cells a short line lacks', () => {
    expect(asArrays(readUnquotedColumns(Buffer.from('1\n'), 0, 2, 1, [true, true]))).toEqual([
      [1],
      [undefined],
    ]);
  });

  it('gives a numeric column of numbers only as a Float64Array', () => {
    const text = '1.5,a\n-2,b\n0.25,c';
    const columns = readUnquotedColumns(Buffer.from(text), 0, text.length, 3, [true, false]);
    expect(columns[0]).toBeInstanceOf(Float64Array);
    expect(Array.from(columns[0])).toEqual([1.5, -2, 0.25]);
    expect(columns[1]).toEqual(['a', 'b', 'c']);
  });

  it('keeps the numbers read before a numeric column meets text or a blank', () => {
    const text = '1\n2\nNaN\n\n5\n';
    const columns = readUnquotedColumns(Buffer.from(text), 0, text.length, 5, [true]);
    expect(columns[0]).toEqual([1, 2, 'NaN', null, 5]);
  });

  it('keeps the text of numeric cells that only start like a plain decimal', () => {
    const text = '1.5x,2\n2e3,-\n+,7.\r\n';
    const columns = readUnquotedColumns(Buffer.from(text), 0, text.length, 3, [true, true]);
    expect(asArrays(columns)).toEqual([
      ['1.5x', '2e3', '+'],
      [2, '-', 7],
    ]);
  });

  it('reads text cells beyond ASCII as UTF-8', () => {
    const csv = Buffer.from('Zürich,1\nnaïve €,2\n');
    const columns = readUnquotedColumns(csv, 0, csv.length, 2, [false, true]);
    expect(columns[0]).toEqual(['Zürich', 'naïve €']);
    expect(Array.from(columns[1])).toEqual([1, 2]);
  });
});
