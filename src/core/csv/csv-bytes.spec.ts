import { CsvBytes, cellTexts, columnCells } from './csv-bytes';

type Cells = (string | number | boolean | null | undefined)[];

function written(columns: unknown[][], rows: number, convert = columnCells): string {
  const out = new CsvBytes();
  out.rows(
    columns.map((column) => convert(column as Cells)),
    rows,
  );
  return Buffer.from(out.view).toString('utf8');
}

describe('CsvBytes and cellTexts', () => {
  it('write numbers round-trip, booleans as words and missing as empty', () => {
    expect(written([[0.1], [1e-20], [true], [null], ['plain']], 1)).toBe('0.1,1e-20,true,,plain\n');
  });

  it('quote cells that need it', () => {
    expect(written([['a,b'], ['say "hi"'], ['x'], ['']], 1)).toBe('"a,b","say ""hi""",x,""\n');
  });

  it('write a lone missing cell as "" so the line is not blank', () => {
    expect(written([[null, 2]], 2)).toBe('""\n2\n');
  });

  it('encode text beyond ASCII as UTF-8', () => {
    expect(
      written(
        [
          ['Zürich', 'naïve €'],
          [1, 2],
        ],
        2,
      ),
    ).toBe('Zürich,1\nnaïve €,2\n');
  });

  it('grow past their first buffer without losing bytes', () => {
    const values = Array.from({ length: 50_000 }, (_, index) => index / 7);
    const text = written([values, values.map((value) => `v${value}`)], values.length);
    const lines = text.split('\n');
    expect(lines).toHaveLength(50_001);
    expect(lines[49_999]).toBe(`${49_999 / 7},v${49_999 / 7}`);
  });

  it('write numeric columns through JSON exactly as cell by cell', () => {
    const numbers = [0.1, -0, 1e21, 5e-324, -1.2345678901234567e-308, 123456789, 2 / 3, null, true];
    const viaJson = written([numbers, numbers.map(() => 'x')], numbers.length);
    expect(viaJson).toBe(written([numbers, numbers.map(() => 'x')], numbers.length, cellTexts));
    expect(viaJson.split('\n').slice(0, 3)).toEqual(['0.1,x', '0,x', '1e+21,x']);
    expect(columnCells(numbers)).toHaveProperty('json');
  });

  it('write text columns from their bytes exactly as from their texts', () => {
    const mixed = ['a,b', null, true, 1.5, NaN, '', 'Zürich', 'a,b', undefined, 'say "hi"'];
    const columns = [mixed, mixed.map(() => 'x')];
    expect(written(columns, mixed.length)).toBe(written(columns, mixed.length, cellTexts));
    expect(columnCells(mixed)).toHaveProperty('encoded');
  });

  it('write a lone empty text cell as ""', () => {
    expect(written([['', 'a', null]], 3)).toBe('""\na\n""\n');
    expect(written([['', 'a', null]], 3, cellTexts)).toBe('""\na\n""\n');
  });

  it('write NaN and the infinities as words, which JSON cannot', () => {
    expect(written([[NaN, Infinity, -Infinity, 1]], 4)).toBe('NaN\nInfinity\n-Infinity\n1\n');
  });

  it('write a lone missing number as "" and read typed arrays', () => {
    expect(written([[null, 2]], 2)).toBe('""\n2\n');
    expect(written([Float64Array.of(0.5, 3) as unknown as unknown[]], 2)).toBe('0.5\n3\n');
  });
});
