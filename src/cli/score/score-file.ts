import { type CompiledPmml } from '@scorecast/pmml';
import { parseCsv } from '../../core/csv/csv-format';
import { appendScoredColumns, type ScoredCsv, ScoredRows, scoreCsvTable } from './score-csv';
import { lineEnd, readUnquotedColumns } from './unquoted-csv-reader';

/** Takes the output file's bytes, a piece at a time, in file order. */
export type WritePiece = (bytes: Uint8Array) => void;

/** How many records could not be scored, and the first reason. */
export interface ScoreSummary {
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

const PENDING = 0;
const DELIVERED = 1;

/**
 * Writes an output file of scored chunks: the header line at once, then each chunk as soon
 * as every chunk before it is written, whatever order they are scored in. A chunk delivered
 * again (by a helper thread after the chunk was rescored here) is ignored.
 */
export class ChunkWriter {
  private readonly state: Uint8Array;
  private next = 0;
  private failedRecords = 0;
  private firstError: string | undefined;
  private readonly waiting = new Map<number, ScoredCsv>();

  constructor(
    model: CompiledPmml,
    private readonly count: number,
    private readonly write: WritePiece,
  ) {
    this.state = new Uint8Array(count);
    write(new ScoredRows().header(model).result().bytes);
  }

  /** Whether chunk `index` has been delivered. */
  has(index: number): boolean {
    return this.state[index] !== PENDING;
  }

  get done(): boolean {
    return this.next === this.count;
  }

  deliver(index: number, scored: ScoredCsv): void {
    if (this.has(index)) return;
    this.state[index] = DELIVERED;
    this.failedRecords += scored.failedRecords;
    this.firstError ??= scored.firstError;
    this.waiting.set(index, scored);
    for (let part = this.waiting.get(this.next); part; part = this.waiting.get(this.next)) {
      this.waiting.delete(this.next);
      this.write(part.bytes);
      this.next++;
    }
  }

  summary(): ScoreSummary {
    return { failedRecords: this.failedRecords, firstError: this.firstError };
  }
}

/**
 * Scores a whole CSV file (header + rows) on this thread, handing the output to `write` a
 * chunk at a time so that it can be written while the next chunk is scored.
 */
export function scoreCsvFile(model: CompiledPmml, csv: Buffer, write: WritePiece): ScoreSummary {
  if (groupsRows(model) || !isLineOriented(csv)) {
    const { bytes, failedRecords, firstError } = scoreCsvTable(
      model,
      parseCsv(csv.toString('utf8')),
    );
    write(bytes);
    return { failedRecords, firstError };
  }
  const chunks = chunkLines(csv);
  const count = chunks.bounds.length - 1;
  const writer = new ChunkWriter(model, count, write);
  for (let index = 0; index < count; index++)
    writer.deliver(index, scoreChunk(model, csv, chunks, index));
  return writer.summary();
}
