import { numbersJson } from '../../core/csv/shortest-decimal';
import type { RecordChunk } from '../devices/device-data-source';
import { javaInstant } from './java-instant';

/** Records per stored chunk, and per device on a page of inferences (the document's maximum). */
export const INFERENCE_CHUNK_RECORDS = 2000;

/** The name of the timestamps array in a job's outputRecords. */
export const timestampField = (jobId: number): string => `timestamp_${jobId}`;

/** The JSON array of a chunk's record times, written once and shared by every model's row. */
export function timestampsJson(times: readonly number[]): string {
  return JSON.stringify(times.map(javaInstant));
}

/**
 * A model's outputRecords for a chunk as JSON text: every result field as an array, in the
 * model's order, then the timestamps. Numbers that are not finite become null, as JSON has none.
 * Columns of numbers are written by the WebAssembly formatter, the same text at half the cost.
 */
export function outputRecordsJson(
  columns: Readonly<Record<string, readonly unknown[]>>,
  timestampKey: string,
  timesJson: string,
): string {
  let json = '{';
  for (const [field, values] of Object.entries(columns)) {
    const numbers = numbersJson(values);
    const array = numbers
      ? Buffer.from(numbers.buffer, numbers.byteOffset, numbers.length).toString('latin1')
      : JSON.stringify(values);
    json += `${JSON.stringify(field)}:${array},`;
  }
  return `${json}${JSON.stringify(timestampKey)}:${timesJson}}`;
}

/** A chunk cut into pieces of at most `size` records (a source may yield larger chunks). */
export function chunkPieces(chunk: RecordChunk, size: number): RecordChunk[] {
  if (chunk.times.length <= size) return [chunk];
  const pieces: RecordChunk[] = [];
  for (let start = 0; start < chunk.times.length; start += size) {
    const end = start + size;
    pieces.push({
      times: chunk.times.slice(start, end),
      columns: Object.fromEntries(
        Object.entries(chunk.columns).map(([input, values]) => [input, values.slice(start, end)]),
      ),
    });
  }
  return pieces;
}
