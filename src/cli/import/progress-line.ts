/** Where the line is drawn: process.stderr, or a stand-in in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): boolean;
}

const MIN_REDRAW_MS = 100;

/**
 * A one-line progress indicator redrawn in place with `\r`, at most ten times a second, and
 * only on a terminal: piped or redirected output gets nothing.
 */
export class ProgressLine {
  private lastDrawn = -Infinity;
  private shown = false;

  constructor(
    private readonly stream: ProgressStream,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Redraws the line with `text()` unless it was drawn less than 100 ms ago. */
  update(text: () => string): void {
    if (!this.stream.isTTY) return;
    const now = this.now();
    if (now - this.lastDrawn < MIN_REDRAW_MS) return;
    this.lastDrawn = now;
    // A line wider than the terminal would wrap, and \r would then redraw only its last row.
    const width = (this.stream.columns ?? 80) - 1;
    this.stream.write(`\r${text().slice(0, width)}\x1b[K`);
    this.shown = true;
  }

  /** Erases the line, so what is printed next starts on a clean line. */
  clear(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
