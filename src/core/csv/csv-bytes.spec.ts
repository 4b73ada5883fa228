import { CsvBytes, cellTexts } from './csv-bytes';

function written(columns: unknown[][], rows: number): string {
  const out = new CsvBytes();
  out.rows(
    columns.map((column) => cellTexts(column as (string | number | boolean | null)[])),
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
});
