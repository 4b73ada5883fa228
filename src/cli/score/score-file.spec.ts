import { chunkLines } from './score-file';

describe('chunkLines', () => {
  it('cuts the rows into chunks of whole lines, losing no row', () => {
    const rows = Array.from({ length: 10 }, (_, index) => `${index},${index * 2}`);
    const text = `a,b\n${rows.join('\n')}\n`;
    const { header, bounds, rows: counts } = chunkLines(Buffer.from(text), 4);
    expect(header).toEqual(['a', 'b']);
    expect(Array.from(counts)).toEqual([4, 4, 2]);
    const chunks = Array.from(bounds.slice(1), (end, index) => text.slice(bounds[index], end));
    expect(chunks.map((chunk) => chunk.split('\n').filter(Boolean).length)).toEqual([4, 4, 2]);
    expect(chunks.join('')).toBe(`${rows.join('\n')}\n`);
  });

  it('keeps a last row without a line break', () => {
    const text = 'a\n1\n2';
    const { bounds, rows } = chunkLines(Buffer.from(text), 1);
    expect(Array.from(bounds)).toEqual([2, 4, 5]);
    expect(Array.from(rows)).toEqual([1, 1]);
  });

  it('has no chunk for a header alone', () => {
    expect(Array.from(chunkLines(Buffer.from('a,b')).bounds)).toEqual([3]);
    expect(Array.from(chunkLines(Buffer.from('a,b\n')).bounds)).toEqual([4]);
  });
});
