import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutputFile } from './output-file';

describe('OutputFile', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'output-file-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('writes the pieces one after the other, whatever order the writes finish in', async () => {
    const path = join(folder, 'out.csv');
    writeFileSync(path, 'an older and longer content that must go');
    const output = new OutputFile(path);
    const pieces = Array.from({ length: 50 }, (_, index) => `line ${index}\n`.repeat(index + 1));
    for (const piece of pieces) output.write(Buffer.from(piece));
    await output.close();
    expect(readFileSync(path, 'utf8')).toBe(pieces.join(''));
  });

  it('leaves an existing file alone until the first piece', async () => {
    const path = join(folder, 'out.csv');
    writeFileSync(path, 'kept');
    await new OutputFile(path).close();
    expect(readFileSync(path, 'utf8')).toBe('kept');
    await new OutputFile(join(folder, 'never.csv')).close();
    expect(existsSync(join(folder, 'never.csv'))).toBe(false);
  });

  it('reports a failed write when closed', async () => {
    const output = new OutputFile('/dev/full');
    output.write(Buffer.from('x'.repeat(1 << 16)));
    await expect(output.close()).rejects.toThrow('ENOSPC');
  });
});
