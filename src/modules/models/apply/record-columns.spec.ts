import { RecordColumns } from './record-columns';

describe('RecordColumns', () => {
  it('keeps records column-wise, undefined where a record lacks a field', () => {
    const chunk = new RecordColumns();
    chunk.addObject({ a: 1 });
    chunk.addObject({ b: 'x' });
    chunk.addCells(['a', 'b'], ['2']);
    expect(chunk.count).toBe(3);
    const columns = chunk.columns();
    expect(Object.keys(columns)).toEqual(['a', 'b']);
    expect([0, 1, 2].map((row) => columns.a[row])).toEqual([1, undefined, '2']);
    expect([0, 1, 2].map((row) => columns.b[row])).toEqual([undefined, 'x', undefined]);
  });

  it('keeps a field named __proto__ as a column', () => {
    const chunk = new RecordColumns();
    chunk.addObject(JSON.parse('{"__proto__": 5}') as Record<string, unknown>);
    const columns = chunk.columns();
    expect(Object.keys(columns)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(columns)).toBe(Object.prototype);
  });
});
