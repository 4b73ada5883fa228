import { ValidationError } from '../../../core/errors/domain-errors';
import { CSV_HEADER_ERROR, CsvRecordReader } from './csv-record-reader';
import { everySplit, readPieces } from './testing/read-records';

const read = (...pieces: string[]): Record<string, unknown>[] =>
  readPieces(new CsvRecordReader(), pieces);

function failure(pieces: readonly string[]): string {
  try {
    readPieces(new CsvRecordReader(), pieces);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).message;
  }
  throw new Error('the input was read without an error');
}

describe('CsvRecordReader', () => {
  it('reads the header as field names and each further row as a record, cells verbatim', () => {
    expect(read('a,b\n1, x \n3,4\n')).toEqual([
      { a: '1', b: ' x ' },
      { a: '3', b: '4' },
    ]);
  });

  it('keeps empty cells (missing) and leaves trailing cells a short row lacks unset', () => {
    expect(read('a,b,c\n,2,\n5\n')).toEqual([{ a: '', b: '2', c: '' }, { a: '5' }]);
  });

  it('reads quoted cells with commas, escaped quotes and line breaks', () => {
    expect(read('a,b\n"x,y","say ""hi"""\n"line\r\nbreak",""\n')).toEqual([
      { a: 'x,y', b: 'say "hi"' },
      { a: 'line\r\nbreak', b: '' },
    ]);
  });

  it('treats a quote inside an unquoted cell as text', () => {
    expect(read('a\n5"7\n')).toEqual([{ a: '5"7' }]);
  });

  it('ends records at LF, CRLF and CR, with or without a final line break', () => {
    expect(read('a\r\n1\r2\n3')).toEqual([{ a: '1' }, { a: '2' }, { a: '3' }]);
  });

  it('skips empty lines but reads a quoted empty cell as a record', () => {
    expect(read('a\n\n1\n\r\n""\n\n')).toEqual([{ a: '1' }, { a: '' }]);
  });

  it('drops a byte order mark before the header', () => {
    expect(read('\uFEFFa\n1\n')).toEqual([{ a: '1' }]);
  });

  it('reads no records from an empty body or a header alone', () => {
    expect(read()).toEqual([]);
    expect(read('a,b\n')).toEqual([]);
  });

  it('reads the same records wherever the body is cut into pieces', () => {
    const text = '\uFEFFname,"we""ird",z\r\n"a,b","q""uote"\r\n\r\nZürich,,"multi\nline"\n"",x,y';
    const expected = [
      { name: 'a,b', 'we"ird': 'q"uote' },
      { name: 'Zürich', 'we"ird': '', z: 'multi\nline' },
      { name: '', 'we"ird': 'x', z: 'y' },
    ];
    for (const pieces of everySplit(text)) expect(read(...pieces)).toEqual(expected);
  });

  it('fails a row with more cells than the header, naming its record', () => {
    expect(failure(['a,b\n1,2\n\n3,4,5\n6,7\n'])).toBe('Failed to parse input at record 2.');
  });

  it('fails a character after a closing quote, naming its record', () => {
    expect(failure(['a\n1\n2\n"3"x\n'])).toBe('Failed to parse input at record 3.');
  });

  it('fails a quote left open at the end, naming the record it opened in', () => {
    expect(failure(['a,b\n1,2\n3,"4\n5,6\n'])).toBe('Failed to parse input at record 2.');
  });

  it('names the same failing record wherever the body is cut into pieces', () => {
    const text = 'a,b\n"1\n",2\n3,"x""y"z\n';
    for (const pieces of everySplit(text)) {
      expect(failure(pieces)).toBe('Failed to parse input at record 2.');
    }
  });

  it('fails a malformed header row with its own message', () => {
    expect(failure(['"a"b,c\n1,2\n'])).toBe(CSV_HEADER_ERROR);
    expect(failure(['"a,b\n1,2\n'])).toBe(CSV_HEADER_ERROR);
  });
});
