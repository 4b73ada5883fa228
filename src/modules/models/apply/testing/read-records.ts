import type { BatchReader } from '../batch-reader';
import { RecordColumns } from '../record-columns';

/** Test helper: the records in a chunk as objects of the fields each record has. */
export function recordsOf(chunk: RecordColumns): Record<string, unknown>[] {
  const columns = Object.entries(chunk.columns());
  return Array.from({ length: chunk.count }, (_, row) =>
    Object.fromEntries(
      columns
        .filter(([, values]) => values[row] !== undefined)
        .map(([name, values]) => [name, values[row]]),
    ),
  );
}

/** Test helper: reads a body given as pieces, then ends it; the records read. */
export function readPieces(
  reader: BatchReader,
  pieces: readonly string[],
): Record<string, unknown>[] {
  const chunk = new RecordColumns();
  for (const piece of pieces) reader.read(piece, chunk);
  reader.end(chunk);
  return recordsOf(chunk);
}

/**
 * Test helper: ways to cut a text into pieces as a network would: in two at every position,
 * and one character at a time.
 */
export function everySplit(text: string): string[][] {
  const halves = Array.from({ length: text.length + 1 }, (_, at) => [
    text.slice(0, at),
    text.slice(at),
  ]);
  return [...halves, [...text]];
}
