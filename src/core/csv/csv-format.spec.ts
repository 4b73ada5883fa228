import { parseCsv } from './csv-format';

describe('parseCsv', () => {
  it('reads quoted cells with commas, quotes and line breaks, keeping blanks', () => {
    const table = parseCsv('a,b\n"x, y","say ""hi"""\n  padded ,"multi\nline"\n');
    expect(table.header).toEqual(['a', 'b']);
    expect(table.rows).toEqual([
      ['x, y', 'say "hi"'],
      ['  padded ', 'multi\nline'],
    ]);
  });

  it('reads CRLF line ends', () => {
    expect(parseCsv('a,b\r\n1,2\r\n').rows).toEqual([['1', '2']]);
  });

  it('keeps a blank line of a one-column file as a missing value, but not the final line break', () => {
    expect(parseCsv('a\n1\n\n2\n').rows).toEqual([['1'], [''], ['2']]);
  });

  it('drops a byte order mark', () => {
    expect(parseCsv('\ufeffa\n1').header).toEqual(['a']);
  });
});
