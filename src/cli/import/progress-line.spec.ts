import { ProgressLine, type ProgressStream } from './progress-line';

function terminal(isTTY: boolean, columns = 40): ProgressStream & { written: string[] } {
  const written: string[] = [];
  return {
    isTTY,
    columns,
    written,
    write: (text: string) => {
      written.push(text);
      return true;
    },
  };
}

describe('ProgressLine', () => {
  it('redraws the line in place at most ten times a second', () => {
    const stream = terminal(true);
    let now = 1_000;
    const progress = new ProgressLine(stream, () => now);

    progress.update(() => 'one');
    now += 50;
    progress.update(() => 'skipped');
    now += 50;
    progress.update(() => 'two');

    expect(stream.written).toEqual(['\rone\x1b[K', '\rtwo\x1b[K']);
  });

  it('writes nothing when the stream is not a terminal, not even the text', () => {
    const stream = terminal(false);
    const progress = new ProgressLine(stream, () => 0);
    const text = jest.fn(() => 'progress');

    progress.update(text);
    progress.clear();

    expect(stream.written).toEqual([]);
    expect(text).not.toHaveBeenCalled();
  });

  it('cuts the line to the terminal width so it never wraps', () => {
    const stream = terminal(true, 10);

    new ProgressLine(stream, () => 0).update(() => '0123456789abc');

    expect(stream.written).toEqual(['\r012345678\x1b[K']);
  });

  it('erases the line once when cleared, and only if it drew one', () => {
    const stream = terminal(true);
    const progress = new ProgressLine(stream, () => 0);

    progress.clear();
    progress.update(() => 'x');
    progress.clear();
    progress.clear();

    expect(stream.written).toEqual(['\rx\x1b[K', '\r\x1b[K']);
  });
});
