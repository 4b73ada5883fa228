import { splitCsvText } from './score-in-parallel';

describe('splitCsvText', () => {
  it('splits at line boundaries, every part starting with the header, losing no row', () => {
    const rows = Array.from({ length: 10 }, (_, index) => `${index},${index * 2}`);
    const text = `a,b\n${rows.join('\n')}\n`;
    const parts = splitCsvText(text, 3);
    expect(parts).toHaveLength(3);
    for (const part of parts) expect(part.startsWith('a,b\n')).toBe(true);
    expect(parts.map((part) => part.slice(4)).join('')).toBe(`${rows.join('\n')}\n`);
  });

  it('keeps a last row without a line break', () => {
    expect(splitCsvText('a\n1\n2', 2)).toEqual(['a\n1\n', 'a\n2']);
  });

  it('returns fewer parts than asked when there are fewer rows', () => {
    expect(splitCsvText('a\n1\n', 4)).toEqual(['a\n1\n']);
  });
});
