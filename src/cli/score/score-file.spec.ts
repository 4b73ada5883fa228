import { compilePmml } from '@scorecast/pmml';
import type { ScoredCsv } from './score-csv';
import { ChunkWriter, chunkLines, scoreCsvFile } from './score-file';
import { REGRESSION } from './score-models.testing';

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

describe('ChunkWriter', () => {
  const chunk = (text: string, failedRecords = 0): ScoredCsv => ({
    bytes: Buffer.from(text),
    failedRecords,
    firstError: failedRecords > 0 ? `failed in ${text}` : undefined,
  });

  it('writes the header, then chunks in file order as soon as the ones before them are in', () => {
    const written: string[] = [];
    const writer = new ChunkWriter(compilePmml(REGRESSION), 3, (bytes) =>
      written.push(Buffer.from(bytes).toString()),
    );
    expect(written).toEqual(['y\n']);
    writer.deliver(2, chunk('c'));
    writer.deliver(1, chunk('b', 1));
    expect(written).toEqual(['y\n']);
    expect([writer.has(0), writer.has(1), writer.done]).toEqual([false, true, false]);
    writer.deliver(0, chunk('a', 2));
    expect(written).toEqual(['y\n', 'a', 'b', 'c']);
    expect(writer.done).toBe(true);
    writer.deliver(1, chunk('b again', 5));
    expect(written).toHaveLength(4);
    expect(writer.summary()).toEqual({ failedRecords: 3, firstError: 'failed in b' });
  });
});

describe('scoreCsvFile', () => {
  it('hands over the header and then each chunk of lines, scored', () => {
    const rows = Array.from({ length: 5000 }, (_, index) => `${index}`);
    const pieces: string[] = [];
    const summary = scoreCsvFile(
      compilePmml(REGRESSION),
      Buffer.from(`x\n${rows.join('\n')}\nnot a number\n`),
      (bytes) => pieces.push(Buffer.from(bytes).toString()),
    );
    expect(pieces).toHaveLength(3);
    expect(pieces.join('')).toBe(`y\n${rows.map((x) => `${1 + 2 * Number(x)}\n`).join('')}""\n`);
    expect(summary.failedRecords).toBe(1);
  });
});
