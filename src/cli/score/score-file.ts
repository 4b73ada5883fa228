import { type CompiledPmml } from '@scorecast/pmml';
import { parseCsv } from '../../core/csv/csv-format';
import { appendScoredColumns, type ScoredCsv, ScoredRows, scoreCsvTable } from './score-csv';
import { lineEnd, readUnquotedColumns } from './unquoted-csv-reader';

/** An output CSV file as consecutive pieces of bytes, and the records that failed. */
export interface ScoredFile {
  readonly pieces: readonly Uint8Array[];
  readonly failedRecords: number;
  readonly firstError: string | undefined;
}

/**
 * Rows per chunk of an unquoted text: large enough to amortise the per-call work, small
 * enough that a chunk's strings and arrays die young instead of filling the old generation,
 * and that threads sharing the chunks finish close together.
 */
const CHUNK_ROWS = 4096;

const NUMERIC_TYPES: ReadonlySet<string> = new Set(['double', 'float', 'integer']);

/** Whether the model reads records that span rows (a group field: association baskets). */
export function groupsRows(model: CompiledPmml): boolean {
  return model.inputFields.some((field) => field.usageType === 'group');
}

const QUOTE = 0x22;

/** Whether rows can be scored a chunk of lines at a time: no quoted field, no row groups. */
export function isLineOriented(csv: Uint8Array): boolean {
  return !csv.includes(QUOTE);
}

/**
 * An unquoted CSV file (every line a record) cut into chunks of whole lines: the header's
 * names, and chunk i spanning csv[bounds[i], bounds[i + 1]) with rows[i] lines.
 */
export interface LineChunks {
  readonly header: readonly string[];
  readonly bounds: Int32Array;
  readonly rows: Int32Array;
}

const LINE_FEED = 0x0a;

export function chunkLines(csv: Buffer, rowsPerChunk = CHUNK_ROWS): LineChunks {
  const size = csv.length;
  const headerEnd = lineEnd(csv, 0, size);
  const header = parseCsv(csv.toString('utf8', 0, headerEnd)).header;
  const bounds = [Math.min(headerEnd + 1, size)];
  const rows: number[] = [];
  let end = bounds[0];
  while (end < size) {
    let row = 0;
    // indexOf runs natively, several times faster than a loop over the bytes.
    for (; row < rowsPerChunk && end < size; row++) {
      const feed = csv.indexOf(LINE_FEED, end);
      end = feed < 0 ? size : feed + 1;
    }
    bounds.push(end);
    rows.push(row);
  }
  return { header, bounds: Int32Array.from(bounds), rows: Int32Array.from(rows) };
}

/** Scores one chunk of an unquoted file; numeric cells are read as numbers. */
export function scoreChunk(
  model: CompiledPmml,
  csv: Buffer,
  chunks: LineChunks,
  index: number,
): ScoredCsv {
  const numericInputs = new Set(
    model.inputFields
      .filter((field) => NUMERIC_TYPES.has(field.dataType))
      .map((field) => field.name),
  );
  const { header, bounds } = chunks;
  const rows = chunks.rows[index];
  const numeric = header.map((name) => numericInputs.has(name));
  const columns = readUnquotedColumns(csv, bounds[index], bounds[index + 1], rows, numeric);
  const scored = new ScoredRows();
  appendScoredColumns(
    model,
    Object.fromEntries(header.map((name, column) => [name, columns[column]])),
    rows,
    scored,
  );
  return scored.result();
}

/** The output file of chunks scored in order: the header line, then every chunk's rows. */
export function joinScoredChunks(model: CompiledPmml, parts: readonly ScoredCsv[]): ScoredFile {
  let failedRecords = 0;
  let firstError: string | undefined;
  for (const part of parts) {
    failedRecords += part.failedRecords;
    firstError ??= part.firstError;
  }
  const header = new ScoredRows().header(model).result().bytes;
  return { pieces: [header, ...parts.map((part) => part.bytes)], failedRecords, firstError };
}

/** Scores a whole CSV file (header + rows) on this thread. */
export function scoreCsvFile(model: CompiledPmml, csv: Buffer): ScoredFile {
  if (groupsRows(model) || !isLineOriented(csv)) {
    const { bytes, failedRecords, firstError } = scoreCsvTable(
      model,
      parseCsv(csv.toString('utf8')),
    );
    return { pieces: [bytes], failedRecords, firstError };
  }
  const chunks = chunkLines(csv);
  const parts = Array.from({ length: chunks.bounds.length - 1 }, (_, index) =>
    scoreChunk(model, csv, chunks, index),
  );
  return joinScoredChunks(model, parts);
}
