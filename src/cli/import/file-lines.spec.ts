import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileLines, type LineChunk, MAX_LINE_CHARS } from './file-lines';

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'scorecast-lines-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readAll(content: string | Buffer, chunkBytes?: number): Promise<LineChunk[]> {
  const path = join(dir, 'file.txt');
  writeFileSync(path, content);
  const chunks: LineChunk[] = [];
  for await (const chunk of fileLines(path, chunkBytes)) chunks.push(chunk);
  return chunks;
}

describe('fileLines', () => {
  it('gives every line once, whole, however the chunks cut the file', async () => {
    const text = 'source,time\n1,é€😀\r\n\n2,last';

    for (const chunkBytes of [1, 2, 3, 5, 64]) {
      const chunks = await readAll(text, chunkBytes);
      expect(chunks.flatMap((chunk) => chunk.lines)).toEqual([
        'source,time',
        '1,é€😀',
        '',
        '2,last',
      ]);
    }
  });

  it('drops a byte order mark and counts the bytes read up to the whole file', async () => {
    const content = Buffer.from('\ufeffa\nb\n', 'utf8');

    const chunks = await readAll(content, 2);

    expect(chunks.flatMap((chunk) => chunk.lines)).toEqual(['a', 'b']);
    expect(chunks.map((chunk) => chunk.bytesRead)).toEqual([2, 4, 6, 7, 7]);
    expect(chunks.at(-1)?.bytesRead).toBe(content.length);
  });

  it('reads chunks as they are asked for, not the whole file at once', async () => {
    const path = join(dir, 'long.txt');
    writeFileSync(path, 'line\n'.repeat(100_000));
    const lines = fileLines(path, 1024);

    const first = await lines.next();
    await lines.return(undefined);

    expect(first.value).toMatchObject({ bytesRead: 1024 });
  });

  it('refuses a line longer than the limit, naming it', async () => {
    const path = join(dir, 'wide.txt');
    writeFileSync(path, `a\nb\n${'x'.repeat(MAX_LINE_CHARS + 1)}`);

    const read = async () => {
      for await (const chunk of fileLines(path)) void chunk;
    };

    await expect(read()).rejects.toThrow(`line 3 is longer than ${MAX_LINE_CHARS} characters`);
  });
});
