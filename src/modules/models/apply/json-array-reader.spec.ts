import { ValidationError } from '../../../core/errors/domain-errors';
import { JsonArrayReader } from './json-array-reader';
import { everySplit, readPieces } from './testing/read-records';

const read = (...pieces: string[]): Record<string, unknown>[] =>
  readPieces(new JsonArrayReader(), pieces);

function failure(pieces: readonly string[]): string {
  try {
    readPieces(new JsonArrayReader(), pieces);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).message;
  }
  throw new Error('the input was read without an error');
}

describe('JsonArrayReader', () => {
  it('reads each element of the array as a record', () => {
    expect(read('[{"x": 1, "s": "a"}, {"x": 2.5, "b": true, "n": null}]')).toEqual([
      { x: 1, s: 'a' },
      { x: 2.5, b: true, n: null },
    ]);
  });

  it('reads no records from an empty array', () => {
    expect(read(' [ ] ')).toEqual([]);
  });

  it('is not misled by braces, brackets, quotes and backslashes inside strings', () => {
    expect(read('[{"a": "}]{[", "b": "say \\"}\\"", "c": "\\\\", "d": "\\u007d"}]')).toEqual([
      { a: '}]{[', b: 'say "}"', c: '\\', d: '}' },
    ]);
  });

  it('keeps nested arrays and objects as values', () => {
    expect(read('[{"items": ["a", ["b"]], "o": {"k": [1]}}]')).toEqual([
      { items: ['a', ['b']], o: { k: [1] } },
    ]);
  });

  it('drops a byte order mark and allows whitespace between the tokens', () => {
    expect(read('\uFEFF\n[\r\n\t{"a":1}\n ,\n{"a":2}\n]\n')).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('reads the same records wherever the body is cut into pieces', () => {
    const text = '\uFEFF [ {"k\\"ey": "va}l\\\\", "n": [1, {"m": "]"}]} ,{"z": "Zürich"} ]';
    const expected = [{ 'k"ey': 'va}l\\', n: [1, { m: ']' }] }, { z: 'Zürich' }];
    for (const pieces of everySplit(text)) expect(read(...pieces)).toEqual(expected);
  });

  it.each([
    ['an element that is not an object', '[{"a":1}, 5]', 2],
    ['a null element', '[{"a":1}, {"a":2}, null]', 3],
    ['a nested array as an element', '[[{"a":1}]]', 1],
    ['an element that is not valid JSON', '[{"a":1}, {"a":}]', 2],
    ['an element closed by the wrong bracket', '[{"a":[1}]]', 1],
    ['a missing comma', '[{"a":1} {"a":2}]', 2],
    ['a trailing comma', '[{"a":1},]', 2],
    ['an array left open', '[{"a":1}', 2],
    ['an element left open', '[{"a":1}, {"a":', 2],
    ['text after the array', '[{"a":1}] x', 2],
    ['a body that is not an array', '{"a":1}', 1],
    ['an empty body', '', 1],
  ])('fails %s, naming the record', (_case, text, record) => {
    expect(failure([text])).toBe(`Failed to parse input at record ${record}.`);
  });

  it('names the same failing record wherever the body is cut into pieces', () => {
    const text = '[{"a": "x,y"}, {"b": "}"}, {"c": 1,}]';
    for (const pieces of everySplit(text)) {
      expect(failure(pieces)).toBe('Failed to parse input at record 3.');
    }
  });
});
