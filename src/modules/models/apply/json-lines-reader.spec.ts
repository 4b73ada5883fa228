import { ValidationError } from '../../../core/errors/domain-errors';
import { JsonLinesReader } from './json-lines-reader';
import { everySplit, readPieces } from './testing/read-records';

const read = (...pieces: string[]): Record<string, unknown>[] =>
  readPieces(new JsonLinesReader(), pieces);

function failure(pieces: readonly string[]): string {
  try {
    readPieces(new JsonLinesReader(), pieces);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).message;
  }
  throw new Error('the input was read without an error');
}

describe('JsonLinesReader', () => {
  it('reads each line as a record, with or without a final line break', () => {
    expect(read('{"x":1}\n{"x":2,"s":"a"}')).toEqual([{ x: 1 }, { x: 2, s: 'a' }]);
    expect(read('{"x":1}\n')).toEqual([{ x: 1 }]);
  });

  it('skips blank lines and accepts CRLF line ends', () => {
    expect(read('\r\n{"x":1}\r\n  \r\n\n{"x":2}\r\n')).toEqual([{ x: 1 }, { x: 2 }]);
  });

  it('reads no records from an empty body', () => {
    expect(read()).toEqual([]);
  });

  it('reads the same records wherever the body is cut into pieces', () => {
    const text = '\uFEFF{"a":"x\\ny","b":[1,2]}\r\n\n{"c":"Zürich"}\n{"d":null}';
    const expected = [{ a: 'x\ny', b: [1, 2] }, { c: 'Zürich' }, { d: null }];
    for (const pieces of everySplit(text)) expect(read(...pieces)).toEqual(expected);
  });

  it.each([
    ['a line that is not JSON', '{"x":1}\n{"x":\n{"x":3}\n', 2],
    ['an array', '{"x":1}\n[{"x":2}]\n', 2],
    ['a number', '7\n', 1],
    ['null', '{"x":1}\n{"x":2}\nnull', 3],
    ['two objects on one line', '{"x":1} {"x":2}\n', 1],
  ])('fails %s, naming the record', (_case, text, record) => {
    expect(failure([text])).toBe(`Failed to parse input at record ${record}.`);
  });

  it('does not count blank lines as records in the failure', () => {
    expect(failure(['{"x":1}\n\n\n{"x"}\n'])).toBe('Failed to parse input at record 2.');
  });

  it('names the same failing record wherever the body is cut into pieces', () => {
    const text = '{"x":1}\n{"x":2}\n{"x":"\n"}\n';
    for (const pieces of everySplit(text)) {
      expect(failure(pieces)).toBe('Failed to parse input at record 3.');
    }
  });
});
